/**
 * Characters a person's name never needs and an attacker does: markup (`<`, `>`), control
 * characters, and the invisible bidirectional and zero-width formatting marks that make text
 * read differently than it is stored (U+202E shows "gnp.exe" as "exe.png").
 */
const UNSAFE_IN_NAME = /[<>\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** A name shown to other admins: visible characters, at most `maxLength`, no markup or direction tricks. */
export function isAcceptableName(name: string, maxLength = 200): boolean {
  const trimmed = name.trim();
  return trimmed.length > 0 && trimmed.length <= maxLength && !UNSAFE_IN_NAME.test(trimmed);
}

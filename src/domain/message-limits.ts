/**
 * Meta's documented limits on what a message may carry (characters unless said otherwise;
 * reference §3). Declared here, pure, so that the composer counts against the same numbers the
 * Graph client checks before a call (src/cloud-api/message-limits.ts).
 */
export const MESSAGE_LIMITS = {
  textBody: 4096,
  caption: 1024,
  callbackDataBytes: 512,
  interactiveHeaderText: 60,
  interactiveFooterText: 60,
  buttonBodyText: 1024,
  buttons: 3,
  buttonId: 256,
  buttonTitle: 20,
  listBodyText: 4096,
  listButtonLabel: 20,
  listSections: 10,
  listRows: 10,
  listSectionTitle: 24,
  listRowId: 200,
  listRowTitle: 24,
  listRowDescription: 72,
  ctaBodyText: 1024,
  ctaDisplayText: 20,
  templateHeaderText: 60,
} as const;

/** Meta counts characters, not UTF-16 units: an emoji is one. */
export function characterCount(value: string): number {
  return [...value].length;
}

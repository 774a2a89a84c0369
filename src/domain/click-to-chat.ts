import { normalizePhone } from './phone.js';

/**
 * WhatsApp's click-to-chat link (`https://wa.me/<number>?text=…`), for when the API cannot be used
 * or a person prefers their phone: the number in international digits, the text prefilled. Null
 * when the phone is not a number.
 */
export function clickToChatLink(phone: string, text: string | null, defaultRegion: string): string | null {
  const e164 = normalizePhone(phone, defaultRegion);
  if (!e164) return null;
  const link = `https://wa.me/${e164.slice(1)}`;
  return text ? `${link}?text=${encodeURIComponent(text)}` : link;
}

/** The body of a template as the customer would read it without parameters filled: its text, `{{…}}` kept. */
export function templateBodyText(components: unknown): string | null {
  if (!Array.isArray(components)) return null;
  const body = components.find((component: { type?: string }) => component?.type === 'BODY') as { text?: string } | undefined;
  return typeof body?.text === 'string' ? body.text : null;
}

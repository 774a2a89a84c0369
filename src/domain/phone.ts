import { isSupportedCountry, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/*
 * One canonical E.164 per person, whether the number was typed into the CRM or reported by
 * Meta as a wa_id, so that an exact comparison of E.164 values matches. Two national quirks
 * are folded away for that reason (see the reference, §7):
 *   - Mexico: WhatsApp reports mobiles as 52 1 + 10 digits; the number itself is 52 + 10.
 *   - Argentina: the 9 of 54 9 + 10 digits is a mobile dialling prefix; the line is 54 + 10.
 * The full metadata (`/max`) is used because only it validates number ranges per type; the
 * smaller bundles accept any number of the right length.
 */

const MEXICO = '52';
const ARGENTINA = '54';
const BRAZIL = '55';
const DIGITS = /^\d+$/;
/** Typed input may have spaces, dots, dashes, parentheses and a leading + or 00, nothing else. */
const TYPED_PHONE = /^\+?[\d\s().\-/]+$/;

/**
 * A phone number typed by a person (or a wa_id) → E.164 (`+213555123456`), or null when it is
 * not a valid number. National spellings are read in `defaultRegion` (ISO 3166 code, e.g. `DZ`);
 * a digits-only string that is not a valid national number is read as international, which is
 * how a wa_id (`213555123456`) is understood.
 * For wa_ids from Meta prefer `waIdToE164`: it trusts Meta and also accepts numbers that the
 * metadata no longer considers valid (Brazilian mobiles without their 9th digit).
 */
export function normalizePhone(input: string, defaultRegion: string): string | null {
  const text = input.trim();
  if (!TYPED_PHONE.test(text)) return null;
  const region = defaultRegion.toUpperCase();
  const asTyped = parsePhoneNumberFromString(
    text,
    isSupportedCountry(region) ? { defaultCountry: region, extract: false } : { extract: false },
  );
  return validCanonical(asTyped) ?? (text.startsWith('+') ? null : validCanonical(international(text)));
}

/** A wa_id (digits with the country code, no +) → E.164, or null when it cannot be a phone number. */
export function waIdToE164(waId: string): string | null {
  const digits = waId.trim().replace(/^\+/, '');
  if (!DIGITS.test(digits)) return null;
  const phone = parsePhoneNumberFromString(`+${foldNationalPrefixes(digits)}`, { extract: false });
  return phone?.isPossible() ? phone.number : null;
}

/**
 * The digit spellings (wa_id form, no +) under which one person may be stored, the input's own
 * spelling first. For LOOKUP only: never send to a variant, reply to the wa_id Meta gave.
 * Returns [] when the input is not digits (an optional leading + is allowed).
 */
export function phoneLookupVariants(waIdOrE164: string): string[] {
  const digits = waIdOrE164.trim().replace(/^\+/, '');
  if (!DIGITS.test(digits)) return [];
  const variants = [digits];
  const brazil = brazilianMobileVariant(digits);
  if (brazil) variants.push(brazil);
  if (digits.startsWith(`${MEXICO}1`) && digits.length === 13) variants.push(MEXICO + digits.slice(3));
  if (digits.startsWith(MEXICO) && digits.length === 12) variants.push(`${MEXICO}1${digits.slice(2)}`);
  // Only 549 → 54: a stored 54 number may be a landline, which has no 549 spelling.
  if (digits.startsWith(`${ARGENTINA}9`) && digits.length === 13) variants.push(ARGENTINA + digits.slice(3));
  return variants;
}

/**
 * Brazil made the leading 9 mandatory for mobiles (9 + 8 digits after the 2-digit area code),
 * but many WhatsApp accounts still carry the older 8-digit spelling. Mobile subscriber
 * numbers start with 6–9 (landlines 2–5), so the 9 is added or removed only for those.
 */
function brazilianMobileVariant(digits: string): string | null {
  if (!digits.startsWith(BRAZIL)) return null;
  const areaCode = digits.slice(2, 4);
  if (!/^[1-9]{2}$/.test(areaCode)) return null;
  const subscriber = digits.slice(4);
  if (subscriber.length === 9 && /^9[6-9]/.test(subscriber)) return BRAZIL + areaCode + subscriber.slice(1);
  if (subscriber.length === 8 && /^[6-9]/.test(subscriber)) return `${BRAZIL}${areaCode}9${subscriber}`;
  return null;
}

function international(text: string): PhoneNumber | undefined {
  const digits = text.replace(/\D/g, '');
  if (digits.startsWith('0')) return undefined;
  return parsePhoneNumberFromString(`+${foldNationalPrefixes(digits)}`, { extract: false });
}

function validCanonical(phone: PhoneNumber | undefined): string | null {
  if (!phone) return null;
  const folded = `+${foldNationalPrefixes(`${phone.countryCallingCode}${phone.nationalNumber}`)}`;
  if (phone.isValid()) return folded;
  // libphonenumber rejects Mexico's obsolete 1 but accepts the number without it.
  const refolded = parsePhoneNumberFromString(folded, { extract: false });
  return refolded?.isValid() ? refolded.number : null;
}

/** Full international digits → the same digits with Mexico's 521 and Argentina's 549 folded. */
function foldNationalPrefixes(digits: string): string {
  if (digits.length === 13 && (digits.startsWith(`${MEXICO}1`) || digits.startsWith(`${ARGENTINA}9`))) {
    return digits.slice(0, 2) + digits.slice(3);
  }
  return digits;
}

/**
 * A number as a person typed it (`0555 12 34 56`, `+213 555…`) → the digit spellings under which
 * it may be stored (see phoneLookupVariants), or [] when the text is not a phone number.
 */
export function typedPhoneSpellings(typed: string, defaultRegion: string): string[] {
  const e164 = normalizePhone(typed, defaultRegion);
  return e164 ? phoneLookupVariants(e164) : [];
}

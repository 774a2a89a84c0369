/**
 * A request that was understood and not carried out, with why: an i18n key the back office
 * translates (AdminJS translates in the browser) and its parameters. Nothing was written when
 * one is thrown. Each area names its reasons and builds keys with `refusalKey`.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    /** The i18n key, `<area>.refusal.<reason in camelCase>` (refusalKey) unless an area says otherwise. */
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

export function refusalKey(area: string, reason: string): string {
  return `${area}.refusal.${reason.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
}

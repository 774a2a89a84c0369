import { parse } from 'csv-parse/sync';
import { getCountries } from 'libphonenumber-js/max';

/*
 * Meta publishes its per-message prices as a CSV rate card, one per currency: a row per market
 * (a country such as Brazil, a region such as North America, a "Rest of …" group, and "Other"),
 * a column per category. A market is expanded to the countries it covers, so that a message's
 * cost is a lookup by its recipient's country; `ZZ` stands for "Other" (every country without a
 * row of its own or of its region).
 */

export const OTHER_COUNTRY = 'ZZ';

/** The categories of a rate card, as stored (Meta's pricing categories). */
export const RATE_CATEGORIES = ['marketing', 'utility', 'authentication', 'authentication_international', 'service'] as const;
export type RateCategory = (typeof RATE_CATEGORIES)[number];

export interface RateCardRow {
  market: string;
  country: string;
  category: RateCategory;
  /** In millionths of the currency. */
  priceMicros: number;
}

export type ParsedRateCard = { ok: true; currency: string; rows: RateCardRow[]; markets: number } | { ok: false; problems: string[] };

/** Meta's regions and the countries they group (its pricing page); a country with a row of its own takes that row. */
const REGIONS: Record<string, readonly string[]> = {
  'north america': ['US', 'CA'],
  'rest of africa': [
    'DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CM', 'TD', 'CG', 'ER', 'ET', 'GA', 'GM', 'GH', 'GW', 'CI', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW',
    'ML', 'MR', 'MA', 'MZ', 'NA', 'NE', 'RW', 'SN', 'SL', 'SO', 'SS', 'SD', 'SZ', 'TZ', 'TG', 'TN', 'UG', 'ZM', 'CD', 'CF', 'DJ', 'GQ',
    'CV', 'KM', 'MU', 'SC', 'ST', 'ZW', 'GN', 'EG', 'NG', 'ZA',
  ],
  'rest of asia pacific': [
    'AF', 'AU', 'BD', 'KH', 'CN', 'HK', 'JP', 'LA', 'MN', 'NP', 'NZ', 'PG', 'PH', 'SG', 'LK', 'TW', 'TJ', 'TH', 'TM', 'UZ', 'VN', 'MO',
    'BT', 'BN', 'FJ', 'MV', 'MM', 'KR', 'KG', 'KZ', 'TL', 'WS', 'TO', 'VU', 'SB',
  ],
  'rest of central & eastern europe': [
    'AL', 'AM', 'AZ', 'BY', 'BG', 'HR', 'CZ', 'GE', 'GR', 'HU', 'LV', 'LT', 'MK', 'MD', 'PL', 'RO', 'RS', 'SK', 'SI', 'UA', 'BA', 'ME', 'XK', 'EE',
  ],
  'rest of latin america': [
    'BO', 'CR', 'DO', 'EC', 'SV', 'GT', 'HT', 'HN', 'JM', 'NI', 'PA', 'PY', 'PR', 'UY', 'VE', 'BZ', 'CU', 'GY', 'SR', 'TT', 'BS', 'BB', 'AG', 'DM', 'GD', 'KN', 'LC', 'VC',
  ],
  'rest of middle east': ['BH', 'IQ', 'JO', 'KW', 'LB', 'OM', 'QA', 'YE', 'PS', 'SY', 'IR', 'CY'],
  'rest of western europe': ['AT', 'BE', 'DK', 'FI', 'IE', 'NO', 'PT', 'SE', 'CH', 'IS', 'LU', 'MT', 'LI', 'MC', 'AD', 'SM', 'VA'],
};

const REGION_ALIASES: Record<string, string> = {
  'rest of central and eastern europe': 'rest of central & eastern europe',
  'rest of cee': 'rest of central & eastern europe',
};

/** Market names Meta writes differently from the English country names. */
const COUNTRY_ALIASES: Record<string, string> = {
  'united states': 'US',
  uae: 'AE',
  'united arab emirates': 'AE',
  uk: 'GB',
  'united kingdom': 'GB',
  russia: 'RU',
  turkey: 'TR',
  türkiye: 'TR',
  'south korea': 'KR',
};

const COLUMN_CATEGORIES: Record<string, RateCategory> = {
  marketing: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  'authentication-international': 'authentication_international',
  'authentication international': 'authentication_international',
  authentication_international: 'authentication_international',
  service: 'service',
};

let countryNames: Map<string, string> | undefined;

/** English country name (lower case) → ISO code, for every country libphonenumber knows. */
function countryByName(): Map<string, string> {
  if (!countryNames) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map(getCountries().map((code) => [names.of(code)!.toLowerCase(), code]));
  }
  return countryNames;
}

/** The countries a market covers; null for a market this code cannot place. */
export function marketCountries(market: string): string[] | null {
  const name = market.trim().toLowerCase();
  if (name === 'other' || name === 'rest of world' || name === 'all other countries') return [OTHER_COUNTRY];
  const region = REGIONS[REGION_ALIASES[name] ?? name];
  if (region) return [...region];
  const code = COUNTRY_ALIASES[name] ?? countryByName().get(name) ?? (/^[a-z]{2}$/.test(name) ? name.toUpperCase() : undefined);
  return code ? [code] : null;
}

/**
 * Reads a rate card as Meta publishes it: a header row naming `Market` and the categories
 * (`Marketing`, `Utility`, `Authentication`, `Authentication-International`, `Service`), one row
 * per market; an optional `Currency` column (else `currency` applies). Lines before the header
 * (titles, notes) are skipped; an empty or "n/a" price means no rate. Also reads the long form
 * `market, category, price[, currency]`. Every problem is listed; nothing is returned half-read.
 */
export function parseRateCard(csv: string, currency?: string): ParsedRateCard {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { ok: false, problems: [`not CSV: ${(error as Error).message}`] };
  }
  const headerAt = records.findIndex((record) => record.some((cell) => cell.toLowerCase() === 'market'));
  if (headerAt === -1) return { ok: false, problems: ['no header row naming the Market column'] };
  const header = records[headerAt]!.map((cell) => cell.toLowerCase());
  const marketColumn = header.indexOf('market');
  const currencyColumn = header.indexOf('currency');
  const problems: string[] = [];
  const currencies = new Set<string>();
  const byCountry = new Map<string, RateCardRow>();
  const place = (line: number, market: string, category: RateCategory, price: string, rowCurrency: string | undefined) => {
    if (price === '' || /^(n\/?a|-|–)$/i.test(price)) return;
    const amount = Number(price.replace(/[$€£\s]/g, '').replace(',', '.'));
    if (!Number.isFinite(amount) || amount < 0) return void problems.push(`line ${line}: "${price}" is not a price`);
    const countries = marketCountries(market);
    if (!countries) return void problems.push(`line ${line}: market "${market}" is not a country or one of Meta's regions`);
    const code = (rowCurrency || currency || '').toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) return void problems.push(`line ${line}: no currency (a Currency column, or choose one)`);
    currencies.add(code);
    for (const country of countries) {
      const key = `${country}:${category}`;
      const existing = byCountry.get(key);
      // A country's own row wins over its region's, whatever the order of the lines.
      if (existing && marketCountries(existing.market)!.length === 1 && countries.length > 1) continue;
      byCountry.set(key, { market: market.slice(0, 60), country, category, priceMicros: Math.round(amount * 1_000_000) });
    }
  };
  const categoryColumn = header.indexOf('category');
  const priceColumn = header.findIndex((cell) => cell === 'price' || cell === 'rate');
  const longForm = categoryColumn !== -1 && priceColumn !== -1;
  const categoryColumns = header.map((cell, index) => ({ index, category: COLUMN_CATEGORIES[cell] })).filter((c): c is { index: number; category: RateCategory } => !!c.category);
  if (!longForm && categoryColumns.length === 0) return { ok: false, problems: ['no category column (Marketing, Utility, Authentication…)'] };
  let markets = 0;
  records.slice(headerAt + 1).forEach((record, offset) => {
    const line = headerAt + offset + 2;
    const market = record[marketColumn]?.trim();
    if (!market) return;
    markets++;
    const rowCurrency = currencyColumn === -1 ? undefined : record[currencyColumn];
    if (longForm) {
      const category = COLUMN_CATEGORIES[record[categoryColumn]?.toLowerCase() ?? ''];
      if (!category) return void problems.push(`line ${line}: category "${record[categoryColumn]}" is not one of Meta's`);
      place(line, market, category, record[priceColumn] ?? '', rowCurrency);
    } else {
      for (const { index, category } of categoryColumns) place(line, market, category, record[index] ?? '', rowCurrency);
    }
  });
  if (currencies.size > 1) problems.push(`one currency per rate card, found ${[...currencies].join(', ')}`);
  if (byCountry.size === 0 && problems.length === 0) problems.push('no price in the file');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, currency: [...currencies][0]!, rows: [...byCountry.values()], markets };
}

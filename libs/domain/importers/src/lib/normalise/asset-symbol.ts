const SYMBOL = /^[A-Z0-9$][A-Z0-9._\-$/]{0,39}$/;

/** Upper-cased, trimmed asset symbol, or undefined when it is not a plausible symbol. */
export function normaliseAsset(raw: string): string | undefined {
  const symbol = raw.trim().toUpperCase();
  return SYMBOL.test(symbol) ? symbol : undefined;
}

/** Fiat currencies other than USD: Lotline cannot value them without an FX source. */
export const NON_USD_FIAT: ReadonlySet<string> = new Set(['EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'NZD', 'SGD', 'HKD', 'MXN', 'BRL', 'TRY', 'KRW', 'INR', 'ZAR']);

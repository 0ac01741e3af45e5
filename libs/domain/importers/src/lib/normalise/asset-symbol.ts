const SYMBOL = /^[A-Z0-9$][A-Z0-9._\-$/]{0,39}$/;
/** Files repeat a handful of symbols millions of times: remember the answer for each raw spelling. */
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 10_000;

/** Upper-cased, trimmed asset symbol, or undefined when it is not a plausible symbol. */
export function normaliseAsset(raw: string): string | undefined {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const symbol = raw.trim().toUpperCase();
  const result = SYMBOL.test(symbol) ? symbol : null;
  if (cache.size < CACHE_LIMIT) cache.set(raw, result);
  return result ?? undefined;
}


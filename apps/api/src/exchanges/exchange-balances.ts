import type { Balances, Exchange } from 'ccxt';
import { parseDecimal, toWire } from '@lotline/ledger';
import type { ExchangeProfile } from './exchange-profiles';

/**
 * Total balance per asset as decimal strings (asset code -> amount), zero balances left out. From the exchange's own
 * strings when the profile knows where they are (exact); otherwise ccxt's numbers written back as their shortest
 * round-trip text (see exchange-event-mapper.ts).
 */
export function readBalances(ex: Exchange, profile: ExchangeProfile, balance: Balances): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = profile.rawBalances?.((balance.info ?? {}) as Record<string, unknown>);
  const entries: [string, string][] = raw
    ? Object.entries(raw).map(([id, v]): [string, string] => [ex.safeCurrencyCode(id) ?? id, v])
    : Object.entries((balance.total ?? {}) as unknown as Record<string, number | undefined>).map(([code, v]) => [code, v === undefined ? '' : String(v)]);
  for (const [code, text] of entries) {
    const amount = parseDecimal(text);
    if (amount === undefined || amount.isZero()) continue;
    out[code] = toWire(out[code] ? amount.plus(parseDecimal(out[code]) ?? 0) : amount);
  }
  return out;
}

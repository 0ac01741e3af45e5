/** Kraken asset codes -> common symbols (XXBT -> BTC, ZUSD -> USD, DOT.S -> DOT, ETH2.S -> ETH). */
const ALIASES: Readonly<Record<string, string>> = {
  XXBT: 'BTC', XBT: 'BTC', XXDG: 'DOGE', XDG: 'DOGE', ETH2: 'ETH', XETH: 'ETH', XLTC: 'LTC', XXRP: 'XRP', XXLM: 'XLM',
  XXMR: 'XMR', XETC: 'ETC', XZEC: 'ZEC', XREP: 'REP', XMLN: 'MLN', XXTZ: 'XTZ', XICN: 'ICN', XNMC: 'NMC', XXVN: 'XVN',
  ZUSD: 'USD', ZEUR: 'EUR', ZGBP: 'GBP', ZCAD: 'CAD', ZJPY: 'JPY', ZAUD: 'AUD', ZCHF: 'CHF', 'USD.HOLD': 'USD', 'EUR.HOLD': 'EUR',
};

/** Staking / rewards / flex suffixes: the asset is the same for tax purposes. */
const SUFFIX = /\.(S|M|F|B|P|HOLD)$/;

export function krakenAsset(code: string): string {
  const upper = code.trim().toUpperCase();
  const direct = ALIASES[upper];
  if (direct !== undefined) return direct;
  const base = upper.replace(SUFFIX, '');
  return ALIASES[base] ?? base;
}

/** Quote codes tried (longest first) when a pair has no separator, e.g. XXBTZUSD, XETHXXBT, ADAUSD. */
const QUOTES = ['ZUSD', 'ZEUR', 'ZGBP', 'ZCAD', 'ZJPY', 'ZAUD', 'XXBT', 'XETH', 'USDT', 'USDC', 'PYUSD', 'DAI', 'USD', 'EUR', 'GBP', 'CAD', 'JPY', 'CHF', 'AUD', 'XBT', 'ETH', 'DOT'];

/** Splits a Kraken pair into [base, quote] as common symbols, or undefined. */
export function splitKrakenPair(pair: string): [string, string] | undefined {
  const p = pair.trim().toUpperCase();
  const slash = p.indexOf('/');
  if (slash > 0) return [krakenAsset(p.slice(0, slash)), krakenAsset(p.slice(slash + 1))];
  for (const q of QUOTES) {
    if (p.length > q.length && p.endsWith(q)) return [krakenAsset(p.slice(0, p.length - q.length)), krakenAsset(q)];
  }
  return undefined;
}

import { compactDecimal, dec as parse, type Decimal, type EventType, type LedgerEvent } from '@lotline/ledger';

const dec = (text: string): Decimal => compactDecimal(parse(text));

/** mulberry32: small, fast, seeded PRNG (deterministic across runs and platforms). */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratorOptions {
  readonly events: number;
  readonly assets?: number;
  readonly accounts?: number;
  readonly seed?: number;
  /** First event instant (ms); events spread over `years` years. */
  readonly startMs?: number;
  readonly years?: number;
}

const UNITS = 100_000_000; // quantities are generated in 1e-8 units, kept as integers

function units(q: number): string {
  const whole = Math.floor(q / UNITS);
  const frac = String(q % UNITS).padStart(8, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

function usd(x: number): Decimal {
  return dec(x.toFixed(2));
}

/**
 * Deterministic synthetic ledger: N events across A assets and W accounts with a realistic mix (buys 30%, sells 18%,
 * trades 14%, transfers 12%, income 16%, fees 5%, spends 3%, gifts out 2%). Holdings are tracked so that disposals
 * never exceed what an account holds (no shortfalls), quantities have up to 8 decimals, prices random-walk per asset.
 */
export function generateLedger(options: GeneratorOptions): LedgerEvent[] {
  const n = options.events;
  const assetCount = options.assets ?? 12;
  const accountCount = options.accounts ?? 6;
  const rnd = createPrng(options.seed ?? 1);
  const start = options.startMs ?? Date.UTC(2022, 0, 1);
  const span = (options.years ?? 4) * 365 * 86_400_000;
  const step = span / Math.max(n, 1);
  const assets = Array.from({ length: assetCount }, (_, i) => `AS${i}`);
  const accounts = Array.from({ length: accountCount }, (_, i) => `acct-${i}`);
  const prices = assets.map((_, i) => 10 + i * 37.5);
  const held: number[][] = accounts.map(() => assets.map(() => 0));
  const out: LedgerEvent[] = [];
  const pick = (k: number): number => Math.floor(rnd() * k);
  for (let i = 0; i < n; i++) {
    const ms = Math.floor(start + i * step);
    const id = `e${i}`;
    const account = pick(accountCount);
    const a = pick(assetCount);
    prices[a] = Math.max(0.01, prices[a] * (1 + (rnd() - 0.5) * 0.02));
    const timestamp = new Date(ms).toISOString();
    const source = { kind: 'file' as const, fileName: 'synthetic.csv', line: i + 1 };
    const from = accounts[account];
    const r = rnd();
    const holding = held[account][a];
    const part = Math.floor(holding * (0.05 + rnd() * 0.5));
    let type: EventType = r < 0.3 ? 'buy' : r < 0.48 ? 'sell' : r < 0.62 ? 'trade' : r < 0.74 ? 'transfer' : r < 0.9 ? 'income' : r < 0.95 ? 'fee' : r < 0.98 ? 'spend' : 'gift_out';
    if (type !== 'buy' && type !== 'income' && part < 1000) type = 'buy';
    const value = (q: number): number => (q / UNITS) * prices[a];
    switch (type) {
      case 'buy': {
        const q = 1000 + pick(5 * UNITS);
        held[account][a] += q;
        out.push({ id, account: from, timestamp, source, type, sent: { asset: 'USD', amount: usd(value(q)) }, received: { asset: assets[a], amount: dec(units(q)) }, fee: { asset: 'USD', amount: usd(value(q) * 0.005) } });
        break;
      }
      case 'income': {
        const q = 1000 + pick(UNITS / 10);
        held[account][a] += q;
        out.push({ id, account: from, timestamp, source, type, received: { asset: assets[a], amount: dec(units(q)) }, usdValue: usd(value(q)), incomeKind: 'staking' });
        break;
      }
      case 'sell':
      case 'spend':
      case 'gift_out':
      case 'fee': {
        held[account][a] -= part;
        const leg = { asset: assets[a], amount: dec(units(part)) };
        if (type === 'sell') out.push({ id, account: from, timestamp, source, type, sent: leg, received: { asset: 'USD', amount: usd(value(part)) }, fee: { asset: 'USD', amount: usd(value(part) * 0.005) } });
        else if (type === 'fee') out.push({ id, account: from, timestamp, source, type, fee: leg, feeUsd: usd(value(part)) });
        else out.push({ id, account: from, timestamp, source, type, sent: leg, usdValue: usd(value(part)) });
        break;
      }
      case 'trade': {
        const b = (a + 1 + pick(assetCount - 1)) % assetCount;
        const fmv = value(part);
        const q = Math.max(1, Math.floor((fmv / prices[b]) * UNITS));
        held[account][a] -= part;
        held[account][b] += q;
        out.push({ id, account: from, timestamp, source, type, sent: { asset: assets[a], amount: dec(units(part)) }, received: { asset: assets[b], amount: dec(units(q)) }, usdValue: usd(fmv) });
        break;
      }
      case 'transfer': {
        const to = (account + 1 + pick(accountCount - 1)) % accountCount;
        const fee = Math.floor(part / 1000);
        held[account][a] -= part;
        held[to][a] += part - fee;
        out.push({ id, account: from, timestamp, source, type, sent: { asset: assets[a], amount: dec(units(part)) }, received: { asset: assets[a], amount: dec(units(part - fee)) }, toAccount: accounts[to], usdValue: usd(value(part)) });
        break;
      }
      default:
        throw new Error(`unexpected ${type}`);
    }
  }
  return out;
}

import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Kraken REST API for tests, answering with the response shapes of Kraken's documentation (recorded shapes:
 * string decimals, fractional-second times, `{error: [], result}` envelopes). The real ccxt `kraken` class talks to it
 * after its `urls.api` are rewritten to `baseUrl`. Private calls are checked like Kraken does: the API-Key must be
 * known and API-Sign must be HMAC-SHA512(base64-decoded secret, path + SHA256(nonce + body)).
 */
export interface StubKey {
  readonly secret: string;
  /** Private endpoints this key may call (others answer "EGeneral:Permission denied"). */
  readonly allowed: readonly string[];
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export interface KrakenRecord {
  readonly id: string;
  readonly time: number;
  readonly [field: string]: unknown;
}

const ENVELOPE = (result: unknown) => JSON.stringify({ error: [], result });
const PAGE = 50;

export const ASSETS = {
  XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' },
  XETH: { aclass: 'currency', altname: 'ETH', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' },
  ZUSD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
  DOT: { aclass: 'currency', altname: 'DOT', decimals: 10, display_decimals: 8, status: 'enabled' },
};

const pair = (altname: string, wsname: string, base: string, quote: string) => ({
  altname, wsname, aclass_base: 'currency', base, aclass_quote: 'currency', quote, lot: 'unit', cost_decimals: 5, pair_decimals: 2,
  lot_decimals: 8, lot_multiplier: 1, leverage_buy: [], leverage_sell: [], fees: [[0, 0.26], [50000, 0.24]], fees_maker: [[0, 0.16], [50000, 0.14]],
  fee_volume_currency: 'ZUSD', margin_call: 80, margin_stop: 40, ordermin: '0.0001', costmin: '0.5', tick_size: '0.01', status: 'online',
});

export const ASSET_PAIRS = {
  XXBTZUSD: pair('XBTUSD', 'XBT/USD', 'XXBT', 'ZUSD'),
  XETHZUSD: pair('ETHUSD', 'ETH/USD', 'XETH', 'ZUSD'),
  XETHXXBT: pair('ETHXBT', 'ETH/XBT', 'XETH', 'XXBT'),
  DOTUSD: pair('DOTUSD', 'DOT/USD', 'DOT', 'ZUSD'),
};

export class KrakenStub {
  readonly keys = new Map<string, StubKey>();
  trades: KrakenRecord[] = [];
  ledger: KrakenRecord[] = [];
  deposits: Record<string, unknown>[] = [];
  withdrawals: Record<string, unknown>[] = [];
  balances: Record<string, { balance: string; hold_trade: string }> = {};
  /** Every request: path and form/query parameters (never logged by the app; the tests read it). */
  readonly requests: { path: string; params: Record<string, string>; headers: Record<string, string | string[] | undefined> }[] = [];
  private readonly failures = new Map<string, Reply[]>();
  private server?: Server;
  baseUrl = '';

  /** The next `n` calls of `path` (e.g. '/0/private/TradesHistory') answer `reply` instead. */
  failNext(path: string, reply: Reply, n = 1): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...Array.from({ length: n }, () => reply)]);
  }

  calls(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stub');
    const params = Object.fromEntries(new URLSearchParams(req.method === 'POST' ? body : url.search));
    this.requests.push({ path: url.pathname, params, headers: req.headers });
    const reply = this.failures.get(url.pathname)?.shift() ?? this.answer(url.pathname, params, body, req);
    res.writeHead(reply.status, { 'content-type': reply.body.startsWith('{') ? 'application/json' : 'text/plain' }).end(reply.body);
  }

  private answer(path: string, params: Record<string, string>, body: string, req: IncomingMessage): Reply {
    const ok = (result: unknown): Reply => ({ status: 200, body: ENVELOPE(result) });
    const err = (e: string): Reply => ({ status: 200, body: JSON.stringify({ error: [e] }) });
    if (path === '/0/public/Assets') return ok(ASSETS);
    if (path === '/0/public/AssetPairs') return ok(ASSET_PAIRS);
    if (!path.startsWith('/0/private/')) return { status: 404, body: 'not found' };
    const key = this.keys.get(String(req.headers['api-key'] ?? ''));
    if (!key) return err('EAPI:Invalid key');
    const expected = createHmac('sha512', Buffer.from(key.secret, 'base64'))
      .update(Buffer.concat([Buffer.from(path), createHash('sha256').update(params['nonce'] + body).digest()]))
      .digest('base64');
    if (req.headers['api-sign'] !== expected) return err('EAPI:Invalid signature');
    const endpoint = path.slice('/0/private/'.length);
    if (!key.allowed.includes(endpoint)) return err('EGeneral:Permission denied');
    const start = params['start'] === undefined ? -Infinity : Number(params['start']);
    const ofs = Number(params['ofs'] ?? 0);
    const page = (records: KrakenRecord[]) => {
      const newestFirst = records.filter((r) => r.time > start).sort((a, b) => b.time - a.time);
      const slice = newestFirst.slice(ofs, ofs + PAGE);
      return { records: Object.fromEntries(slice.map(({ id, ...rest }) => [id, rest])), count: newestFirst.length };
    };
    switch (endpoint) {
      case 'BalanceEx':
        return ok(this.balances);
      case 'TradesHistory': {
        const p = page(this.trades);
        return ok({ trades: p.records, count: p.count });
      }
      case 'Ledgers': {
        const p = page(this.ledger);
        return ok({ ledger: p.records, count: p.count });
      }
      case 'DepositStatus':
        return ok(this.deposits.filter((d) => Number(d['time']) >= start));
      case 'WithdrawStatus':
        return ok(this.withdrawals.filter((d) => Number(d['time']) >= start));
      default:
        return err('EGeneral:Invalid arguments');
    }
  }
}

/** A Kraken TradesHistory record (strings as Kraken sends them). */
export function krakenTrade(id: string, time: number, pairName: keyof typeof ASSET_PAIRS, type: 'buy' | 'sell', price: string, vol: string, cost: string, fee: string): KrakenRecord {
  return { id, time, ordertxid: `O-${id}`, postxid: `P-${id}`, pair: pairName, type, ordertype: 'limit', price, cost, fee, vol, margin: '0.00000', misc: '', ledgers: [] };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ASSET_PAIRS, ASSETS, type Reply } from './kraken-stub';

/** One Kraken OHLC row as Kraken sends it: [time s, open, high, low, close, vwap, volume, count] (strings for decimals). */
export type KrakenCandle = [number, string, string, string, string, string, string, number];

const DAY_S = 86400;

/**
 * A local Kraken public market-data API for price tests: Assets and AssetPairs (what ccxt's loadMarkets reads) and
 * OHLC (what ccxt `fetchOHLCV` calls), with Kraken's response shapes. OHLC answers the candles of `pair` and
 * `interval` strictly after `since` (seconds), oldest first, at most `pageSize` per call, with Kraken's `last`, so a
 * caller must page by `since`. The real ccxt `kraken` class talks to it after its `urls.api` point at `baseUrl`.
 */
export class OhlcvStub {
  /** Daily candles per Kraken pair key (e.g. XXBTZUSD). */
  readonly candles = new Map<string, KrakenCandle[]>();
  readonly requests: { path: string; params: Record<string, string> }[] = [];
  pageSize = 720;
  private readonly failures = new Map<string, Reply[]>();
  private server?: Server;
  baseUrl = '';

  /** Daily candles for `pair` from `firstDay` (YYYY-MM-DD), opening at `opens[i]` on day i. */
  addDaily(pair: keyof typeof ASSET_PAIRS, firstDay: string, opens: readonly string[]): void {
    const start = Date.parse(`${firstDay}T00:00:00Z`) / 1000;
    const rows = opens.map((open, i): KrakenCandle => [start + i * DAY_S, open, open, open, open, open, '1.00000000', 1]);
    this.candles.set(pair, [...(this.candles.get(pair) ?? []), ...rows].sort((a, b) => a[0] - b[0]));
  }

  /** The next `n` calls of `path` (e.g. '/0/public/OHLC') answer `reply` instead. */
  failNext(path: string, reply: Reply, n = 1): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...Array.from({ length: n }, () => reply)]);
  }

  calls(path?: string): number {
    return path === undefined ? this.requests.length : this.requests.filter((r) => r.path === path).length;
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
    for await (const chunk of req) void chunk; // drain
    const url = new URL(req.url ?? '/', 'http://stub');
    const params = Object.fromEntries(url.searchParams);
    this.requests.push({ path: url.pathname, params });
    const reply = this.failures.get(url.pathname)?.shift() ?? this.answer(url.pathname, params);
    res.writeHead(reply.status, { 'content-type': reply.body.startsWith('{') ? 'application/json' : 'text/plain' }).end(reply.body);
  }

  private answer(path: string, params: Record<string, string>): Reply {
    const ok = (result: unknown): Reply => ({ status: 200, body: JSON.stringify({ error: [], result }) });
    if (path === '/0/public/Assets') return ok(ASSETS);
    if (path === '/0/public/AssetPairs') return ok(ASSET_PAIRS);
    if (path !== '/0/public/OHLC') return { status: 404, body: 'not found' };
    const pair = params['pair'] ?? '';
    if (!(pair in ASSET_PAIRS)) return { status: 200, body: JSON.stringify({ error: ['EQuery:Unknown asset pair'] }) };
    if (params['interval'] !== '1440') return { status: 200, body: JSON.stringify({ error: ['EGeneral:Invalid arguments'] }) };
    const since = params['since'] === undefined ? -Infinity : Number(params['since']);
    const page = (this.candles.get(pair) ?? []).filter((c) => c[0] > since).slice(0, this.pageSize);
    return ok({ [pair]: page, last: page.length > 0 ? page[page.length - 1][0] : Number.isFinite(since) ? since : 0 });
  }
}

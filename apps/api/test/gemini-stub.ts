import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Gemini REST API for tests, answering with the documented response shapes (decimal strings, `timestampms`,
 * `{result: "error", reason, message}` errors). The real ccxt `gemini` class talks to it after its `urls.api` are
 * rewritten. Private calls are checked like Gemini does: X-GEMINI-APIKEY must be known, X-GEMINI-SIGNATURE must be
 * hex HMAC-SHA384(secret, X-GEMINI-PAYLOAD), and the payload's `request` must be the path called. Serves the public
 * symbols and the exchange page's currency data that ccxt's loadMarkets reads. Unknown paths go to `fallbackUrl`.
 */
export interface GeminiStubKey {
  readonly secret: string;
  /** The key's roles: "Auditor" (read-only) may read everything here; a key without it answers MissingRole. */
  readonly roles: readonly string[];
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export const GEMINI_SYMBOLS = ['btcusd', 'ethusd', 'ethbtc', 'solusd', 'btcgusdperp'];

export class GeminiStub {
  readonly keys = new Map<string, GeminiStubKey>();
  /** Trades by Gemini symbol (upper case, as in the records). */
  trades: Record<string, unknown>[] = [];
  transfers: Record<string, unknown>[] = [];
  balances: Record<string, unknown>[] = [];
  readonly requests: { path: string; payload: Record<string, unknown> }[] = [];
  fallbackUrl?: string;
  private readonly failures = new Map<string, Reply[]>();
  private server?: Server;
  baseUrl = '';

  failNext(path: string, reply: Reply, n = 1): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...Array.from({ length: n }, () => reply)]);
  }

  calls(path: string): Record<string, unknown>[] {
    return this.requests.filter((r) => r.path === path).map((r) => r.payload);
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
    const url = new URL(req.url ?? '/', 'http://stub');
    if (url.pathname !== '/' && !url.pathname.startsWith('/v1/')) {
      if (!this.fallbackUrl) return void res.writeHead(404).end('not found');
      const forwarded = await fetch(`${this.fallbackUrl}${req.url ?? '/'}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length')),
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      return void res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'text/plain' }).end(await forwarded.text());
    }
    const payloadHeader = String(req.headers['x-gemini-payload'] ?? '');
    let payload: Record<string, unknown> = {};
    try {
      payload = payloadHeader ? (JSON.parse(Buffer.from(payloadHeader, 'base64').toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      payload = {};
    }
    this.requests.push({ path: url.pathname, payload });
    const reply = this.failures.get(url.pathname)?.shift() ?? this.answer(req, url.pathname, payloadHeader, payload);
    res.writeHead(reply.status, { 'content-type': reply.body.startsWith('{') || reply.body.startsWith('[') ? 'application/json' : 'text/html' }).end(reply.body);
  }

  private answer(req: IncomingMessage, path: string, payloadHeader: string, payload: Record<string, unknown>): Reply {
    const json = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });
    const error = (status: number, reason: string, message: string) => json({ result: 'error', reason, message }, status);
    if (path === '/') {
      // exchange.gemini.com's page, with the currency data ccxt reads between `="currencyData">` and `</script>`.
      const data = { tradingPairs: [['BTCUSD', 2, 8, '0.00001', 10, true], ['ETHUSD', 2, 6, '0.001', 10, true], ['ETHBTC', 5, 6, '0.001', 10, true], ['SOLUSD', 3, 6, '0.001', 10, true]], currencies: [['BTC', 'Bitcoin', 1, 8, 0, 8, 8, false, null, 'bitcoin'], ['ETH', 'Ether', 2, 6, 0, 18, 8, false, null, 'ethereum'], ['SOL', 'Solana', 3, 6, 0, 9, 8, false, null, 'solana'], ['USD', 'US Dollar', 4, 2, 2, 2, 2, true, '$', null]], networks: [] };
      return { status: 200, body: `<html><script type="application/json" id="currencyData">${JSON.stringify(data)}</script></html>` };
    }
    if (path === '/v1/symbols') return json(GEMINI_SYMBOLS);
    const key = this.keys.get(String(req.headers['x-gemini-apikey'] ?? ''));
    if (!key) return error(400, 'InvalidApiKey', 'Invalid API key');
    const expected = createHmac('sha384', key.secret).update(payloadHeader).digest('hex');
    if (req.headers['x-gemini-signature'] !== expected) return error(400, 'InvalidSignature', 'InvalidSignature');
    if (payload['request'] !== path) return error(400, 'EndpointMismatch', 'EndpointMismatch');
    if (!key.roles.includes('Auditor') && !key.roles.includes('Trader')) {
      return error(403, 'MissingRole', `To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Auditor, Trader] to API key ${String(req.headers['x-gemini-apikey']).slice(0, 4)}… which currently has roles [${key.roles.join(', ')}]`);
    }
    // On or after `timestamp` (ms or s), the oldest `limit` records, listed newest first (as Gemini documents).
    const window = (records: Record<string, unknown>[], limit: number) => {
      const raw = Number(payload['timestamp'] ?? NaN);
      const from = Number.isNaN(raw) ? undefined : raw < 1e11 ? raw * 1000 : raw;
      const asc = [...records].sort((a, b) => Number(a['timestampms']) - Number(b['timestampms']));
      const picked = from === undefined ? asc.slice(-limit) : asc.filter((r) => Number(r['timestampms']) >= from).slice(0, limit);
      return picked.reverse();
    };
    switch (path) {
      case '/v1/balances':
        return json(this.balances);
      case '/v1/mytrades': {
        const symbol = String(payload['symbol'] ?? '').toUpperCase();
        if (!symbol) return error(400, 'InvalidSymbol', 'Invalid symbol');
        return json(window(this.trades.filter((t) => t['symbol'] === symbol), Math.min(Number(payload['limit_trades'] ?? 50), 500)));
      }
      case '/v1/transfers':
        return json(window(this.transfers, Math.min(Number(payload['limit_transfers'] ?? 10), 50)));
      default:
        return error(404, 'EndpointNotFound', 'EndpointNotFound');
    }
  }
}

/** A Gemini /v1/mytrades record (strings as Gemini sends them). */
export function geminiTrade(tid: number, timestampms: number, symbol: string, type: 'Buy' | 'Sell', price: string, amount: string, feeCurrency: string, feeAmount: string): Record<string, unknown> {
  return {
    price, amount, timestamp: Math.floor(timestampms / 1000), timestampms, type, aggressor: true, fee_currency: feeCurrency, fee_amount: feeAmount, tid,
    order_id: String(tid - 1), exchange: 'gemini', is_auction_fill: false, is_clearing_fill: false, symbol, client_order_id: '',
  };
}

import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Coinbase API for tests (Advanced Trade v3 + the v2 wallet endpoints ccxt's `coinbase` class calls), answering
 * with the documented response shapes (decimal strings, ISO times, `{data, pagination}` and `{fills, cursor}`).
 * Private calls are checked like Coinbase does for CDP keys: "Authorization: Bearer <JWT>", ES256 over the header and
 * payload, verified with the key's public key; `kid`/`sub` name the key, `uri` names method and path, `exp` is in the
 * future. A bad token answers the real 401 (text "Unauthorized"). Unknown paths go to `fallbackUrl` (another stub).
 */
export interface CoinbaseStubKey {
  readonly publicKeyPem: string;
  /** false: every private call answers 403 PERMISSION_DENIED / invalid_scope (a key without "View"). */
  readonly view: boolean;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export interface CoinbaseWallet {
  readonly id: string;
  readonly currency: string;
  readonly balance: string;
  readonly transactions: Record<string, unknown>[];
}

const product = (base: string, quote: string) => ({
  product_id: `${base}-${quote}`, price: '1', base_increment: '0.00000001', quote_increment: '0.01', quote_min_size: '1', quote_max_size: '10000000',
  base_min_size: '0.00000001', base_max_size: '1000', base_name: base, quote_name: quote, status: 'online', trading_disabled: false, product_type: 'SPOT',
  base_currency_id: base, quote_currency_id: quote, base_display_symbol: base, quote_display_symbol: quote, alias_to: [], price_increment: '0.01', display_name: `${base}-${quote}`,
});

export class CoinbaseStub {
  readonly keys = new Map<string, CoinbaseStubKey>();
  fills: Record<string, unknown>[] = [];
  wallets: CoinbaseWallet[] = [];
  readonly requests: { method: string; path: string; query: Record<string, string> }[] = [];
  fallbackUrl?: string;
  private readonly failures = new Map<string, Reply[]>();
  private server?: Server;
  baseUrl = '';

  failNext(path: string, reply: Reply, n = 1): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...Array.from({ length: n }, () => reply)]);
  }

  calls(path: string): { method: string; path: string; query: Record<string, string> }[] {
    return this.requests.filter((r) => r.path === path);
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
    if (!url.pathname.startsWith('/api/v3/') && !url.pathname.startsWith('/v2/')) {
      if (!this.fallbackUrl) return void res.writeHead(404).end('not found');
      const forwarded = await fetch(`${this.fallbackUrl}${req.url ?? '/'}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length')),
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      return void res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'text/plain' }).end(await forwarded.text());
    }
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query });
    const reply = this.failures.get(url.pathname)?.shift() ?? this.answer(req, url.pathname, query);
    res.writeHead(reply.status, { 'content-type': reply.body.startsWith('{') ? 'application/json' : 'text/plain' }).end(reply.body);
  }

  /** The key a valid token was signed with, or undefined (bad signature, unknown key, expired, wrong uri). */
  private authorize(req: IncomingMessage, path: string): CoinbaseStubKey | undefined {
    const [scheme, token] = String(req.headers['authorization'] ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return undefined;
    const [h, p, sig] = token.split('.');
    if (!h || !p || !sig) return undefined;
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
      const key = this.keys.get(String(header['kid']));
      if (!key || header['alg'] !== 'ES256' || payload['sub'] !== header['kid']) return undefined;
      const publicKey: KeyObject = createPublicKey(key.publicKeyPem);
      if (!verify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'))) return undefined;
      if (typeof payload['exp'] !== 'number' || payload['exp'] * 1000 < Date.now()) return undefined;
      const uri = String(payload['uri'] ?? '');
      if (!uri.startsWith(`${req.method} `) || !uri.endsWith(path)) return undefined;
      return key;
    } catch {
      return undefined;
    }
  }

  private answer(req: IncomingMessage, path: string, query: Record<string, string>): Reply {
    const json = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });
    switch (path) {
      case '/api/v3/brokerage/market/products':
        return json({ products: query['product_type'] === 'FUTURE' ? [] : [product('BTC', 'USD'), product('ETH', 'USD'), product('ETH', 'BTC'), product('SOL', 'USD')], num_products: 4 });
      case '/v2/currencies':
        return json({ data: [{ id: 'USD', name: 'US Dollar', min_size: '0.01' }] });
      case '/v2/currencies/crypto':
        return json({ data: ['BTC', 'ETH', 'SOL'].map((code, i) => ({ asset_id: `00000000-0000-0000-0000-00000000000${i}`, code, name: code, exponent: 8, type: 'crypto' })) });
      case '/v2/exchange-rates':
        return json({ data: { currency: 'USD', rates: { BTC: '0.0000234', ETH: '0.00043', SOL: '0.0071', USD: '1.0' } } });
      default:
        break;
    }
    const key = this.authorize(req, path);
    if (!key) return { status: 401, body: 'Unauthorized\n' };
    if (!key.view) {
      return path.startsWith('/v2/')
        ? json({ errors: [{ id: 'invalid_scope', message: 'Invalid scope' }] }, 403)
        : json({ error: 'PERMISSION_DENIED', error_details: 'Missing required scopes', message: 'Missing required scopes' }, 403);
    }
    if (path === '/api/v3/brokerage/transaction_summary') {
      return json({ total_volume: 0, total_fees: 0, fee_tier: { pricing_tier: 'Advanced 1', usd_from: '0', usd_to: '1000', taker_fee_rate: '0.012', maker_fee_rate: '0.006' } });
    }
    if (path === '/api/v3/brokerage/orders/historical/fills') {
      // Newest first, from start_sequence_timestamp on; the cursor is the offset of the next page.
      const start = query['start_sequence_timestamp'] ? Date.parse(query['start_sequence_timestamp']) : -Infinity;
      const all = this.fills.filter((f) => Date.parse(String(f['trade_time'])) >= start).sort((a, b) => Date.parse(String(b['trade_time'])) - Date.parse(String(a['trade_time'])));
      const from = Number(query['cursor'] ?? 0);
      const limit = Number(query['limit'] ?? 100);
      const page = all.slice(from, from + limit);
      return json({ fills: page, cursor: from + limit < all.length ? String(from + limit) : '' });
    }
    const pageOf = <T>(items: T[], idOf: (t: T) => string, p: string) => {
      const limit = Number(query['limit'] ?? 25);
      const from = query['starting_after'] ? items.findIndex((t) => idOf(t) === query['starting_after']) + 1 : 0;
      const page = items.slice(from, from + limit);
      const next = from + limit < items.length ? idOf(page[page.length - 1] as T) : null;
      return { pagination: { ending_before: null, starting_after: query['starting_after'] ?? null, limit, order: 'desc', previous_uri: null, next_starting_after: next, next_uri: next ? `${p}?limit=${limit}&starting_after=${next}` : null }, data: page };
    };
    if (path === '/v2/accounts') {
      const accounts = this.wallets.map((w) => ({
        id: w.id, name: `${w.currency} Wallet`, primary: false, type: w.currency === 'USD' ? 'fiat' : 'wallet', currency: { code: w.currency, name: w.currency, type: w.currency === 'USD' ? 'fiat' : 'crypto' },
        balance: { amount: w.balance, currency: w.currency }, created_at: '2023-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', resource: 'account', resource_path: `/v2/accounts/${w.id}`,
      }));
      // A wallet Coinbase lists but the client never used.
      accounts.push({ ...accounts[0], id: 'unused-xlm', name: 'XLM Wallet', currency: { code: 'XLM', name: 'Stellar', type: 'crypto' }, balance: { amount: '0.0000000', currency: 'XLM' }, created_at: null as never, updated_at: null as never });
      return json(pageOf(accounts, (a) => a.id, path));
    }
    const m = /^\/v2\/accounts\/([^/]+)\/transactions$/.exec(path);
    const wallet = m ? this.wallets.find((w) => w.id === m[1]) : undefined;
    if (wallet) {
      const newestFirst = [...wallet.transactions].sort((a, b) => Date.parse(String(b['created_at'])) - Date.parse(String(a['created_at'])));
      return json(pageOf(newestFirst, (t) => String(t['id']), path));
    }
    return json({ errors: [{ id: 'not_found', message: 'Not found' }] }, 404);
  }
}

/** An Advanced Trade fill as GET /api/v3/brokerage/orders/historical/fills lists it. */
export function coinbaseFill(id: string, time: string, productId: string, side: 'BUY' | 'SELL', price: string, size: string, commission: string, sizeInQuote = false): Record<string, unknown> {
  return {
    entry_id: `e-${id}`, trade_id: id, order_id: `o-${id}`, trade_time: time, trade_type: 'FILL', price, size, commission, product_id: productId,
    sequence_timestamp: time, liquidity_indicator: 'TAKER', size_in_quote: sizeInQuote, user_id: 'u-1', side, retail_portfolio_id: '',
  };
}

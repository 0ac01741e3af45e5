import type { LedgerEntry, Trade, Transaction } from 'ccxt';
import { toWire } from '@lotline/ledger';
import { amountOf, mapLedgerEntry, mapTrade, mapTransaction } from './exchange-event-mapper';

const ctx = { exchange: 'kraken', account: 'Kraken' };
const trade = (t: Partial<Trade>): Trade => ({ id: 'T1', timestamp: Date.UTC(2024, 0, 2), symbol: 'BTC/USD', side: 'buy', amount: 0.1, price: 40000, cost: 4000, fee: { cost: 1.5, currency: 'USD' }, info: {}, ...t }) as Trade;

describe('exchange record mapping (pure)', () => {
  it.each([
    ['the raw string when the exchange sends one', { vol: '0.123456789012345678' }, 'vol', 0.12345678901234568, '0.123456789012345678'],
    ['ccxt’s number as its shortest decimal text otherwise', {}, 'vol', 0.1, '0.1'],
    ['a tiny number written in exponent form, exactly', {}, undefined, 1e-8, '0.00000001'],
    ['the absolute value of a signed ledger amount', { amount: '-0.2805800000' }, 'amount', undefined, '0.28058'],
  ])('reads amounts: %s', (_, info, key, unified, expected) => {
    expect(toWire(amountOf(info, key, unified) ?? (undefined as never))).toBe(expected);
  });

  it('maps a USD sell with fee and USD value, and a crypto-for-crypto trade', () => {
    const sell = mapTrade(trade({ side: 'sell' }), ctx, {});
    expect('event' in sell && sell.event).toMatchObject({ id: 'api:kraken:trades:T1', type: 'sell', sent: { asset: 'BTC' }, received: { asset: 'USD' }, fee: { asset: 'USD' }, source: { kind: 'api', exchange: 'kraken', recordId: 'T1' } });
    const swap = mapTrade(trade({ symbol: 'ETH/BTC', amount: 2, cost: undefined, price: 0.05, fee: undefined }), ctx, {});
    expect('event' in swap && { type: swap.event.type, sent: toWire(swap.event.sent?.amount ?? (undefined as never)), usd: swap.event.usdValue }).toEqual({ type: 'trade', sent: '0.1', usd: undefined });
  });

  it('reports a trade without amounts or a derivatives fill as an issue instead of guessing', () => {
    expect(mapTrade(trade({ amount: 0, info: {} }), ctx, {})).toEqual({ issue: expect.objectContaining({ recordId: 'T1', code: 'ZERO_AMOUNT' }) });
    expect(mapTrade(trade({ symbol: 'BTC/USD:USD' }), ctx, {})).toEqual({ issue: expect.objectContaining({ code: 'UNSUPPORTED_TYPE' }) });
  });

  it('skips pending or failed transfers and non-income ledger entries', () => {
    const tx = { id: 'D1', timestamp: 1, currency: 'BTC', amount: 1, status: 'pending', info: {} } as unknown as Transaction;
    expect(mapTransaction(tx, 'deposits', ctx, {})).toEqual({ skip: 'pending' });
    const entry = { id: 'L1', timestamp: 1, currency: 'BTC', amount: 1, direction: 'in', info: { type: 'trade' } } as unknown as LedgerEntry;
    expect(mapLedgerEntry(entry, ctx, {}, () => undefined)).toEqual({ skip: 'trade' });
  });
});

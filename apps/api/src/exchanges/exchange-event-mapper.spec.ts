import * as ccxt from 'ccxt';
import type { LedgerEntry, Trade, Transaction } from 'ccxt';
import { COINBASE, coinbaseTransferKind } from './coinbase-profile';
import { GEMINI, geminiTransferKind } from './gemini-profile';
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

describe('Coinbase and Gemini raw shapes (parsed by the real ccxt classes, no I/O)', () => {
  const coinbase = new ccxt.coinbase();
  const gemini = new ccxt.gemini();
  const cb = { exchange: 'coinbase', account: 'Coinbase' };
  const wire = (m: ReturnType<typeof mapTrade>) => ('event' in m ? { type: m.event.type, sent: m.event.sent && `${toWire(m.event.sent.amount)} ${m.event.sent.asset}`, received: m.event.received && `${toWire(m.event.received.amount)} ${m.event.received.asset}`, fee: m.event.fee && `${toWire(m.event.fee.amount)} ${m.event.fee.asset}`, id: m.event.id } : m);

  it('maps an Advanced Trade fill (documented shape) from its strings, and a quote-sized fill by cost / price', () => {
    const fill = { entry_id: 'b88b82cc', trade_id: 'cdc39e45-bbd3-44ec-bf02-61742dfb16a1', order_id: '813a53c5', trade_time: '2023-01-18T01:37:38.091377090Z', trade_type: 'FILL', price: '21220.64', size: '0.0046830664333996', commission: '0.0000280983986004', product_id: 'BTC-USDT', sequence_timestamp: '2023-01-18T01:37:38.092520Z', liquidity_indicator: 'UNKNOWN_LIQUIDITY_INDICATOR', size_in_quote: false, user_id: 'u', side: 'BUY' };
    expect(wire(mapTrade(coinbase.parseTrade(fill), cb, COINBASE.raw.trade))).toEqual({ type: 'trade', sent: '99.377666879256887744 USDT', received: '0.0046830664333996 BTC', fee: '0.0000280983986004 USDT', id: 'api:coinbase:trades:cdc39e45-bbd3-44ec-bf02-61742dfb16a1' });
    const quoteSized = { ...fill, product_id: 'BTC-USD', size: '100.00', price: '30000', commission: '0.6', size_in_quote: true };
    expect(wire(mapTrade(coinbase.parseTrade(quoteSized), cb, COINBASE.raw.trade))).toMatchObject({ type: 'buy', sent: '100 USD', received: '0.003333333333333333 BTC', fee: '0.6 USD' });
  });

  it('classifies v2 account transactions: sends by sign (amount without the network fee), rewards as income, app buys as issues', () => {
    const out = { id: 'a1794ecf', type: 'send', status: 'completed', amount: { amount: '-14.008308', currency: 'USDC' }, native_amount: { amount: '-18.74', currency: 'CAD' }, created_at: '2024-01-12T01:27:31Z', resource: 'transaction', network: { status: 'confirmed', transaction_fee: { amount: '4.008308', currency: 'USDC' }, transaction_amount: { amount: '10.000000', currency: 'USDC' } }, to: { resource: 'ethereum_address', address: '0x9' } };
    const parsed = coinbase.parseTransaction(out);
    expect(coinbaseTransferKind(parsed)).toEqual({ kind: 'withdrawals' });
    const m = mapTransaction(parsed, 'withdrawals', cb, COINBASE.raw.transaction);
    expect('event' in m && { sent: toWire(m.event.sent?.amount ?? (undefined as never)), fee: toWire(m.event.fee?.amount ?? (undefined as never)) }).toEqual({ sent: '10', fee: '4.008308' });
    expect(coinbaseTransferKind(coinbase.parseTransaction({ ...out, amount: { amount: '0.00014200', currency: 'BTC' } }))).toEqual({ kind: 'deposits' });
    expect(coinbaseTransferKind(coinbase.parseTransaction({ ...out, type: 'staking_reward' }))).toEqual({ kind: 'income', incomeKind: 'staking' });
    expect(coinbaseTransferKind(coinbase.parseTransaction({ ...out, type: 'buy' }))).toMatchObject({ kind: 'issue' });
    expect(coinbaseTransferKind(coinbase.parseTransaction({ ...out, type: 'advanced_trade_fill' }))).toMatchObject({ kind: 'skip' });
  });

  it('maps a Gemini mytrades record (documented shape) and a transfers record from their strings', () => {
    const market = { id: 'etheur', symbol: 'ETH/EUR', base: 'ETH', quote: 'EUR', spot: true } as unknown as Parameters<typeof gemini.parseTrade>[1];
    const trade = { price: '3900.00', amount: '0.00996', timestamp: 1638891173, timestampms: 1638891173518, type: 'Sell', aggressor: false, fee_currency: 'EUR', fee_amount: '0.10', tid: 73621746145, order_id: '73621746059', exchange: 'gemini', is_auction_fill: false, is_clearing_fill: false, symbol: 'ETHEUR', client_order_id: '1638891171610' };
    expect(wire(mapTrade(gemini.parseTrade(trade, market), { exchange: 'gemini', account: 'Gemini' }, GEMINI.raw.trade))).toEqual({ type: 'trade', sent: '0.00996 ETH', received: '38.844 EUR', fee: '0.1 EUR', id: 'api:gemini:trades:73621746145' });
    const deposit = gemini.parseTransaction({ type: 'Deposit', status: 'Advanced', timestampms: 1507913541275, eid: 320013281, currency: 'USD', amount: '36.00', method: 'ACH' });
    expect(geminiTransferKind(deposit)).toEqual({ kind: 'deposits' });
    expect(mapTransaction(deposit, 'deposits', { exchange: 'gemini', account: 'Gemini' }, GEMINI.raw.transaction)).toMatchObject({ event: { type: 'deposit', externalId: '320013281' } });
  });
});

import fc from 'fast-check';
import { Decimal, INCOME_KINDS, toWire } from '@lotline/ledger';
import { importCsv } from '../../../index';

const options = { fileName: 'generic.csv', account: 'Main' };

/** A positive decimal with up to 18 fraction digits, as text. */
const quantity = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 18 }), fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }))
  .map(([whole, places, fraction]) => (places === 0 ? `${whole + 1n}` : `${whole}.${fraction.toString().padStart(18, '0').slice(0, places)}`))
  .filter((t) => new Decimal(t).gt(0));

const asset = fc.constantFrom('BTC', 'ETH', 'SOL', 'USDC', 'DOGE');

type Row = { type: string; sent?: [string, string]; received?: [string, string]; usd?: string; kind?: string };

const row: fc.Arbitrary<Row> = fc.oneof(
  fc.record({ type: fc.constant('buy'), sent: fc.tuple(fc.constant('USD'), quantity), received: fc.tuple(asset, quantity) }),
  fc.record({ type: fc.constant('sell'), sent: fc.tuple(asset, quantity), received: fc.tuple(fc.constant('USD'), quantity) }),
  fc.record({ type: fc.constant('deposit'), received: fc.tuple(asset, quantity) }),
  fc.record({ type: fc.constant('withdrawal'), sent: fc.tuple(asset, quantity) }),
  fc.record({ type: fc.constant('income'), received: fc.tuple(asset, quantity), usd: quantity, kind: fc.constantFrom(...INCOME_KINDS) }),
);

describe('Lotline generic CSV v1', () => {
  it('reads back exactly the quantities, types and kinds it was given (any amounts up to 18 decimals)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const lines = rows.map((r, i) =>
          [
            new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
            r.type,
            r.sent?.[0] ?? '', r.sent?.[1] ?? '',
            r.received?.[0] ?? '', r.received?.[1] ?? '',
            r.usd ?? '', r.kind ?? '',
          ].join(','),
        );
        const text = `date,type,sent_asset,sent_amount,received_asset,received_amount,usd_value,income_kind\n${lines.join('\n')}\n`;
        const result = await importCsv(text, options);
        expect(result.issues).toEqual([]);
        expect(result.events.map((e) => ({
          type: e.type,
          sent: e.sent && [e.sent.asset, toWire(e.sent.amount)],
          received: e.received && [e.received.asset, toWire(e.received.amount)],
          kind: e.incomeKind,
        }))).toEqual(rows.map((r) => ({
          type: r.type,
          sent: r.sent && [r.sent[0], toWire(new Decimal(r.sent[1]))],
          received: r.received && [r.received[0], toWire(new Decimal(r.received[1]))],
          kind: r.kind,
        })));
      }),
      { numRuns: 100 },
    );
  });

  it('reads semicolon- and tab-separated exports of the template (spreadsheet locales)', async () => {
    for (const sep of [';', '\t']) {
      const columns = ['date', 'type', 'received_asset', 'received_amount', 'note'];
      const text = columns.join(sep) + '\n' + ['2024-01-01T00:00:00Z', 'deposit', 'ETH', '1.5', 'from Anna, Ben and Cleo'].join(sep) + '\n';
      const result = await importCsv(text, options);
      expect(result.issues).toEqual([]);
      expect(result.events.map((e) => e.received && toWire(e.received.amount))).toEqual(['1.5']);
    }
  });

  it('strips a UTF-8 BOM given as text', async () => {
    const result = await importCsv('\uFEFFdate,type,received_asset,received_amount\n2024-01-01T00:00:00Z,deposit,ETH,1\n', options);
    expect(result.format).toBe('lotline-generic-v1');
    expect(result.issues).toEqual([]);
  });

  it('fills the transfer fee from sent - received, and checks sent = received + fee when all are given', async () => {
    const header = 'date,type,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount\n';
    const ok = await importCsv(`${header}2024-01-01T00:00:00Z,transfer,Ledger,BTC,1,BTC,0.9995,,\n2024-01-02T00:00:00Z,transfer,Ledger,BTC,1,,,BTC,0.001\n`, options);
    expect(ok.issues).toEqual([]);
    expect(ok.events.map((e) => [e.received && toWire(e.received.amount), e.fee && toWire(e.fee.amount)])).toEqual([['0.9995', '0.0005'], ['0.999', '0.001']]);
    const bad = await importCsv(`${header}2024-01-01T00:00:00Z,transfer,Ledger,BTC,1,BTC,0.9,BTC,0.2\n`, options);
    expect(bad.issues.map((i) => i.code)).toEqual(['INCONSISTENT_ROW']);
  });
});

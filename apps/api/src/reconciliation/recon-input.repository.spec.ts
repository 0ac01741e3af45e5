import { Decimal } from '@lotline/ledger';
import { eventFromCopyLine, toLedgerEvent } from './recon-input.repository';

/** A COPY text-format line of EVENT_COLUMNS, fields escaped as PostgreSQL writes them. */
const line = (fields: readonly (string | null)[]) =>
  fields.map((f) => (f === null ? '\\N' : f.replace(/[\\\t\n\r\b\f\v]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c] ?? c))).join('\t');

describe('eventFromCopyLine', () => {
  it('reads a file row with every amount exactly like the row query does (escaped text, NULLs, decimals)', () => {
    const note = 'tab\there, new\nline, cr\r, back\\slash, \\N literal, café 😀';
    const fields = ['42', '2024-03-01T12:34:56.789Z', 'trade', 'Coin\tbase', null, 'BTC', '0.000000000000000001', 'USD', '61234.56', 'USD', '1.5', '61234.56', '1.5', null, 'ext\\id', note, 'ab'.repeat(32), 'my file.csv', '17', null];
    const row = {
      id: '42', at: '2024-03-01T12:34:56.789Z', type: 'trade' as const, account_name: 'Coin\tbase', to_account: null, sent_asset: 'BTC', sent_amount: '0.000000000000000001',
      received_asset: 'USD', received_amount: '61234.56', fee_asset: 'USD', fee_amount: '1.5', usd_value: '61234.56', fee_usd: '1.5', income_kind: null,
      external_id: 'ext\\id', note, source_file_sha256: 'ab'.repeat(32), source_file_name: 'my file.csv', source_line: 17, source_api_ref: null,
    };
    const e = eventFromCopyLine(line(fields));
    expect(e).toEqual(toLedgerEvent(row));
    expect(e.note).toBe(note);
    expect(e.account).toBe('Coin\tbase');
    expect(e.sent?.amount.equals(new Decimal('1e-18'))).toBe(true);
    expect(e.source).toEqual({ kind: 'file', fileName: 'my file.csv', line: 17, fileSha256: 'ab'.repeat(32) });
  });

  it('reads api and manual rows, leaving out absent fields', () => {
    const api = eventFromCopyLine(line(['7', '2023-01-01T00:00:00.000Z', 'income', 'Kraken', null, null, null, 'ETH', '0.5', null, null, null, null, 'staking', null, null, null, null, null, 'kraken:L1:2']));
    expect(api).toEqual({ id: '7', account: 'Kraken', timestamp: '2023-01-01T00:00:00.000Z', type: 'income', received: { asset: 'ETH', amount: new Decimal('0.5') }, incomeKind: 'staking', source: { kind: 'api', exchange: 'kraken', recordId: 'L1:2' } });
    const manual = eventFromCopyLine(line(['8', '2023-01-02T00:00:00.000Z', 'transfer', 'Wallet', 'Ledger', 'BTC', '1', 'BTC', '1', null, null, null, null, null, null, null, null, null, null, 'manual:user-1']));
    expect(manual.toAccount).toBe('Ledger');
    expect(manual.source).toEqual({ kind: 'manual', enteredBy: 'user-1' });
    expect('usdValue' in manual || 'fee' in manual || 'note' in manual).toBe(false);
  });
});

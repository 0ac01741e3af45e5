import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildProgram } from './main';

async function run(args: string[]): Promise<{ out: string; err: string }> {
  const io = { out: '', err: '' };
  await buildProgram({ out: (t) => (io.out += t), err: (t) => (io.err += t) }).parseAsync(['node', 'lotline', ...args]);
  return io;
}

const fixtures = join(__dirname, '..', 'fixtures');

describe('lotline CLI', () => {
  afterEach(() => (process.exitCode = undefined));

  it('prints the generic template header', async () => {
    const { out } = await run(['template', 'generic', '--no-examples']);
    expect(out).toBe('date,type,account,to_account,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,usd_value,fee_usd,income_kind,tx_id,note\n');
  });

  it('lists the formats it reads', async () => {
    const { out } = await run(['formats']);
    expect(out).toContain('lotline-generic-v1');
    expect(out).toContain('coinbase');
    expect(out).toContain('form-1099-da');
  });

  it('computes 2025 for a folder of two accounts: safe-harbor split, per-wallet disposals, long-term box L', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lotline-cli-'));
    const io = await run(['compute', join(fixtures, 'two-accounts'), '--year', '2025', '--out', out]);
    expect(process.exitCode).toBeUndefined();
    expect(io.err).toContain('coinbase.csv: lotline-generic-v1, 3 rows');
    const rows = parse(readFileSync(join(out, 'form-8949-2025.csv')), { columns: true }) as Record<string, string>[];
    // 0.5 BTC bought for 10,000 + 10 fee (20,020/BTC); 0.2 moved to the ledger wallet; in 2025 each wallet sells 0.1.
    expect(rows.map((r) => [r['account'], r['box'], r['term'], r['date_acquired'], r['date_sold'], r['proceeds'], r['cost_basis'], r['gain']])).toEqual([
      ['coinbase', 'L', 'long', '2024-01-10', '2025-02-01', '5995', '2002', '3993'],
      ['ledger', 'L', 'long', '2024-01-10', '2025-03-01', '7000', '2002', '4998'],
    ]);
    const income = parse(readFileSync(join(out, 'income-2025.csv')), { columns: true }) as Record<string, string>[];
    expect(income).toEqual([expect.objectContaining({ kind: 'staking', asset: 'ETH', quantity: '0.01', usd_value: '35.2' })]);
    const totals = JSON.parse(readFileSync(join(out, 'totals-2025.json'), 'utf8'));
    expect(totals.longTerm.gain).toBe('8991');
    expect(totals.income).toBe('35.2');
    expect(io.out).toContain('long-term gain 8991');
  });

  it('refuses a folder with a bad row, names file, line and column, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lotline-cli-')), 'results');
    const io = await run(['compute', join(fixtures, 'bad-row'), '--year', '2024', '--out', out]);
    expect(process.exitCode).toBe(1);
    expect(io.err).toMatch(/coinbase\.csv, line 3, column sent_amount: INVALID_DECIMAL/);
    expect(io.err).toContain('nothing was computed');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an impossible tax year', async () => {
    await expect(run(['compute', fixtures, '--year', '25'])).rejects.toThrow(/four-digit tax year/);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from './main';

async function run(args: string[]): Promise<{ out: string; err: string }> {
  const io = { out: '', err: '' };
  await buildProgram({ out: (t) => (io.out += t), err: (t) => (io.err += t) }).parseAsync(['node', 'lotline', ...args]);
  return io;
}

const fixtures = join(__dirname, '..', 'fixtures');
const REPORT_FILES = ['form8949.csv', 'holdings.csv', 'income.csv', 'summary.json', 'warnings.csv'];

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

  /*
   * Fixture report-basic (checked by hand): 0.5 BTC bought for 10,000 + 10 fee (20,020/BTC); 0.2 BTC + 0.0001 fee
   * withdrawn to the ledger wallet, matched to the deposit by tx hash (a transfer; the fee units disposed at
   * 13,400/0.2 = 67,000/BTC: proceeds 6.7, basis 2.002, gain 4.698 in 2024, box C); 2025 per account after the
   * safe-harbor split (coinbase 0.2999, ledger 0.2 at 20,020): coinbase sells 0.1 for 6,000 - 5 (proceeds 5,995,
   * basis 2,002, gain 3,993, box J: the 1099-DA line reports basis), ledger spends 0.1 at 7,000 (gain 4,998, box L);
   * 0.01 ETH staking income 35.2; a 1 ETH deposit from an unknown source is the one (blocking) warning.
   */
  it.each([
    ['2025-fifo-auto', ['--year', '2025', '--method', 'fifo']],
    ['2024-hifo-universal-utc', ['--year', '2024', '--method', '2020:hifo,2025:fifo', '--scope', 'universal', '--tz', 'UTC']],
  ])('report %s writes exactly the expected files, byte for byte', async (name, args) => {
    const out = join(mkdtempSync(join(tmpdir(), 'lotline-cli-')), 'report');
    const io = await run(['report', join(fixtures, 'report-basic', 'input'), ...args, '--out', out]);
    expect(process.exitCode).toBeUndefined();
    expect(io.err).toContain('coinbase-1099-da.csv: form-1099-da, 1 rows');
    expect(io.out).toContain('1 transfers matched');
    const expectedDir = join(fixtures, 'report-basic', 'expected', name);
    expect(readdirSync(out).sort()).toEqual(REPORT_FILES);
    for (const file of REPORT_FILES) expect(`${file}:\n${readFileSync(join(out, file), 'utf8')}`).toBe(`${file}:\n${readFileSync(join(expectedDir, file), 'utf8')}`);
  });

  it('writes the exact headers the issue specifies', () => {
    const header = (file: string) => readFileSync(join(fixtures, 'report-basic', 'expected', '2025-fifo-auto', file), 'utf8').split('\n')[0];
    expect(header('form8949.csv')).toBe('description,date_acquired,date_sold,proceeds,cost_basis,adjustment_code,adjustment,gain,term,box,account');
    expect(header('income.csv')).toBe('date,asset,quantity,kind,usd_value,account');
    expect(header('warnings.csv')).toBe('kind,severity,blocking,account,asset,date,message,event_ids');
    expect(header('holdings.csv')).toBe('account,asset,quantity,cost_basis');
  });

  it('refuses a folder with a bad row, names file, line and column, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lotline-cli-')), 'results');
    const io = await run(['report', join(fixtures, 'bad-row'), '--year', '2024', '--method', 'fifo', '--out', out]);
    expect(process.exitCode).toBe(1);
    expect(io.err).toMatch(/coinbase\.csv, line 3, column sent_amount: INVALID_DECIMAL/);
    expect(io.err).toContain('nothing was computed');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--year', '25', '--method', 'fifo'], /four-digit tax year/],
    [['--year', '2025', '--method', 'average'], /not fifo, lifo, hifo or YEAR:method/],
    [['--year', '2025', '--method', '2021:lifo,2020:fifo'], /increasing order/],
    [['--year', '2025', '--method', 'fifo', '--tz', 'Mars/Olympus'], /not an IANA time zone/],
    [['--year', '2025', '--method', 'fifo', '--scope', 'galaxy'], /Allowed choices are universal, per-account, auto/],
    [['--year', '2025'], /required option '--method <m>' not specified/],
  ])('rejects bad options %j', async (args, message) => {
    await expect(run(['report', join(fixtures, 'report-basic', 'input'), ...args])).rejects.toThrow(message);
  });

  it('names a missing folder', async () => {
    await expect(run(['report', join(fixtures, 'no-such-folder'), '--year', '2025', '--method', 'fifo'])).rejects.toThrow(/no-such-folder is not a folder/);
  });
});

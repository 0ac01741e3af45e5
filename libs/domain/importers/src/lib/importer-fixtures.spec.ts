/**
 * The one table-driven importer spec (ARCHITECTURE.md rule 9): every fixtures/<format>/ok/*.csv must import with no
 * issues into exactly the ledger JSON beside it; every fixtures/<format>/not-ok/*.csv must produce exactly the issue
 * codes and lines listed beside it (and no events may be trusted, so we only check issues there).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FormatId, form1099DaLineToJson, supportedFormats, importCsv, type ImportOptions, ledgerEventToJson } from '../index';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const ACCOUNT = 'Test Account';

interface OkExpectation {
  readonly options?: Partial<ImportOptions>;
  readonly format: FormatId;
  readonly assumedTimeZone: string;
  readonly events: readonly unknown[];
  readonly form1099DaLines?: readonly unknown[];
}

interface NotOkExpectation {
  readonly options?: Partial<ImportOptions>;
  readonly issues: readonly { readonly code: string; readonly line: number; readonly column?: string }[];
}

function csvFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')).sort() : [];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Fixtures are read as bytes so BOMs, CRLF and UTF-16 reach the importer exactly as a browser upload would. */
function bytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

describe.each(supportedFormats().map((f) => [f.id]))('format %s', (format) => {
  const okDir = join(FIXTURES, format, 'ok');
  const notOkDir = join(FIXTURES, format, 'not-ok');

  it('has at least one ok and one not-ok fixture', () => {
    expect(csvFiles(okDir).length).toBeGreaterThan(0);
    expect(csvFiles(notOkDir).length).toBeGreaterThan(0);
  });

  it.each(csvFiles(okDir).map((f) => [f]))('ok/%s imports into the expected ledger', async (file) => {
    const expected = readJson<OkExpectation>(join(okDir, file.replace(/\.csv$/, '.json')));
    const result = await importCsv(bytes(join(okDir, file)), { fileName: file, account: ACCOUNT, ...expected.options });
    expect(result.issues).toEqual([]);
    expect(result.format).toBe(expected.format);
    expect(result.assumedTimeZone).toBe(expected.assumedTimeZone);
    expect(result.events.map(ledgerEventToJson)).toEqual(expected.events);
    expect(result.form1099DaLines.map(form1099DaLineToJson)).toEqual(expected.form1099DaLines ?? []);
  });

  it.each(csvFiles(okDir).map((f) => [f]))('ok/%s gives identical fingerprints on re-import', async (file) => {
    const expected = readJson<OkExpectation>(join(okDir, file.replace(/\.csv$/, '.json')));
    const options = { fileName: `again-${file}`, account: ACCOUNT, ...expected.options };
    const first = await importCsv(bytes(join(okDir, file)), options);
    const second = await importCsv(bytes(join(okDir, file)), { ...options, batchSize: 1 });
    const ids = [...first.events.map((e) => e.id), ...first.form1099DaLines.map((l) => l.id)];
    expect([...second.events.map((e) => e.id), ...second.form1099DaLines.map((l) => l.id)]).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(csvFiles(notOkDir).map((f) => [f]))('not-ok/%s reports the expected issues', async (file) => {
    const expected = readJson<NotOkExpectation>(join(notOkDir, file.replace(/\.csv$/, '.json')));
    const result = await importCsv(bytes(join(notOkDir, file)), { fileName: file, account: ACCOUNT, format, ...expected.options });
    expect(result.issues.map((i) => ({ code: i.code, line: i.line, ...(i.column === undefined ? {} : { column: i.column }) }))).toEqual(
      expected.issues.map((i) => ({ code: i.code, line: i.line, ...(i.column === undefined ? {} : { column: i.column }) })),
    );
    for (const issue of result.issues) {
      expect(issue.file).toBe(file);
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });
});

describe('fingerprints across files of one exchange', () => {
  it('gives a Kraken trade the same id from the ledgers export and the trades export', async () => {
    const ledgers = await importCsv(bytes(join(FIXTURES, 'kraken-ledgers', 'ok', 'ledgers-2023.csv')), { fileName: 'ledgers.csv', account: ACCOUNT });
    const trades = await importCsv(bytes(join(FIXTURES, 'kraken-trades', 'ok', 'trades-2023.csv')), { fileName: 'trades.csv', account: ACCOUNT });
    const fromLedgers = new Map(ledgers.events.filter((e) => e.externalId?.startsWith('TX')).map((e) => [e.externalId, e.id]));
    expect(fromLedgers.size).toBe(2);
    for (const e of trades.events.filter((t) => fromLedgers.has(t.externalId))) {
      expect(e.id).toBe(fromLedgers.get(e.externalId));
    }
    expect(trades.events.filter((t) => fromLedgers.has(t.externalId))).toHaveLength(2);
  });
});

describe('robustness with random rows under every format header', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '0', '-1', '1E-8', '$1,234.56', '(0.5 BTC)', '2024-01-01T00:00:00Z', '2024-13-45', 'BTC', 'USD', 'buy', 'Sell', 'trade', 'deposit', 'X'),
  );
  const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

  it.each(supportedFormats().map((f) => [f.id]))('%s: never throws, every issue and event points at a real line', async (format) => {
    const okDir = join(FIXTURES, format, 'ok');
    const sample = readFileSync(join(okDir, csvFiles(okDir)[0] as string), 'utf8').replace(/^\uFEFF/, '');
    const detected = await importCsv(sample, { fileName: 'probe.csv', account: ACCOUNT });
    const headerLines = sample.split(/\r\n|\n|\r/).slice(0, detected.headerLine).join('\n');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 25 }), { minLength: 1, maxLength: 8 }), async (rows) => {
        const text = `${headerLines}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
        const lastLine = detected.headerLine + rows.length;
        const result = await importCsv(text, { fileName: 'fuzz.csv', account: ACCOUNT, format });
        for (const issue of result.issues) expect(issue.line).toBeGreaterThan(detected.headerLine);
        for (const issue of result.issues) expect(issue.line).toBeLessThanOrEqual(lastLine);
        for (const event of result.events) {
          expect(event.source.kind === 'file' && event.source.line > detected.headerLine && event.source.line <= lastLine).toBe(true);
          expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});

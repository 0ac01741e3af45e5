import fc from 'fast-check';
import { importCsv, importCsvStream, type ImportStreamItem } from '../../index';

const options = { fileName: 'stream.csv', account: 'Main' };
const HEADER = 'date,type,sent_asset,sent_amount,received_asset,received_amount,usd_value,note\r\n';
const ROWS = [
  '2024-01-01T00:00:00Z,buy,USD,100,BTC,0.002,,"café ☕, multi\r\nline"\r\n',
  '2024-01-02T00:00:00Z,deposit,,,ETH,1,,\r\n',
  '2024-01-03T00:00:00Z,sell,BTC,0.001,USD,60,,\r\n',
];
const TEXT = HEADER + ROWS.join('') + '\r\n\r\n';

function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function collect(items: AsyncIterable<ImportStreamItem>): Promise<ImportStreamItem[]> {
  const out: ImportStreamItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('importCsv / importCsvStream', () => {
  it('gives the same events and physical lines whatever the chunking (UTF-8 split inside characters and CRLF)', async () => {
    const whole = await importCsv(TEXT, options);
    expect(whole.issues).toEqual([]);
    expect(whole.events.map((e) => e.source)).toEqual([
      { kind: 'file', fileName: 'stream.csv', line: 2 },
      { kind: 'file', fileName: 'stream.csv', line: 4 },
      { kind: 'file', fileName: 'stream.csv', line: 5 },
    ]);
    expect(whole.events[0]?.note).toBe('café ☕, multi\r\nline');
    const bytes = new TextEncoder().encode(TEXT);
    for (const size of [1, 3, 7, 64]) {
      const chunked = await importCsv(chunksOf(bytes, size), options);
      expect(chunked.events).toEqual(whole.events);
    }
  });

  it('decodes UTF-16 LE and BE (with BOM), also when chunks split code units', async () => {
    const whole = await importCsv(TEXT, options);
    const le = new Uint8Array([0xff, 0xfe, ...Array.from(TEXT).flatMap((ch) => {
      const units: number[] = [];
      for (let i = 0; i < ch.length; i++) units.push(ch.charCodeAt(i) & 0xff, ch.charCodeAt(i) >> 8);
      return units;
    })]);
    const be = new Uint8Array(le.length);
    be.set([0xfe, 0xff]);
    for (let i = 2; i < le.length; i += 2) {
      be[i] = le[i + 1] as number;
      be[i + 1] = le[i] as number;
    }
    expect((await importCsv(chunksOf(le, 5), options)).events).toEqual(whole.events);
    expect((await importCsv(be, options)).events).toEqual(whole.events);
  });

  it('streams detected, batches of at most batchSize events with growing progress, then done', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `2024-01-01T00:00:${String(i).padStart(2, '0')}Z,deposit,,,ETH,${i + 1},,\n`);
    const items = await collect(importCsvStream([HEADER, ...rows], { ...options, batchSize: 10 }));
    expect(items[0]).toMatchObject({ kind: 'detected', detection: { format: 'lotline-generic-v1', headerLine: 1 } });
    const batches = items.filter((i): i is Extract<ImportStreamItem, { kind: 'batch' }> => i.kind === 'batch');
    expect(batches.reduce((n, b) => n + b.events.length, 0)).toBe(25);
    expect(batches.map((b) => b.rowsDone)).toEqual([...batches.map((b) => b.rowsDone)].sort((a, b) => a - b));
    expect(items[items.length - 1]).toEqual({ kind: 'done', rowCount: 25, eventCount: 25, form1099DaLineCount: 0, issueCount: 0 });
  });

  it('reports input consumed for progress bars (bytes for byte input)', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    const items = await collect(importCsvStream(chunksOf(bytes, 16), { ...options, batchSize: 1 }));
    const progress = items.flatMap((i) => (i.kind === 'batch' ? [i.inputRead] : []));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(bytes.length);
  });

  it('keeps the first maxIssues issues and counts all of them', async () => {
    const rows = Array.from({ length: 12 }, () => 'not-a-date,deposit,,,ETH,1,,\n');
    const result = await importCsv(HEADER + rows.join(''), { ...options, maxIssues: 5 });
    expect(result.issues).toHaveLength(5);
    expect(result.issueCount).toBe(12);
    expect(result.rowCount).toBe(12);
    expect(result.issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('fingerprints: stable on re-import, distinct for identical rows, independent of line and file name when an id exists', async () => {
    const text = 'date,type,received_asset,received_amount,tx_id\n2024-01-01T00:00:00Z,deposit,ETH,1,0xaaa\n2024-01-01T00:00:00Z,deposit,ETH,1,\n2024-01-01T00:00:00Z,deposit,ETH,1,\n';
    const a = await importCsv(text, options);
    const b = await importCsv(text, { ...options, fileName: 'renamed.csv' });
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    expect(new Set(a.events.map((e) => e.id)).size).toBe(3);
    const moved = await importCsv('date,type,received_asset,received_amount,tx_id\n\n\n2024-01-01T00:00:00Z,deposit,ETH,1,0xaaa\n', options);
    expect(moved.events[0]?.id).toBe(a.events[0]?.id);
    const otherAccount = await importCsv(text, { ...options, account: 'Other' });
    expect(otherAccount.events[0]?.id).not.toBe(a.events[0]?.id);
  });

  it('never throws, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((b) => b as Uint8Array)), async (input) => {
        const result = await importCsv(typeof input === 'string' ? HEADER + input : input, options);
        expect(result.issueCount).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('volume', () => {
  it('streams 50,000 generated rows in bounded batches with unique, stable ids', async () => {
    async function* generate(): AsyncGenerator<string> {
      yield 'date,type,sent_asset,sent_amount,received_asset,received_amount,fee_asset,fee_amount,tx_id\n';
      // Large chunks (10,000 rows each): batches must still be cut at batchSize.
      for (let block = 0; block < 5; block++) {
        let text = '';
        for (let i = 0; i < 10_000; i++) {
          const n = block * 10_000 + i;
          const time = new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString().replace('.000Z', 'Z');
          text += n % 2 === 0 ? `${time},buy,USD,${100 + (n % 7)},BTC,0.00${(n % 997) + 1},USD,0.5,\n` : `${time},deposit,,,ETH,1.${n},,,0x${n}\n`;
        }
        yield text;
      }
    }
    let events = 0;
    let largestBatch = 0;
    const ids = new Set<string>();
    let done: ImportStreamItem | undefined;
    for await (const item of importCsvStream(generate(), { ...options, batchSize: 2000 })) {
      if (item.kind === 'batch') {
        events += item.events.length;
        largestBatch = Math.max(largestBatch, item.events.length);
        for (const e of item.events) ids.add(e.id);
        expect(item.issues).toEqual([]);
      } else if (item.kind === 'done') done = item;
    }
    expect(events).toBe(50_000);
    expect(ids.size).toBe(50_000);
    expect(largestBatch).toBe(2000);
    expect(done).toEqual({ kind: 'done', rowCount: 50_000, eventCount: 50_000, form1099DaLineCount: 0, issueCount: 0 });
  });
});

describe('hostile input', () => {
  it('stops at a record larger than 1 MB with MALFORMED_CSV instead of exhausting memory', async () => {
    const huge = `${HEADER}2024-01-01T00:00:00Z,deposit,,,ETH,1,,"${'x'.repeat(1_100_000)}"\n`;
    const result = await importCsv(huge, options);
    expect(result.issues.map((i) => i.code)).toEqual(['MALFORMED_CSV']);
    expect(result.events).toEqual([]);
  });
});

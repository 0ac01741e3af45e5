import { parse } from 'csv-parse/sync';
import { parseDecimal, toWire } from '@lotline/ledger';
import type { PriceGranularity } from '@lotline/contracts';

/** One valid row of a price CSV (see the "Price CSV v1" table in libs/shared/contracts/src/lib/prices.ts). */
export interface PriceRow {
  readonly line: number;
  readonly asset: string;
  /** ISO instant. */
  readonly at: string;
  readonly granularity: PriceGranularity;
  /** Decimal string (canonical wire form). */
  readonly priceUsd: string;
  readonly source: string;
}

export interface PriceCsvIssue {
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
}

export interface PriceCsvResult {
  readonly rows: readonly PriceRow[];
  readonly issues: readonly PriceCsvIssue[];
  /** Data rows read (blank lines not counted). */
  readonly rowCount: number;
}

const ALIASES: Record<string, 'date' | 'asset' | 'price_usd' | 'granularity' | 'source'> = {
  date: 'date',
  time: 'date',
  timestamp: 'date',
  datetime: 'date',
  asset: 'asset',
  symbol: 'asset',
  price_usd: 'price_usd',
  price: 'price_usd',
  usd: 'price_usd',
  granularity: 'granularity',
  source: 'source',
};
const REQUIRED = ['date', 'asset', 'price_usd'] as const;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ASSET = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const MAX_ISSUES = 1000;

/**
 * Reads a price CSV. Pure: text in, rows and issues out; every issue names the line (as the file counts lines, header
 * = line 1) and the column. Rows repeating an earlier row's asset, granularity, instant and source with the same
 * price are kept once; with a different price they are an issue (the file contradicts itself).
 */
export function parsePriceCsv(text: string, fileName: string): PriceCsvResult {
  const issues: PriceCsvIssue[] = [];
  const add = (i: PriceCsvIssue) => void (issues.length < MAX_ISSUES && issues.push(i));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return { rows: [], issues: [{ line, message: `This is not a readable CSV file (${(e as Error).message}).` }], rowCount: 0 };
  }
  if (records.length === 0) return { rows: [], issues: [{ line: 1, message: 'The file is empty: it needs a header row (date, asset, price_usd) and one row per price.' }], rowCount: 0 };
  const header = records[0].record.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = ALIASES[h];
    if (name === undefined) return;
    if (index.has(name)) add({ line: records[0].info.lines, column: h, message: `The header names the ${name} column twice.` });
    else index.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    add({ line: records[0].info.lines, message: `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Expected: date, asset, price_usd, and optionally granularity and source.` });
  }
  if (issues.length > 0) return { rows: [], issues, rowCount: records.length - 1 };

  const rows: PriceRow[] = [];
  const seen = new Map<string, PriceRow>();
  const cell = (r: string[], c: string) => {
    const i = index.get(c);
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const before = issues.length;
    const rawDate = cell(record, 'date');
    const rawAsset = cell(record, 'asset');
    const rawPrice = cell(record, 'price_usd');
    const rawGranularity = cell(record, 'granularity').toLowerCase();
    const asset = rawAsset.toUpperCase();
    if (!ASSET.test(asset)) add({ line, column: 'asset', value: rawAsset, message: rawAsset === '' ? 'The asset is missing.' : 'The asset must be a symbol such as BTC (letters, digits, ".", "_" or "-", at most 32).' });
    let at: string | undefined;
    let granularity: PriceGranularity | undefined;
    const day = DAY.exec(rawDate);
    if (day) {
      const ms = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
      if (new Date(ms).toISOString().slice(0, 10) === rawDate) {
        at = new Date(ms).toISOString();
        granularity = 'day';
      }
    } else if (INSTANT.test(rawDate) && !Number.isNaN(Date.parse(rawDate.replace(' ', 'T')))) {
      at = new Date(Date.parse(rawDate.replace(' ', 'T'))).toISOString();
      granularity = 'minute';
    }
    if (at === undefined) {
      add({ line, column: 'date', value: rawDate, message: rawDate === '' ? 'The date is missing.' : 'The date must be YYYY-MM-DD or an ISO 8601 instant with Z or an offset, e.g. 2024-03-01T14:05:00Z.' });
    }
    if (rawGranularity !== '') {
      if (rawGranularity !== 'day' && rawGranularity !== 'hour' && rawGranularity !== 'minute') {
        add({ line, column: 'granularity', value: rawGranularity, message: 'The granularity must be day, hour or minute.' });
      } else if (at !== undefined) {
        const misaligned = (rawGranularity === 'day' && !at.endsWith('T00:00:00.000Z')) || (rawGranularity === 'hour' && !at.endsWith(':00:00.000Z'));
        if (misaligned) add({ line, column: 'granularity', value: rawGranularity, message: `A ${rawGranularity} price must be at the start of the ${rawGranularity} in UTC (got ${at}).` });
        granularity = rawGranularity;
      }
    }
    let priceUsd: string | undefined;
    const price = parseDecimal(rawPrice);
    if (price?.gt(0)) priceUsd = toWire(price);
    if (priceUsd === undefined) add({ line, column: 'price_usd', value: rawPrice, message: rawPrice === '' ? 'The price is missing.' : 'The price must be a positive decimal number of US dollars without currency signs or thousands separators, e.g. 42150.25.' });
    const rawSource = cell(record, 'source');
    const source = rawSource === '' ? `csv:${fileName}`.slice(0, 300) : rawSource;
    if (rawSource.length > 300) add({ line, column: 'source', value: rawSource.slice(0, 40), message: 'The source must be at most 300 characters.' });
    if (issues.length > before || at === undefined || granularity === undefined || priceUsd === undefined) continue;
    const row: PriceRow = { line, asset, at, granularity, priceUsd, source };
    const key = `${asset}|${granularity}|${at}|${source}`;
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, row);
      rows.push(row);
    } else if (earlier.priceUsd !== priceUsd) {
      add({ line, column: 'price_usd', value: rawPrice, message: `Line ${earlier.line} already gives ${asset} at ${at} from the same source a different price (${earlier.priceUsd}).` });
    }
  }
  return { rows: issues.length > 0 ? [] : rows, issues, rowCount: records.length - 1 };
}

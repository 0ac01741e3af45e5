/**
 * Streaming CSV reading over csv-parse: text or byte chunks in, batches of records out, each record tagged with the
 * physical line it starts on. Handles BOM, CRLF/LF/CR, quoted newlines, blank lines (reported as empty records so
 * line numbers stay exact), UTF-16 input and binary refusal. Never throws on bad content: it yields an error item.
 */
import { parse, type Parser } from 'csv-parse';
import type { CsvInput } from '../model/import-types';
import { binaryKind, detectEncoding, inputChunks, nonCsvTextKind } from './input-decoding';

export interface CsvRecord {
  readonly fields: readonly string[];
  /** Physical 1-based line the record starts on. */
  readonly line: number;
}

export type CsvReadItem =
  /** A batch of records: `rows[i]` starts on physical line `lines[i]` (parallel arrays: no object per record). */
  | {
      readonly kind: 'records';
      readonly rows: readonly (readonly string[])[];
      readonly lines: readonly number[];
      /** Input consumed so far: bytes for byte input, characters for text input (for progress bars). */
      readonly inputRead: number;
    }
  | { readonly kind: 'error'; readonly code: 'NOT_CSV' | 'MALFORMED_CSV'; readonly line: number; readonly message: string };

const HEAD_BYTES = 4096;
const MAX_RECORD_CHARS = 1_000_000;

function notCsvMessage(kind: string): string {
  return `This file is not CSV text: it looks like ${kind}. Export or save it as CSV (comma-separated values) and upload that.`;
}

/** Counts line breaks inside a record's fields (CRLF counts once). */
function lineBreaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

/** The most frequent of comma, semicolon and tab in the first lines (comma on ties): spreadsheet locales differ. */
function sniffDelimiter(headText: string): string {
  const lines = headText.split(/\r\n|\n|\r/, 6).slice(0, 5).join('\n');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = lines.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Collects the first few KB so encoding, binary content and delimiter can be judged on more than a tiny chunk. */
async function readHead(source: AsyncIterator<string | Uint8Array>): Promise<{ head: (string | Uint8Array)[]; done: boolean }> {
  const head: (string | Uint8Array)[] = [];
  let size = 0;
  for (;;) {
    const next = await source.next();
    if (next.done === true) return { head, done: true };
    head.push(next.value);
    size += next.value.length;
    if (size >= HEAD_BYTES) return { head, done: false };
  }
}

type Decoder = (chunk: string | Uint8Array) => string | Uint8Array;


export async function* readCsvRecords(input: CsvInput): AsyncGenerator<CsvReadItem> {
  const source = inputChunks(input)[Symbol.asyncIterator]();
  const { head, done } = await readHead(source);
  const bytesHead = head.every((c) => c instanceof Uint8Array) ? concatBytes(head as Uint8Array[]) : undefined;

  let decode: Decoder = (chunk) => chunk;
  /** Text a streaming decoder still holds at the end (an incomplete trailing code unit becomes U+FFFD). */
  let flushDecoder = (): string => '';
  if (bytesHead !== undefined && bytesHead.length > 0) {
    const kind = binaryKind(bytesHead);
    if (kind !== undefined) {
      yield { kind: 'error', code: 'NOT_CSV', line: 0, message: notCsvMessage(kind) };
      return;
    }
    const encoding = detectEncoding(bytesHead);
    if (encoding !== 'utf-8') {
      const decoder = new TextDecoder(encoding);
      decode = (chunk) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      flushDecoder = () => decoder.decode();
    }
  }
  const headText = head.map((c) => (typeof c === 'string' ? c : '')).join('') ||
    (bytesHead === undefined ? '' : new TextDecoder(detectEncoding(bytesHead)).decode(bytesHead.subarray(0, HEAD_BYTES)));
  const notCsv = nonCsvTextKind(headText);
  if (notCsv !== undefined) {
    yield { kind: 'error', code: 'NOT_CSV', line: 0, message: notCsvMessage(notCsv) };
    return;
  }

  const parser: Parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    delimiter: sniffDelimiter(headText),
    // Any line ending, even mixed in one file (hand-edited exports).
    record_delimiter: ['\r\n', '\n', '\r'],
    // A single record over 1 MB is not a transaction export (and would let one field exhaust memory).
    max_record_size: MAX_RECORD_CHARS,
  });
  let pending: string[][] = [];
  /** csv-parse's running line counter when each pending record was pushed (its end line, as csv-parse counts). */
  let pendingEnds: number[] = [];
  let failure: { message: string; line: number } | undefined;
  parser.on('data', (record: string[]) => {
    pending.push(record);
    pendingEnds.push(parser.info.lines);
  });
  parser.on('error', (err: Error & { lines?: number }) => {
    failure = { message: err.message, line: err.lines ?? 0 };
  });
  const closed = new Promise<void>((resolve) => parser.on('close', () => resolve()));

  let nextLine = 1;
  let previousEnd = 0;
  let inputRead = 0;
  const take = (): CsvReadItem => {
    const rows = pending;
    const lines = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      lines[i] = nextLine;
      const end = pendingEnds[i] as number;
      // One counted line means no line break inside the record; otherwise count the physical breaks ourselves
      // (csv-parse counts a CRLF inside quotes twice).
      nextLine += end - previousEnd === 1 ? 1 : 1 + lineBreaksIn(rows[i] as string[]);
      previousEnd = end;
    }
    pending = [];
    pendingEnds = [];
    return { kind: 'records', rows, lines, inputRead };
  };
  const write = (chunk: string | Uint8Array): Promise<void> =>
    new Promise<void>((resolve) => {
      parser.write(chunk, () => resolve());
    });

  const feed = async function* (chunks: Iterable<string | Uint8Array>): AsyncGenerator<CsvReadItem> {
    for (const raw of chunks) {
      inputRead += raw.length;
      const chunk = decode(raw);
      if (chunk.length === 0) continue;
      await write(chunk);
      if (pending.length > 0) yield take();
      if (failure !== undefined) return;
    }
  };

  yield* feed(head);
  if (!done && failure === undefined) {
    for (;;) {
      const next = await source.next();
      if (next.done === true) break;
      yield* feed([next.value]);
      if (failure !== undefined) break;
    }
  }
  if (failure === undefined) {
    const rest = flushDecoder();
    if (rest !== '') await write(rest);
    parser.end();
  } else await source.return?.(undefined);
  await closed;
  if (pending.length > 0) yield take();
  if (failure !== undefined) {
    yield { kind: 'error', code: 'MALFORMED_CSV', line: failure.line, message: `The CSV structure is broken: ${failure.message}` };
  }
}

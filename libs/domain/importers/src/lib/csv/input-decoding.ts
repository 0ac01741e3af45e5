/**
 * Turns raw input (text or bytes, whole or in chunks) into text chunks for the CSV parser: detects UTF-16 (by BOM, or
 * by the zero-byte pattern of BOM-less UTF-16 exports) and refuses binary content such as spreadsheets or PDFs.
 */
import type { CsvInput } from '../model/import-types';

export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Why a file is not CSV text, or undefined when it looks like text. */
export function binaryKind(head: Uint8Array): string | undefined {
  const b = head;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'a ZIP archive or an Excel workbook (.xlsx)';
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'an Excel 97-2003 workbook (.xls)';
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'a PDF document';
  if (b.length >= 4 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'a PNG image';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'a JPEG image';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'a gzip archive';
  return undefined;
}

export function detectEncoding(head: Uint8Array): InputEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // BOM-less UTF-16: ASCII text leaves every other byte zero.
  const n = Math.min(head.length, 512) & ~1;
  if (n >= 8) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZero++;
      if (head[i + 1] === 0) oddZero++;
    }
    const half = n / 2;
    if (oddZero > half * 0.6 && evenZero < half * 0.1) return 'utf-16le';
    if (evenZero > half * 0.6 && oddZero < half * 0.1) return 'utf-16be';
  }
  return 'utf-8';
}

/** Text that is clearly not CSV: NUL or many control characters (binary), or an HTML/JSON/XML document. */
export function nonCsvTextKind(headText: string): string | undefined {
  const sample = headText.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return 'binary data';
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.01) return 'binary data';
  const start = sample.replace(/^\uFEFF/, '').trimStart().slice(0, 15).toLowerCase();
  if (start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<?xml')) return 'an HTML/XML document';
  if (start.startsWith('{') || start.startsWith('[{') || start.startsWith('[\n') || start === '[') return 'a JSON document';
  return undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<string | Uint8Array> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Normalises any accepted input into an async iterable of chunks. */
export async function* inputChunks(input: CsvInput): AsyncGenerator<string | Uint8Array> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield input;
    return;
  }
  if (isAsyncIterable(input)) {
    for await (const chunk of input) yield chunk;
    return;
  }
  for (const chunk of input) yield chunk;
}

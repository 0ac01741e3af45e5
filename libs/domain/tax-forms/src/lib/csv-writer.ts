/**
 * CSV text with formula-injection neutralisation. Column types decide: `text` cells that start with = + - @ tab
 * or CR get a leading apostrophe (spreadsheets then show them as text, OWASP "CSV injection"); `number` cells are
 * written as they are, so "-12.50" stays a negative number, but only if they really are plain decimals: anything
 * else in a number column is treated as text (and neutralised).
 */
export type CsvColumnType = 'text' | 'number';

export interface CsvColumn<T> {
  readonly header: string;
  readonly type: CsvColumnType;
  readonly value: (row: T) => string;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** A cell as written (before CSV quoting). */
export function neutraliseCell(value: string, type: CsvColumnType): string {
  if (type === 'number' && PLAIN_DECIMAL.test(value)) return value;
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180 CSV with a header row and CRLF-free "\n" line ends (as the CLI always wrote). */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const out: string[] = [columns.map((c) => quote(neutraliseCell(c.header, 'text'))).join(',')];
  for (const row of rows) out.push(columns.map((c) => quote(neutraliseCell(c.value(row), c.type))).join(','));
  return out.join('\n') + '\n';
}

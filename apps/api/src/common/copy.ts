import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value of one COPY column: text, number, boolean, NULL, or a text[] array. */
export type CopyCell = string | number | boolean | null | readonly string[];

/** COPY text format field: backslash escapes for the characters that delimit fields and rows; \N is NULL. */
export function copyField(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  const text = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** A text[] literal: every element double-quoted (ids may hold any character). */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** One COPY text line (with its newline). */
export function copyLine(row: readonly CopyCell[]): string {
  return row.map((c) => copyField(Array.isArray(c) ? arrayLiteral(c as readonly string[]) : (c as string | number | boolean | null))).join('\t') + '\n';
}

/** The pg connection of the caller's transaction (COPY needs the raw client). */
export function connectionOf(m: EntityManager, what: string): PoolClient {
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error(`${what} needs a transaction on a PostgreSQL connection`);
  return client;
}

/**
 * Streams COPY text lines (each ending in a newline, see copyLine) into `table` with one COPY ... FROM STDIN: the
 * fastest bulk path; inside the caller's transaction, so a rollback leaves nothing.
 */
export async function copyLines(m: EntityManager, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  const client = connectionOf(m, `COPY into ${table}`);
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = once(copy, 'finish');
  done.catch(() => undefined);
  let text = '';
  for (const line of lines) {
    text += line;
    if (text.length > 1 << 20) {
      if (!copy.write(text)) await once(copy, 'drain');
      text = '';
    }
  }
  copy.end(text);
  await done;
}

/** copyLines for rows of cells. */
export async function bulkInsert(m: EntityManager, table: string, columns: readonly (readonly [string, string])[], data: readonly (readonly CopyCell[])[]): Promise<void> {
  if (data.length === 0) return;
  await copyLines(m, table, columns.map(([n]) => n), (function* () {
    for (const row of data) yield copyLine(row);
  })());
}

import type { EntityManager } from 'typeorm';

/** Runs a parameterised query and returns its rows (repositories only). */
export async function rows<T>(m: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const result: unknown = await m.query(sql, params as unknown[]);
  // UPDATE/DELETE ... RETURNING come back as [rows, count] from the pg driver.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export async function one<T>(m: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T | null> {
  return (await rows<T>(m, sql, params))[0] ?? null;
}

/** Escapes LIKE wildcards so user search text is matched literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

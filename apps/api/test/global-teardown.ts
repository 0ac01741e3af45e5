import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOTLINE_TEST_DB__?.stop();
  const dir = process.env['LOTLINE_TEST_DB_DIR'];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

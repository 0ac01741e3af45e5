import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { register } from 'tsconfig-paths';
import type { EmbeddedDatabase } from '../src/database/embedded-database';

declare global {
  var __LOTLINE_TEST_DB__: EmbeddedDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env['LOTLINE_TEST_TEMPLATE_URL']) return;
  // Global setup runs outside Jest's module resolver: resolve the workspace's @lotline/* paths ourselves.
  const root = resolve(__dirname, '../../..');
  register({ baseUrl: root, paths: require(join(root, 'tsconfig.base.json')).compilerOptions.paths });
  const { Logger } = require('@nestjs/common') as typeof import('@nestjs/common');
  const { migrate } = require('../src/bootstrap') as typeof import('../src/bootstrap');
  const { startEmbeddedDatabase } = require('../src/database/embedded-database') as typeof import('../src/database/embedded-database');
  Logger.overrideLogger(['error', 'warn']);
  const dir = mkdtempSync(join(tmpdir(), 'lotline-test-db-'));
  const db = await startEmbeddedDatabase(dir, 'lotline_template');
  await migrate(db.url);
  globalThis.__LOTLINE_TEST_DB__ = db;
  process.env['LOTLINE_TEST_TEMPLATE_URL'] = db.url;
  process.env['LOTLINE_TEST_DB_DIR'] = dir;
}

#!/usr/bin/env node
// `npx lotline ...` inside this checkout: make sure the CLI build is current (Nx cache makes this ~1 s), then run it.
'use strict';
const { spawnSync } = require('node:child_process');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const build = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'build', 'cli', '--outputStyle=static'], {
  cwd: root,
  env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(`lotline: building the CLI failed\n${build.stdout}${build.stderr}`);
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [join(root, 'dist/apps/cli/main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { freePort, recoverStaleCluster } from './embedded-database';

describe('embedded database crash recovery', () => {
  const logger = new Logger('test');
  beforeAll(() => Logger.overrideLogger(false));

  it('removes a postmaster.pid whose process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pg-'));
    // pid 2^22 - 1 is above the default pid_max range on Linux and never alive here
    writeFileSync(join(dir, 'postmaster.pid'), `4194303\n${dir}\n`);
    await recoverStaleCluster(dir, logger);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('treats a pid file whose pid now belongs to an unrelated live process as stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pg-'));
    // our own (live) pid, whose command line does not mention the data dir: treated as stale pid reuse
    writeFileSync(join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n`);
    await recoverStaleCluster(dir, logger);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(() => process.kill(process.pid, 0)).not.toThrow();
  });

  it('does nothing when there is no pid file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pg-'));
    await expect(recoverStaleCluster(dir, logger)).resolves.toBeUndefined();
  });

  it('finds a free loopback port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1023);
  });
});

import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database, port 3000, all roles, demo seed', () => {
    const c = loadConfig({}, '/srv/lotline');
    expect(c).toMatchObject({ port: 3000, role: 'all', databaseUrl: undefined, dataDir: '/srv/lotline/.data', seedDemo: true, publicUrl: 'http://localhost:3000' });
  });

  it('reads every documented variable', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig(
      { PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/lotline', LOTLINE_DATA_DIR: '/var/lib/lotline', LOTLINE_MASTER_KEY: key, LOTLINE_ROLE: 'worker', LOTLINE_SEED_DEMO: 'false', PUBLIC_URL: 'https://tax.example.com/', LOG_LEVEL: 'warn' },
      '/srv',
    );
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/lotline', dataDir: '/var/lib/lotline', masterKey: key, role: 'worker', seedDemo: false, publicUrl: 'https://tax.example.com', logLevel: 'warn' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ LOTLINE_MASTER_KEY: 'c2hvcnQ=' }, /LOTLINE_MASTER_KEY must be 32 bytes/],
    [{ LOTLINE_ROLE: 'both' }, /LOTLINE_ROLE must be one of all, api, worker/],
    [{ LOTLINE_SEED_DEMO: 'maybe' }, /LOTLINE_SEED_DEMO must be true or false/],
  ])('rejects %p with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

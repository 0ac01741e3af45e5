import { resolve } from 'node:path';

export type ProcessRole = 'all' | 'api' | 'worker';

/** Validated configuration, read once at boot. Every variable is documented in the README table. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly role: ProcessRole;
  /** External PostgreSQL; undefined means "start the embedded one". */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly masterKey: string | undefined;
  readonly seedDemo: boolean;
  readonly portalDir: string;
  readonly publicUrl: string;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const masterKey = env['LOTLINE_MASTER_KEY'] || undefined;
  if (masterKey !== undefined && Buffer.from(masterKey, 'base64').length !== 32) {
    throw new ConfigError('LOTLINE_MASTER_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  }
  const host = env['HOST'] || '0.0.0.0';
  return {
    port,
    host,
    role: oneOf(env, 'LOTLINE_ROLE', ['all', 'api', 'worker'] as const, 'all'),
    databaseUrl,
    dataDir: resolve(cwd, env['LOTLINE_DATA_DIR'] || '.data'),
    masterKey,
    seedDemo: boolVar(env, 'LOTLINE_SEED_DEMO', true),
    portalDir: resolve(cwd, env['LOTLINE_PORTAL_DIR'] || 'dist/apps/portal/browser'),
    publicUrl: (env['PUBLIC_URL'] || `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

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
  /** Largest accepted upload, in MB. */
  readonly maxUploadMb: number;
  readonly auth: AuthConfig;
  /** Stripe (README: STRIPE_*); unset keys = only firm-recorded payments. Never logged or returned. */
  readonly stripe: StripeConfig;
  /** Tests/dev only: send every exchange API call to this origin (a local server) instead of the exchange. */
  readonly exchangeApiBaseUrl: string | undefined;
  /** Express "trust proxy": false (default), true, a hop count, or comma-separated proxy addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  /** ccxt exchange id for daily USD candles (fetchOHLCV), e.g. kraken; undefined: offline, prices are never fetched. */
  readonly priceExchange: string | undefined;
  /** Tests/dev only: send every price (OHLCV) call to this origin (a local server) instead of the exchange. */
  readonly priceApiBaseUrl: string | undefined;
  /** S3-compatible store for original files and reports; undefined: local disk under `<dataDir>/files`. */
  readonly s3: S3Config | undefined;
}

/** Sign-in settings (README: JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_DAYS, SIGN_IN_*, SMTP_*). */
export interface AuthConfig {
  /** HMAC key for access tokens; undefined: derived from the master key (HKDF), shared by every process. */
  readonly jwtSecret: string | undefined;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  /** Failed sign-ins (per account) after which each further attempt must wait an increasing delay. */
  readonly slowAfter: number;
  /** Failed sign-ins per account after which the account key is locked for lockMinutes. */
  readonly lockAfter: number;
  /** Failed sign-ins per IP after which the IP is locked for lockMinutes. */
  readonly ipLockAfter: number;
  readonly lockMinutes: number;
  /** Firm sign-ups allowed per IP per lockMinutes window. */
  readonly signUpsPerIp: number;
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
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

function urlVar(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(raw)) throw new ConfigError(`${name} must be an origin such as http://127.0.0.1:8080, got ${JSON.stringify(raw)}`);
  return raw.replace(/\/$/, '');
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
    maxUploadMb: intVar(env, 'LOTLINE_MAX_UPLOAD_MB', 200, 1, 2048),
    auth: loadAuthConfig(env),
    stripe: loadStripeConfig(env),
    exchangeApiBaseUrl: urlVar(env, 'LOTLINE_EXCHANGE_API_BASE_URL'),
    trustProxy: trustProxyVar(env),
    priceExchange: priceExchangeVar(env),
    priceApiBaseUrl: urlVar(env, 'LOTLINE_PRICE_API_BASE_URL'),
    s3: s3Config(env),
  };
}

function priceExchangeVar(env: Env): string | undefined {
  const raw = (env['LOTLINE_PRICE_EXCHANGE'] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'off' || raw === 'none') return undefined;
  if (!/^[a-z0-9]{2,32}$/.test(raw)) throw new ConfigError(`LOTLINE_PRICE_EXCHANGE must be a ccxt exchange id such as kraken, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Stripe keys and, for tests only, where the SDK sends its calls (a local server). */
export interface StripeConfig {
  readonly secretKey: string | undefined;
  readonly webhookSecret: string | undefined;
  readonly apiHost: string | undefined;
  readonly apiPort: number | undefined;
  readonly apiProtocol: 'http' | 'https' | undefined;
}

function loadStripeConfig(env: Env): StripeConfig {
  // The messages never echo the values: they are secrets.
  const secretKey = env['STRIPE_SECRET_KEY'] || undefined;
  if (secretKey !== undefined && !/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/.test(secretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_test_..., rk_live_...)');
  }
  const webhookSecret = env['STRIPE_WEBHOOK_SECRET'] || undefined;
  if (webhookSecret !== undefined && !/^whsec_[A-Za-z0-9_+/=]+$/.test(webhookSecret)) throw new ConfigError('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_...)');
  const apiHost = env['STRIPE_API_HOST'] || undefined;
  if (apiHost !== undefined && !/^[A-Za-z0-9.-]+$/.test(apiHost)) throw new ConfigError(`STRIPE_API_HOST must be a host name or address, got ${JSON.stringify(apiHost)}`);
  return {
    secretKey,
    webhookSecret,
    apiHost,
    apiPort: env['STRIPE_API_PORT'] ? intVar(env, 'STRIPE_API_PORT', 443, 1, 65535) : undefined,
    apiProtocol: env['STRIPE_API_PROTOCOL'] ? oneOf(env, 'STRIPE_API_PROTOCOL', ['http', 'https'] as const, 'https') : undefined,
  };
}

function trustProxyVar(env: Env): boolean | number | string {
  const raw = (env['TRUST_PROXY'] ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9a-fA-F.:/, ]+$/.test(raw) && !/^(loopback|linklocal|uniquelocal)(,\s*(loopback|linklocal|uniquelocal))*$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY must be true, false, a hop count, or comma-separated proxy addresses/CIDRs');
  }
  return raw;
}

function loadAuthConfig(env: Env): AuthConfig {
  const jwtSecret = env['JWT_SECRET'] || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const smtpUrl = env['SMTP_URL'] || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const slowAfter = intVar(env, 'SIGN_IN_SLOW_AFTER', 5, 1, 1000);
  const lockAfter = intVar(env, 'SIGN_IN_LOCK_AFTER', 10, 1, 1000);
  if (lockAfter < slowAfter) throw new ConfigError('SIGN_IN_LOCK_AFTER must be at least SIGN_IN_SLOW_AFTER');
  return {
    jwtSecret,
    accessTokenTtlSeconds: intVar(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlDays: intVar(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    slowAfter,
    lockAfter,
    ipLockAfter: intVar(env, 'SIGN_IN_IP_LOCK_AFTER', 50, 1, 100000),
    lockMinutes: intVar(env, 'SIGN_IN_LOCK_MINUTES', 15, 1, 10080),
    signUpsPerIp: intVar(env, 'SIGN_UPS_PER_IP', 20, 1, 100000),
    smtpUrl,
    smtpFrom: env['SMTP_FROM'] || 'Lotline <no-reply@localhost>',
  };
}

/** README: LOTLINE_S3_* and the standard AWS_* credentials. */
export interface S3Config {
  readonly bucket: string;
  /** Custom endpoint (MinIO, Ceph, R2, ...); undefined: AWS S3 of the region. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Key prefix without slashes at either end; '' for none. */
  readonly prefix: string;
  readonly serverSideEncryption: 'AES256' | 'aws:kms' | undefined;
  /** From AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN) when set, else undefined: the AWS SDK's default
   * chain (profile, web identity, ECS/EC2 role). A provider function, so printing the config never shows the secret. */
  readonly credentials: (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>) | undefined;
}

function s3Config(env: Env): S3Config | undefined {
  const bucket = env['LOTLINE_S3_BUCKET'] || undefined;
  if (bucket === undefined) {
    const stray = ['LOTLINE_S3_ENDPOINT', 'LOTLINE_S3_REGION', 'LOTLINE_S3_FORCE_PATH_STYLE', 'LOTLINE_S3_PREFIX', 'LOTLINE_S3_SSE'].find((n) => env[n]);
    if (stray) throw new ConfigError(`${stray} is set but LOTLINE_S3_BUCKET is not (set the bucket to keep files in S3, or unset ${stray})`);
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(`LOTLINE_S3_BUCKET must be a bucket name (3-63 lowercase letters, digits, dots, hyphens), got ${JSON.stringify(bucket)}`);
  }
  const endpoint = urlVar(env, 'LOTLINE_S3_ENDPOINT');
  const region = env['LOTLINE_S3_REGION'] || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || 'us-east-1';
  if (!/^[a-z0-9-]{2,40}$/.test(region)) throw new ConfigError(`LOTLINE_S3_REGION must be a region name such as us-east-1, got ${JSON.stringify(region)}`);
  const prefix = (env['LOTLINE_S3_PREFIX'] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(prefix) || prefix.split('/').some((p) => p === '.' || p === '..'))) {
    throw new ConfigError(`LOTLINE_S3_PREFIX must be path segments of letters, digits, '.', '_' or '-' separated by '/', got ${JSON.stringify(prefix)}`);
  }
  const sse = oneOf(env, 'LOTLINE_S3_SSE', ['none', 'AES256', 'aws:kms'] as const, 'none');
  const accessKeyId = env['AWS_ACCESS_KEY_ID'] || undefined;
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'] || undefined;
  const sessionToken = env['AWS_SESSION_TOKEN'] || undefined;
  // The values are never put in a message.
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) throw new ConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  const keys = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;
  return {
    bucket,
    endpoint,
    region,
    forcePathStyle: boolVar(env, 'LOTLINE_S3_FORCE_PATH_STYLE', endpoint !== undefined),
    prefix,
    serverSideEncryption: sse === 'none' ? undefined : sse,
    credentials: keys ? async () => keys : undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

import { inspect } from 'node:util';
import { ConfigError, loadConfig } from '../config/app-config';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/lotline');
const S3 = { LOTLINE_S3_BUCKET: 'cpa-files', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY', AWS_SECRET_ACCESS_KEY: 'super-secret-value-123' };

describe('S3 storage configuration', () => {
  it('keeps files on local disk when no bucket is set', () => {
    expect(load({}).s3).toBeUndefined();
  });

  it('reads bucket, endpoint, region, path style, prefix and encryption', async () => {
    const s3 = load({ ...S3, LOTLINE_S3_ENDPOINT: 'http://minio:9000/', LOTLINE_S3_REGION: 'eu-west-1', LOTLINE_S3_PREFIX: '/lotline/prod/', LOTLINE_S3_SSE: 'AES256' }).s3;
    expect(s3).toMatchObject({ bucket: 'cpa-files', endpoint: 'http://minio:9000', region: 'eu-west-1', forcePathStyle: true, prefix: 'lotline/prod', serverSideEncryption: 'AES256' });
    expect(await s3?.credentials?.()).toEqual({ accessKeyId: 'AKIAEXAMPLEKEY', secretAccessKey: 'super-secret-value-123' });
  });

  it('defaults to AWS (virtual-hosted style, AWS_REGION, no encryption header) and the SDK credential chain', () => {
    const s3 = load({ LOTLINE_S3_BUCKET: 'cpa-files', AWS_REGION: 'us-west-2' }).s3;
    expect(s3).toMatchObject({ endpoint: undefined, region: 'us-west-2', forcePathStyle: false, prefix: '', serverSideEncryption: undefined, credentials: undefined });
  });

  it('never shows the secret when the configuration is printed or serialised', () => {
    const config = load({ ...S3, AWS_SESSION_TOKEN: 'session-token-xyz' });
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain('super-secret-value-123');
      expect(text).not.toContain('session-token-xyz');
    }
  });

  it.each([
    ['LOTLINE_S3_ENDPOINT is set but LOTLINE_S3_BUCKET is not', { LOTLINE_S3_ENDPOINT: 'http://minio:9000' }],
    ['LOTLINE_S3_BUCKET must be a bucket name', { LOTLINE_S3_BUCKET: 'Bad_Bucket' }],
    ['LOTLINE_S3_ENDPOINT must be an origin', { ...S3, LOTLINE_S3_ENDPOINT: 'minio:9000' }],
    ['LOTLINE_S3_PREFIX must be path segments', { ...S3, LOTLINE_S3_PREFIX: 'a/../b' }],
    ['LOTLINE_S3_SSE must be one of none, AES256, aws:kms', { ...S3, LOTLINE_S3_SSE: 'yes' }],
    ['LOTLINE_S3_FORCE_PATH_STYLE must be true or false', { ...S3, LOTLINE_S3_FORCE_PATH_STYLE: 'maybe' }],
    ['AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together', { LOTLINE_S3_BUCKET: 'cpa-files', AWS_SECRET_ACCESS_KEY: 'super-secret-value-123' }],
  ])('refuses bad settings at boot: %s', (message, env) => {
    let error: unknown;
    try {
      load(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('super-secret-value-123');
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { S3TestServer } from '../../test/s3-test-server';
import { loadConfig } from '../config/app-config';
import { createFileStore } from './create-file-store';
import { FileNotFoundError, InvalidStorageKeyError, type FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';

interface StoreCase {
  readonly store: FileStore;
  /** Every stored object, as the backend names it (path under the root / object key in the bucket). */
  objects(): Promise<string[]>;
}

let s3: S3TestServer;
let raw: S3Client;
const localRoot = mkdtempSync(join(tmpdir(), 'lotline-file-store-'));

beforeAll(async () => {
  s3 = await S3TestServer.start();
  raw = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: S3TestServer.accessKeyId, secretAccessKey: S3TestServer.secretAccessKey } });
});
afterAll(async () => {
  raw.destroy();
  await s3.close();
  rmSync(localRoot, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

async function listBucket(): Promise<string[]> {
  const out = await raw.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (out.Contents ?? []).map((o) => o.Key ?? '').sort();
}

const CASES: Record<string, () => StoreCase> = {
  local: () => ({ store: new LocalFileStore(localRoot), objects: async () => walk(localRoot) }),
  s3: () => ({ store: createFileStore(loadConfig(s3.env('firms'))), objects: listBucket }),
};

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe.each(Object.keys(CASES))('%s file store', (name) => {
  let c: StoreCase;
  const firm = randomUUID();
  beforeAll(() => {
    c = CASES[name]();
  });

  it('answers its boot check', async () => {
    await expect(c.store.check()).resolves.toBeUndefined();
  });

  it('stores the same bytes once, under <firm>/<aa>/<sha256>, and gives them back byte for byte', async () => {
    const bytes = new Uint8Array(randomBytes(70_000));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const before = await c.objects();
    const first = await c.store.put(firm, bytes, { contentType: 'text/csv' });
    const second = await c.store.put(firm, bytes);
    expect(first).toEqual({ sha256, sizeBytes: 70_000, storageKey: `${firm}/${sha256.slice(0, 2)}/${sha256}` });
    expect(second).toEqual(first);
    const added = (await c.objects()).filter((k) => !before.includes(k));
    expect(added).toEqual([name === 's3' ? `firms/${first.storageKey}` : first.storageKey]);
    expect(await c.store.exists(first.storageKey)).toBe(true);
    expect((await readAll(await c.store.open(first.storageKey))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('hashes a streamed body while storing it (same key as the same bytes in memory, still one object)', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const chunks = Array.from({ length: 50 }, (_, i) => bytes.subarray(Math.floor((i * bytes.length) / 50), Math.floor(((i + 1) * bytes.length) / 50)));
    const before = await c.objects();
    const streamed = await c.store.put(firm, Readable.from(chunks));
    const inMemory = await c.store.put(firm, new Uint8Array(bytes));
    expect(streamed).toEqual(inMemory);
    expect(streamed.sizeBytes).toBe(bytes.length);
    expect((await c.objects()).filter((k) => !before.includes(k))).toHaveLength(1);
    expect((await readAll(await c.store.open(streamed.storageKey))).equals(bytes)).toBe(true);
  });

  it('keeps report files in their own namespace, apart from an upload of the same bytes', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 not really\n');
    const upload = await c.store.put(firm, bytes);
    const report = await c.store.put(firm, bytes, { kind: 'report', contentType: 'application/pdf' });
    expect(report.sha256).toBe(upload.sha256);
    expect(report.storageKey).toBe(`reports/${upload.storageKey}`);
    expect((await readAll(await c.store.open(report.storageKey))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses storage keys and firm ids that could leave the store', async () => {
    const sha = 'ab'.padEnd(64, '0');
    const bad = ['../../etc/passwd', `${firm}/../../x`, `/${firm}/ab/${sha}`, `${firm}/ab/${sha}/..`, `${firm}/cd/${sha}`, `other/${firm}/ab/${sha}`, `${firm}\\ab\\${sha}`, ''];
    for (const key of bad) {
      await expect(c.store.open(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(c.store.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
    const before = await c.objects();
    for (const firmId of ['..', '../x', `${firm}/..`, 'reports']) {
      await expect(c.store.put(firmId, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(c.store.put(firmId, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
    expect(await c.objects()).toEqual(before);
  });

  it('answers a clear not-found error for a missing object', async () => {
    const key = `${firm}/00/${'0'.repeat(64)}`;
    expect(await c.store.exists(key)).toBe(false);
    const error = await c.store.open(key).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileNotFoundError);
    expect((error as Error).message).toBe(`stored file ${key} is missing from ${c.store.description}`);
  });
});

describe('S3 specifics', () => {
  it('sends one PUT for the same bytes, with the content type and the configured server-side encryption', async () => {
    const sent: Record<string, unknown>[] = [];
    const store = createFileStore(loadConfig(s3.env('sse'))) as S3FileStore;
    // Observe the requests the SDK builds (the fake server does not implement encryption).
    (store as unknown as { client: S3Client }).client.middlewareStack.add(
      (next) => async (args) => {
        sent.push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize' },
    );
    const firm = randomUUID();
    const ref = await store.put(firm, new TextEncoder().encode('report bytes'), { kind: 'report', contentType: 'application/pdf' });
    expect(await store.put(firm, new TextEncoder().encode('report bytes'), { kind: 'report', contentType: 'application/pdf' })).toEqual(ref);
    // The second put found the object (HEAD) and sent nothing.
    expect(sent.filter((i) => 'Body' in i)).toHaveLength(1);
    expect(sent.find((i) => 'Body' in i)).toMatchObject({ ServerSideEncryption: 'AES256', ContentType: 'application/pdf', Key: `sse/${ref.storageKey}` });
    const head = await raw.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `sse/${ref.storageKey}` }));
    expect(head.ContentType).toBe('application/pdf');
  });

  it('fails its boot check with the bucket and the reason when the bucket is missing or the keys are refused', async () => {
    const missing = createFileStore(loadConfig({ ...s3.env(), LOTLINE_S3_BUCKET: 'no-such-bucket' }));
    await expect(missing.check()).rejects.toThrow(`the file store (S3 bucket no-such-bucket at ${s3.endpoint} (prefix lotline)) is not usable: NotFound (HTTP 404) (no such bucket)`);
    const wrongKeys = createFileStore(loadConfig({ ...s3.env(), AWS_ACCESS_KEY_ID: 'NOT-A-KEY', AWS_SECRET_ACCESS_KEY: 'not-the-secret' }));
    const error = await wrongKeys.check().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/is not usable: .*\(HTTP 403\) \(access denied: check the credentials and the bucket policy\)$/);
    expect(error?.message).not.toContain('not-the-secret');
  });
});

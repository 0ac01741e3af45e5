import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Config } from '../config/app-config';
import { checkFirmId, checkStorageKey, FileNotFoundError, FileStore, sha256Of, spoolToFile, storageKeyOf, type FileBody, type PutOptions, type StoredFileRef } from './file-store';

export interface S3StoreOptions {
  readonly bucket: string;
  /** Key prefix without slashes at either end; '' for none. */
  readonly prefix: string;
  readonly serverSideEncryption: 'AES256' | 'aws:kms' | undefined;
  /** For messages: the endpoint, or undefined for AWS. */
  readonly endpoint?: string;
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...): object `<prefix>/<storageKey>`. Content-addressed
 * and idempotent: a HEAD comes before each PUT, and the same bytes are stored once. (Two concurrent first uploads of
 * the same bytes both PUT the same content under the same key, which is harmless; `If-None-Match` is not used because
 * several S3-compatible stores do not support it.)
 */
export class S3FileStore extends FileStore {
  constructor(
    private readonly client: S3Client,
    private readonly options: S3StoreOptions,
  ) {
    super();
  }

  static fromConfig(s3: S3Config): S3FileStore {
    const client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      credentials: s3.credentials,
      // Checksums only where S3 requires them: the SDK's default CRC trailers on streamed bodies (aws-chunked) are
      // refused by several S3-compatible stores; integrity is ours anyway (sha256 keys).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3FileStore(client, { bucket: s3.bucket, prefix: s3.prefix, serverSideEncryption: s3.serverSideEncryption, endpoint: s3.endpoint });
  }

  get description(): string {
    const at = this.options.endpoint ? ` at ${this.options.endpoint}` : '';
    return `S3 bucket ${this.options.bucket}${at}${this.options.prefix ? ` (prefix ${this.options.prefix})` : ''}`;
  }

  async put(firmId: string, body: FileBody, options: PutOptions = {}): Promise<StoredFileRef> {
    const kind = options.kind ?? 'upload';
    if (body instanceof Uint8Array) {
      const sha256 = sha256Of(body);
      const storageKey = storageKeyOf(kind, firmId, sha256);
      if (!(await this.exists(storageKey))) await this.upload(storageKey, body, body.byteLength, options.contentType);
      return { sha256, sizeBytes: body.byteLength, storageKey };
    }
    // A stream: spooled to a temp file while hashed (the key needs the hash), then sent with its length.
    checkFirmId(firmId);
    const dir = await mkdtemp(join(tmpdir(), 'lotline-s3-'));
    try {
      const tmp = join(dir, randomBytes(8).toString('hex'));
      const { sha256, sizeBytes } = await spoolToFile(body, tmp);
      const storageKey = storageKeyOf(kind, firmId, sha256);
      if (!(await this.exists(storageKey))) await this.upload(storageKey, createReadStream(tmp), sizeBytes, options.contentType);
      return { sha256, sizeBytes, storageKey };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async open(storageKey: string): Promise<Readable> {
    const Key = this.objectKey(checkStorageKey(storageKey));
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key }));
      if (!(out.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${storageKey}`);
      return out.Body;
    } catch (e) {
      if (isNotFound(e)) throw new FileNotFoundError(storageKey, this.description);
      throw this.failure('read', storageKey, e);
    }
  }

  async exists(storageKey: string): Promise<boolean> {
    const Key = this.objectKey(checkStorageKey(storageKey));
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw this.failure('check', storageKey, e);
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (e) {
      const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
      const hint = BUCKET_HINTS[status ?? 0] ?? '';
      throw new Error(`the file store (${this.description}) is not usable: ${reason(e)}${hint}`);
    }
  }

  private async upload(storageKey: string, Body: Uint8Array | Readable, ContentLength: number, ContentType: string | undefined): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.objectKey(storageKey),
          Body,
          ContentLength,
          ContentType: ContentType ?? 'application/octet-stream',
          ...(this.options.serverSideEncryption ? { ServerSideEncryption: this.options.serverSideEncryption } : {}),
        }),
      );
    } catch (e) {
      throw this.failure('store', storageKey, e);
    }
  }

  private objectKey(storageKey: string): string {
    return this.options.prefix ? `${this.options.prefix}/${storageKey}` : storageKey;
  }

  private failure(verb: string, storageKey: string, e: unknown): Error {
    return new Error(`could not ${verb} ${storageKey} in ${this.description}: ${reason(e)}`, { cause: e });
  }
}

const BUCKET_HINTS: Readonly<Record<number, string>> = {
  301: ' (the bucket is in another region: set LOTLINE_S3_REGION)',
  403: ' (access denied: check the credentials and the bucket policy)',
  404: ' (no such bucket)',
};

function isNotFound(e: unknown): boolean {
  return e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404);
}

/** The S3 error name and status, or the network error's message (S3 error objects carry no credentials). */
function reason(e: unknown): string {
  if (e instanceof S3ServiceException) {
    const detail = e.message && e.message !== e.name && e.message !== 'UnknownError' ? `: ${e.message}` : '';
    return `${e.name} (HTTP ${e.$metadata.httpStatusCode ?? '?'})${detail}`;
  }
  return e instanceof Error ? e.message : String(e);
}

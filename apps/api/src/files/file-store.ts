import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a stored object is: an original upload (import files) or a generated report file. */
export type FileKind = 'upload' | 'report';

export interface StoredFileRef {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The same in every store: `<firmId>/<aa>/<sha256>` for uploads, `reports/<firmId>/<aa>/<sha256>` for reports. */
  readonly storageKey: string;
}

export interface PutOptions {
  /** Default 'upload' (the keys stored before kinds existed are uploads). */
  readonly kind?: FileKind;
  /** MIME type kept with the object where the store supports it (S3); the local store ignores it. */
  readonly contentType?: string;
}

/** The content: bytes in memory, or a stream (spooled to a temp file while hashed, so memory stays flat). */
export type FileBody = Uint8Array | Readable;

/**
 * Content-addressed storage of original uploads and report files: the same bytes for a firm are stored once, under a
 * key derived from their sha256, so `put` is idempotent and a stored object never changes. Also the Nest injection
 * token (an abstract class, since interfaces vanish at run time).
 */
export abstract class FileStore {
  /** Where the files are, for messages (never contains credentials). */
  abstract readonly description: string;
  abstract put(firmId: string, body: FileBody, options?: PutOptions): Promise<StoredFileRef>;
  /** A stream of the stored bytes; rejects with FileNotFoundError when the object is absent. */
  abstract open(storageKey: string): Promise<Readable>;
  abstract exists(storageKey: string): Promise<boolean>;
  /** Boot check: the store is reachable and writable (directory created / bucket answers). Throws a clear message. */
  abstract check(): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(
    readonly storageKey: string,
    where: string,
  ) {
    super(`stored file ${storageKey} is missing from ${where}`);
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(what: string) {
    super(`invalid storage key or firm id: ${JSON.stringify(what.slice(0, 200))}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^(?:reports\/)?[0-9a-fA-F-]{36}\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function checkFirmId(firmId: string): string {
  if (!UUID.test(firmId)) throw new InvalidStorageKeyError(firmId);
  return firmId;
}

/** The key of some content: only a firm uuid and hex, so no key can leave the store's root or prefix. */
export function storageKeyOf(kind: FileKind, firmId: string, sha256: string): string {
  const key = `${checkFirmId(firmId)}/${sha256.slice(0, 2)}/${sha256}`;
  return kind === 'report' ? `reports/${key}` : key;
}

/** Accepts only keys storageKeyOf can produce (refuses `..`, absolute paths, other prefixes). */
export function checkStorageKey(storageKey: string): string {
  const m = KEY.exec(storageKey);
  if (!m || !UUID.test(storageKey.replace(/^reports\//, '').slice(0, 36)) || m[1] !== m[2].slice(0, 2)) {
    throw new InvalidStorageKeyError(storageKey);
  }
  return storageKey;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes a stream to `path` (must not exist) while hashing it. */
export async function spoolToFile(body: Readable, path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      sizeBytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  await pipeline(body, tap, createWriteStream(path, { flags: 'wx' }));
  return { sha256: hash.digest('hex'), sizeBytes };
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFileRef {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Path relative to the store root. */
  readonly storageKey: string;
}

/**
 * Original uploads, kept content-addressed (sha256) under `<dataDir>/files/<firmId>/<aa>/<sha256>`.
 * The same bytes uploaded twice are stored once. Writes go to a temp name and are renamed into place.
 */
export class LocalFileStore {
  constructor(private readonly root: string) {}

  /** The store of an installation: `<LOTLINE_DATA_DIR>/files`. */
  static forDataDir(dataDir: string): LocalFileStore {
    return new LocalFileStore(join(dataDir, 'files'));
  }

  async put(firmId: string, bytes: Uint8Array): Promise<StoredFileRef> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = join(firmId, sha256.slice(0, 2), sha256);
    const path = join(this.root, storageKey);
    const existing = await stat(path).catch(() => undefined);
    if (!existing) {
      await mkdir(join(this.root, firmId, sha256.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, bytes, { flag: 'wx' });
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    return { sha256, sizeBytes: bytes.byteLength, storageKey };
  }

  open(storageKey: string): ReadStream {
    if (storageKey.includes('..')) throw new Error('invalid storage key');
    return createReadStream(join(this.root, storageKey), { highWaterMark: 1 << 20 });
  }
}

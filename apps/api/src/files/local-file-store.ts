import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkFirmId, checkStorageKey, FileNotFoundError, FileStore, sha256Of, spoolToFile, storageKeyOf, type FileBody, type PutOptions, type StoredFileRef } from './file-store';

/**
 * Files on local disk: `<root>/<storageKey>`, by default `<LOTLINE_DATA_DIR>/files`. Writes go to a temp name and
 * are renamed into place, so a reader never sees a partial file.
 */
export class LocalFileStore extends FileStore {
  constructor(private readonly root: string) {
    super();
  }

  /** The store of an installation: `<LOTLINE_DATA_DIR>/files`. */
  static forDataDir(dataDir: string): LocalFileStore {
    return new LocalFileStore(join(dataDir, 'files'));
  }

  get description(): string {
    return `local directory ${this.root}`;
  }

  async put(firmId: string, body: FileBody, options: PutOptions = {}): Promise<StoredFileRef> {
    const kind = options.kind ?? 'upload';
    if (body instanceof Uint8Array) {
      const sha256 = sha256Of(body);
      const storageKey = storageKeyOf(kind, firmId, sha256);
      const path = join(this.root, storageKey);
      if (!(await this.present(path))) {
        await mkdir(dirname(path), { recursive: true });
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await writeFile(tmp, body, { flag: 'wx' });
          await rename(tmp, path);
        } finally {
          await rm(tmp, { force: true });
        }
      }
      return { sha256, sizeBytes: body.byteLength, storageKey };
    }
    // A stream: its hash (and so its key) is known only at the end; spool inside the root (same filesystem: rename).
    checkFirmId(firmId);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', `${randomBytes(8).toString('hex')}.tmp`);
    try {
      const { sha256, sizeBytes } = await spoolToFile(body, tmp);
      const storageKey = storageKeyOf(kind, firmId, sha256);
      const path = join(this.root, storageKey);
      if (!(await this.present(path))) {
        await mkdir(dirname(path), { recursive: true });
        await rename(tmp, path);
      }
      return { sha256, sizeBytes, storageKey };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async open(storageKey: string): Promise<Readable> {
    const path = join(this.root, checkStorageKey(storageKey));
    const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new FileNotFoundError(storageKey, this.description) : e;
    });
    return handle.createReadStream({ highWaterMark: 1 << 20 });
  }

  async exists(storageKey: string): Promise<boolean> {
    return this.present(join(this.root, checkStorageKey(storageKey)));
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.W_OK);
    } catch (e) {
      throw new Error(`the file store (${this.description}) is not writable: ${(e as Error).message}`);
    }
  }

  private async present(path: string): Promise<boolean> {
    return (await stat(path).catch(() => undefined))?.isFile() ?? false;
  }
}

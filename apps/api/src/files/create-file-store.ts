import type { AppConfig } from '../config/app-config';
import type { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';

/** The installation's store: S3 when LOTLINE_S3_BUCKET is set, else local disk under `<LOTLINE_DATA_DIR>/files`. */
export function createFileStore(config: Pick<AppConfig, 'dataDir' | 's3'>): FileStore {
  return config.s3 ? S3FileStore.fromConfig(config.s3) : LocalFileStore.forDataDir(config.dataDir);
}

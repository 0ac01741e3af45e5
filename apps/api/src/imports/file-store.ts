// Moved to apps/api/src/files (FileStore, LocalFileStore, S3FileStore, createFileStore); kept for tools/bench.
export { LocalFileStore } from '../files/local-file-store';
export type { StoredFileRef } from '../files/file-store';

import { removeDataDirs, stopApi } from './api-process';

export default async function globalTeardown(): Promise<void> {
  const api = globalThis.__LOTLINE_API__;
  if (api) await stopApi(api);
  removeDataDirs();
}

import { startApi, type ApiProcess } from './api-process';

declare global {
  var __LOTLINE_API__: ApiProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const api = await startApi();
  globalThis.__LOTLINE_API__ = api;
  process.env['E2E_BASE_URL'] = api.baseUrl;
}

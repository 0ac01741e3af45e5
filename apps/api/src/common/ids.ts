import { AppError } from './all-exceptions.filter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFound = (what = 'Not found.') => new AppError('NOT_FOUND', what, 404);

/** An id from a URL: anything that is not a uuid cannot exist, so it answers 404 like a foreign id. */
export function idOrNotFound(id: string): string {
  if (!UUID.test(id)) throw notFound();
  return id.toLowerCase();
}

export const isUuid = (id: string) => UUID.test(id);

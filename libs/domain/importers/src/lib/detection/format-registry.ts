import type { FormatId } from '../model/import-types';
import { lotlineGenericFormat } from '../sources/lotline-generic/lotline-generic.parser';
import type { SourceFormat } from '../sources/source-format';

/** Every supported format, in detection tie-break order. */
export const SOURCE_FORMATS: readonly SourceFormat[] = [lotlineGenericFormat];

const BY_ID = new Map<FormatId, SourceFormat>(SOURCE_FORMATS.map((f) => [f.id, f]));

export function findFormat(id: FormatId): SourceFormat | undefined {
  return BY_ID.get(id);
}

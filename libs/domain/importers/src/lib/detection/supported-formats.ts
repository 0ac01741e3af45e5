import type { FormatId } from '../model/import-types';
import { SOURCE_FORMATS } from './format-registry';

export interface SupportedFormat {
  readonly id: FormatId;
  readonly label: string;
  /** Zone naive timestamps are read in. */
  readonly timeZone: string;
  /** The required columns of each header variant (for help text and the override picker). */
  readonly headerVariants: readonly (readonly string[])[];
}

/** The formats Lotline reads, for the portal's format picker and CLI help. */
export function supportedFormats(): readonly SupportedFormat[] {
  return SOURCE_FORMATS.map((f) => ({ id: f.id, label: f.label, timeZone: f.timeZone, headerVariants: f.headerVariants.map((v) => v.required) }));
}

import { Decimal, dec, toWire } from '@lotline/ledger';
import type { ValueTransformer } from 'typeorm';

/** NUMERIC <-> Decimal. pg returns NUMERIC as text, so no precision is lost on the way in or out. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : toWire(value),
  from: (value: string | null): Decimal | null => (value === null ? null : dec(value)),
};

import type { BrokerLine, FormBox, Term } from './engine-types';

/** First tax year of the 2025 Form 8949 (boxes G-L for digital assets reported on 1099-DA). */
export const FORM_2025_YEAR = 2025;

/**
 * Form 8949 box: 2025+ G/H/I (short) and J/K/L (long); earlier A/B/C and D/E/F. The first of each triple when a matched
 * broker form reported basis to the IRS, the second when a form was received without basis, the third otherwise.
 */
export function formBoxFor(taxYear: number, term: Term, line: BrokerLine | undefined): FormBox {
  const slot = line === undefined ? 2 : line.basisReported ? 0 : 1;
  if (taxYear >= FORM_2025_YEAR) {
    return term === 'short' ? (['G', 'H', 'I'] as const)[slot] : (['J', 'K', 'L'] as const)[slot];
  }
  return term === 'short' ? (['A', 'B', 'C'] as const)[slot] : (['D', 'E', 'F'] as const)[slot];
}

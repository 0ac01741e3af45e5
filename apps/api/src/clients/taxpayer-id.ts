import type { SecretBox } from '../secrets/secret-box';

/**
 * A client's taxpayer id (SSN, ITIN or EIN). Stored only while the firm enables it, sealed with the SecretBox bound to
 * the client (a sealed value copied to another client's row does not open), never returned (only the last 4 digits,
 * masked) and never logged. The report job opens it to print the Form 8949 header.
 */

const SSN = /^(\d{3})-?(\d{2})-?(\d{4})$/;
const EIN = /^(\d{2})-(\d{7})$/;

/** What the DTO accepts (the service normalises it): 123-45-6789, 123456789 (SSN/ITIN) or 12-3456789 (EIN). */
export const TAXPAYER_ID_PATTERN = /^\s*(\d{3}-?\d{2}-?\d{4}|\d{2}-\d{7})\s*$/;

/** The id as printed on the form: SSN/ITIN as 123-45-6789, EIN as 12-3456789; null when it is not one of those. */
export function normalizeTaxpayerId(input: string): string | null {
  const s = input.trim();
  const ssn = SSN.exec(s);
  if (ssn) return ssn[1] === '000' || ssn[2] === '00' || ssn[3] === '0000' ? null : `${ssn[1]}-${ssn[2]}-${ssn[3]}`;
  const ein = EIN.exec(s);
  return ein ? `${ein[1]}-${ein[2]}` : null;
}

export const taxpayerIdContext = (clientId: string): string => `taxpayer-id:${clientId}`;

/** What the API shows: the last 4 digits only. */
export function maskTaxpayerId(id: string): string {
  return `•••-••-${id.replace(/\D/g, '').slice(-4)}`;
}

export function sealTaxpayerId(box: Pick<SecretBox, 'seal'>, clientId: string, id: string): string {
  return box.seal(id, taxpayerIdContext(clientId));
}

export function openTaxpayerId(box: Pick<SecretBox, 'open'>, clientId: string, sealed: string): string {
  return box.open(sealed, taxpayerIdContext(clientId));
}

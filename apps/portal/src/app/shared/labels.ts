import type { ClientStatus, CostBasisMethod, ReportPayer, Role } from '@lotline/contracts';

export const STATUS_LABELS: Readonly<Record<ClientStatus, string>> = {
  invited: 'Invited',
  in_progress: 'In progress',
  client_submitted: 'Client submitted',
  in_review: 'In review',
  ready: 'Ready',
  paid: 'Paid',
  report_generated: 'Report generated',
};

export const METHOD_LABELS: Readonly<Record<CostBasisMethod, string>> = {
  fifo: 'FIFO (first in, first out)',
  lifo: 'LIFO (last in, first out)',
  hifo: 'HIFO (highest cost first)',
  specific_id: 'Specific identification',
};

export const PAYER_LABELS: Readonly<Record<ReportPayer, string>> = {
  client: 'The client pays',
  firm: 'The firm pays',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  firm_admin: 'Firm admin',
  preparer: 'Preparer',
  client: 'Client',
};

/** Supported tax years (2023 onward) up to the current calendar year, newest first. */
export function taxYears(now: Date = new Date()): number[] {
  const years: number[] = [];
  for (let y = now.getFullYear(); y >= 2023; y--) years.push(y);
  return years;
}

/** The year most clients are filing for: last calendar year. */
export function defaultTaxYear(now: Date = new Date()): number {
  return Math.max(2023, now.getFullYear() - 1);
}

/** A decimal string of dollars and at most two cents digits, checked as text (money is never a JS number). */
export const PRICE_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export const ROLES = ['firm_admin', 'preparer', 'client'] as const;
export type Role = (typeof ROLES)[number];

export const COST_BASIS_METHODS = ['fifo', 'lifo', 'hifo', 'specific_id'] as const;
export type CostBasisMethod = (typeof COST_BASIS_METHODS)[number];

export const REPORT_PAYERS = ['client', 'firm'] as const;
export type ReportPayer = (typeof REPORT_PAYERS)[number];

/** A client's status for one tax year (PRODUCT.md, "The journey"). */
export const CLIENT_STATUSES = [
  'invited',
  'in_progress',
  'client_submitted',
  'in_review',
  'ready',
  'paid',
  'report_generated',
] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

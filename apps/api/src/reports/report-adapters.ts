import type { DataSource } from 'typeorm';
import { AppError } from '../common/all-exceptions.filter';
import { one } from '../common/sql';
import type { FileStore } from '../files/file-store';
import {
  ReportComputationSource,
  ReportEntitlements,
  ReportFileStore,
  type ReportComputation,
  type ReportEntitlement,
  type StoredReportBytes,
} from './report-ports';

/**
 * The one place where report generation meets the features around it. Each adapter is replaced by the real service
 * in one line when it lands (ReconciliationService.computation, BillingService.entitlement); until then the interim
 * ones below answer honestly.
 */

/** Report files go to the installation's FileStore (local disk or S3) as kind 'report'. */
export function reportFileStore(store: FileStore): ReportFileStore {
  return {
    put: (firmId: string, bytes: Uint8Array): Promise<StoredReportBytes> => store.put(firmId, bytes, { kind: 'report' }),
    open: (storageKey: string) => store.open(storageKey),
  };
}

/** Interim entitlement: the client's status for the year says paid (billing sets it), until BillingService is wired. */
export class ClientStatusEntitlements extends ReportEntitlements {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async entitlement(firmId: string, clientId: string, taxYear: number): Promise<ReportEntitlement> {
    const row = await one<{ status: string }>(this.ds.manager, `SELECT status FROM client_tax_year WHERE firm_id = $1 AND client_id = $2 AND tax_year = $3`, [firmId, clientId, taxYear]);
    const paid = row?.status === 'paid' || row?.status === 'report_generated';
    return { paid, reason: paid ? null : 'no payment recorded', paymentId: null };
  }
}

/** Interim computation source: reconciliation is not wired into this build yet. */
export class UnavailableComputation extends ReportComputationSource {
  computation(): Promise<ReportComputation> {
    return Promise.reject(new AppError('CONFLICT', 'The computation for final reports is not available in this build yet.', 409, [{ field: 'computation_unavailable', message: 'Reconciliation is not wired yet.' }]));
  }
}

/** What ReconciliationService.computation answers (the fields reports use). */
export interface ReconciliationComputation {
  readonly tax: ReportComputation['result'];
  readonly openBlocking: number;
  readonly method: string;
  readonly settings: object;
  readonly inputsHash: string;
  readonly engineVersion: string;
}

/** Wires ReconciliationService (or anything with its `computation`) as the reports' computation source. */
export function reconciliationComputations(reconciliation: { computation(firmId: string, clientId: string, taxYear: number): Promise<ReconciliationComputation> }): ReportComputationSource {
  return {
    computation: async (firmId, clientId, taxYear) => {
      const c = await reconciliation.computation(firmId, clientId, taxYear);
      return { result: c.tax, openBlockingWarnings: c.openBlocking, method: c.method, settings: { ...c.settings }, inputsHash: c.inputsHash, engineVersion: c.engineVersion };
    },
  };
}

/** Wires BillingService (or anything with its `entitlement`) as the reports' gate on payment. */
export function billingEntitlements(billing: { entitlement(firmId: string, clientId: string, taxYear: number): Promise<ReportEntitlement> }): ReportEntitlements {
  return { entitlement: (firmId, clientId, taxYear) => billing.entitlement(firmId, clientId, taxYear) };
}

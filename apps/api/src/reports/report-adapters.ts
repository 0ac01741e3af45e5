import type { FileStore } from '../files/file-store';
import {
  ReportComputationSource,
  ReportEntitlements,
  ReportFileStore,
  type ReportComputation,
  type ReportEntitlement,
  type StoredReportBytes,
} from './report-ports';

/** The one place where report generation meets the features around it: file store, reconciliation, billing. */

/** Report files go to the installation's FileStore (local disk or S3) as kind 'report'. */
export function reportFileStore(store: FileStore): ReportFileStore {
  return {
    put: (firmId: string, bytes: Uint8Array): Promise<StoredReportBytes> => store.put(firmId, bytes, { kind: 'report' }),
    open: (storageKey: string) => store.open(storageKey),
  };
}

/** What ReconciliationService.computation answers (the fields reports use). */
export interface ReconciliationComputation {
  readonly tax: ReportComputation['result'];
  readonly openBlocking: number;
  readonly method: string;
  readonly settings: object;
  readonly inputsHash: string;
  readonly engineVersion: string;
  /** Source of each ledger event (for the audit trail's last hop), when the computation provides it. */
  readonly sources?: ReportComputation['sources'];
}

/** Wires ReconciliationService (or anything with its `computation`) as the reports' computation source. */
export function reconciliationComputations(reconciliation: { computation(firmId: string, clientId: string, taxYear: number): Promise<ReconciliationComputation> }): ReportComputationSource {
  return {
    computation: async (firmId, clientId, taxYear) => {
      const c = await reconciliation.computation(firmId, clientId, taxYear);
      return { result: c.tax, openBlockingWarnings: c.openBlocking, method: c.method, settings: { ...c.settings }, inputsHash: c.inputsHash, engineVersion: c.engineVersion, sources: c.sources };
    },
  };
}

/** Wires BillingService (or anything with its `entitlement`) as the reports' gate on payment. */
export function billingEntitlements(billing: { entitlement(firmId: string, clientId: string, taxYear: number): Promise<ReportEntitlement> }): ReportEntitlements {
  return { entitlement: (firmId, clientId, taxYear) => billing.entitlement(firmId, clientId, taxYear) };
}

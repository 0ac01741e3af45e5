import type { DataSource } from 'typeorm';
import { BillingRepository } from '../billing/billing.repository';
import { BillingService } from '../billing/billing.service';
import { StripeGateway } from '../billing/stripe-gateway';
import { ClientAccess } from '../clients/client-access';
import { ClientRepository } from '../clients/client.repository';
import { openTaxpayerId } from '../clients/taxpayer-id';
import { systemClock, type Runtime } from '../common/runtime';
import type { FileStore } from '../files/file-store';
import { FirmRepository } from '../firms/firm.repository';
import { recomputeServiceFor } from '../reconciliation/recompute-job';
import { ReconciliationRepository } from '../reconciliation/reconciliation.repository';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { billingEntitlements, reconciliationComputations, reportFileStore } from './report-adapters';
import type { ReportGeneratorDeps } from './report-generator';
import { TaxFormsRenderer, type HtmlToPdf } from './tax-forms-renderer';

/**
 * What the `report.generate` job needs, built on the job process's own connection pool (a worker-only process has no
 * Nest app): the same ReconciliationService.computation and BillingService.entitlement the HTTP side uses for the gate.
 */
export function reportJobDeps(ds: DataSource, runtime: Runtime, files: FileStore, pdf: HtmlToPdf): ReportGeneratorDeps {
  const clock = runtime.now ?? systemClock;
  const access = new ClientAccess(new ClientRepository(ds));
  const reconciliation = new ReconciliationService(ds, new ReconciliationRepository(ds), access, recomputeServiceFor(ds, runtime.jobs, runtime.version, clock), runtime);
  const billing = new BillingService(ds, new BillingRepository(ds), new FirmRepository(ds), access, new StripeGateway(runtime), clock, runtime);
  const clients = new ClientRepository(ds);
  const taxpayerIds = async (firmId: string, clientId: string): Promise<string | null> => {
    const sealed = await clients.sealedTaxpayerId(firmId, clientId);
    return sealed ? openTaxpayerId(runtime.secretBox, clientId, sealed) : null;
  };
  return { computations: reconciliationComputations(reconciliation), entitlements: billingEntitlements(billing), files: reportFileStore(files), renderer: new TaxFormsRenderer(pdf), taxpayerIds, now: clock };
}

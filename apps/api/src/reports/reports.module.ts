import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { BillingService } from '../billing/billing.service';
import { ClientsModule } from '../clients/clients.module';
import { clockProvider } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import { createFileStore } from '../files/create-file-store';
import { ReconciliationModule } from '../reconciliation/reconciliation.module';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { billingEntitlements, reconciliationComputations, reportFileStore } from './report-adapters';
import { ReportComputationSource, ReportEntitlements, ReportFileStore } from './report-ports';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [ClientsModule, ReconciliationModule, BillingModule],
  controllers: [ReportsController],
  providers: [
    ReportRepository,
    ReportsService,
    clockProvider,
    { provide: ReportComputationSource, inject: [ReconciliationService], useFactory: (r: ReconciliationService) => reconciliationComputations(r) },
    { provide: ReportEntitlements, inject: [BillingService], useFactory: (b: BillingService) => billingEntitlements(b) },
    { provide: ReportFileStore, inject: [RUNTIME], useFactory: (runtime: Runtime) => reportFileStore(createFileStore(runtime.config)) },
  ],
})
export class ReportsModule {}

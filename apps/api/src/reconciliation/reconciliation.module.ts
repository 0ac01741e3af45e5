import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientsModule } from '../clients/clients.module';
import { RUNTIME, systemClock, type Runtime } from '../common/runtime';
import { ClientQuestionsService } from './client-questions.service';
import { PreviewController, ReconciliationSettingsController } from './preview.controller';
import { PreviewService } from './preview.service';
import { RecomputeService } from './recompute.service';
import { recomputeServiceFor } from './recompute-job';
import { ClientWarningsController, WarningQueueController } from './reconciliation.controller';
import { ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationService } from './reconciliation.service';

/**
 * Reconciliation in the api (issue 6): warning queue, resolutions, recompute, preview, method per year, settings and
 * client questions. `ReconciliationService.computation` and `RecomputeService.recomputeNow` are exported for reports.
 */
@Module({
  imports: [ClientsModule],
  controllers: [WarningQueueController, ClientWarningsController, PreviewController, ReconciliationSettingsController],
  providers: [
    ReconciliationRepository,
    ReconciliationService,
    PreviewService,
    ClientQuestionsService,
    {
      provide: RecomputeService,
      inject: [DataSource, RUNTIME],
      useFactory: (ds: DataSource, runtime: Runtime) => recomputeServiceFor(ds, runtime.jobs, runtime.version, runtime.now ?? systemClock),
    },
  ],
  exports: [ReconciliationService, RecomputeService],
})
export class ReconciliationModule {}

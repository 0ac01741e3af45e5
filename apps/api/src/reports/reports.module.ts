import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClientsModule } from '../clients/clients.module';
import { clockProvider } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import { createFileStore } from '../files/create-file-store';
import { ClientStatusEntitlements, reportFileStore, UnavailableComputation } from './report-adapters';
import { ReportComputationSource, ReportEntitlements, ReportFileStore } from './report-ports';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [ClientsModule],
  controllers: [ReportsController],
  providers: [
    ReportRepository,
    ReportsService,
    clockProvider,
    { provide: ReportComputationSource, useClass: UnavailableComputation },
    { provide: ReportEntitlements, inject: [DataSource], useFactory: (ds: DataSource) => new ClientStatusEntitlements(ds) },
    { provide: ReportFileStore, inject: [RUNTIME], useFactory: (runtime: Runtime) => reportFileStore(createFileStore(runtime.config)) },
  ],
})
export class ReportsModule {}

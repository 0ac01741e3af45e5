import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BillingModule } from './billing/billing.module';
import { ClientsModule } from './clients/clients.module';
import { RUNTIME, type Runtime } from './common/runtime';
import { dataSourceOptions } from './database/data-source-options';
import { ExchangesModule } from './exchanges/exchanges.module';
import { FirmsModule } from './firms/firms.module';
import { HealthController } from './health/health.controller';
import { ImportsModule } from './imports/imports.module';
import { InvitationsModule } from './invitations/invitations.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReportsModule } from './reports/reports.module';
import { ReconcileSourcesModule } from './reconcile-sources/reconcile-sources.module';
import { TeamModule } from './team/team.module';

@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(runtime.databaseUrl)), AuthModule, FirmsModule, TeamModule, ClientsModule, InvitationsModule, AuditModule, ImportsModule, ExchangesModule, ReconciliationModule, ReconcileSourcesModule, ReportsModule, BillingModule],
      controllers: [HealthController],
      providers: [{ provide: RUNTIME, useValue: runtime }],
      exports: [RUNTIME],
    };
  }
}

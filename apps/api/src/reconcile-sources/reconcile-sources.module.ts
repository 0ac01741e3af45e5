import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ClientsModule } from '../clients/clients.module';
import { RUNTIME, type Runtime } from '../common/runtime';
import { PricesController } from './prices.controller';
import { PricesRepository } from './prices.repository';
import { PricesService } from './prices.service';
import { ReconcileSourcesRepository } from './reconcile-sources.repository';

/** Reconciliation inputs besides the ledger: the price table (CSV, ccxt fetch), reported balances, 1099-DA lines. */
@Module({
  imports: [
    ClientsModule,
    MulterModule.registerAsync({
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => ({ limits: { fileSize: runtime.config.maxUploadMb * 1024 * 1024, files: 1, fields: 5 } }),
    }),
  ],
  controllers: [PricesController],
  providers: [PricesRepository, PricesService, ReconcileSourcesRepository],
  exports: [ReconcileSourcesRepository, PricesRepository],
})
export class ReconcileSourcesModule {}

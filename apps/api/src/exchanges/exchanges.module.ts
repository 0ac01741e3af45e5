import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { ImportsRepository } from '../imports/imports.repository';
import { ExchangesController } from './exchanges.controller';
import { ExchangesRepository } from './exchanges.repository';
import { ExchangesService } from './exchanges.service';

@Module({
  imports: [ClientsModule],
  controllers: [ExchangesController],
  providers: [ExchangesRepository, ExchangesService, ImportsRepository],
})
export class ExchangesModule {}

import { Module } from '@nestjs/common';
import { FirmsModule } from '../firms/firms.module';
import { ClientAccess } from './client-access';
import { ClientRepository } from './client.repository';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({
  imports: [FirmsModule],
  controllers: [ClientsController],
  providers: [ClientRepository, ClientAccess, ClientsService],
  exports: [ClientRepository, ClientAccess],
})
export class ClientsModule {}

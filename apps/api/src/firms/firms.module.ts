import { Module } from '@nestjs/common';
import { clockProvider } from '../common/clock';
import { FirmController } from './firm.controller';
import { FirmRepository } from './firm.repository';
import { FirmService } from './firm.service';
import { UserRepository } from './user.repository';

@Module({
  controllers: [FirmController],
  providers: [FirmRepository, UserRepository, FirmService, clockProvider],
  exports: [FirmRepository, UserRepository, clockProvider],
})
export class FirmsModule {}

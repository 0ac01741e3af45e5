import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ClientsModule } from '../clients/clients.module';
import { RUNTIME, type Runtime } from '../common/runtime';
import { createFileStore } from '../files/create-file-store';
import { FileStore } from '../files/file-store';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [
    ClientsModule,
    // Uploads are held in memory up to the configured limit (LOTLINE_MAX_UPLOAD_MB); larger ones answer 413.
    MulterModule.registerAsync({
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => ({ limits: { fileSize: runtime.config.maxUploadMb * 1024 * 1024, files: 1, fields: 5 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [
    ImportsRepository,
    ImportsService,
    { provide: FileStore, inject: [RUNTIME], useFactory: (runtime: Runtime) => createFileStore(runtime.config) },
  ],
})
export class ImportsModule {}

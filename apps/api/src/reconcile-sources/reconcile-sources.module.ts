import { Module } from '@nestjs/common';
import { ReconcileSourcesRepository } from './reconcile-sources.repository';

@Module({
  providers: [ReconcileSourcesRepository],
  exports: [ReconcileSourcesRepository],
})
export class ReconcileSourcesModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RUNTIME, type Runtime } from './common/runtime';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(runtime.databaseUrl))],
      controllers: [HealthController],
      providers: [{ provide: RUNTIME, useValue: runtime }],
      exports: [RUNTIME],
    };
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { HealthResponse, MetaResponse } from '@lotline/contracts';
import { RUNTIME, type Runtime } from '../common/runtime';
import { Public } from '../common/public.decorator';

@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Public()
  @Get('health')
  async health(): Promise<HealthResponse> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: 'up', version: this.runtime.version };
  }

  @Public()
  @Get('meta')
  meta(): MetaResponse {
    return {
      product: 'Lotline',
      version: this.runtime.version,
      demo: this.runtime.config.seedDemo,
      paymentsEnabled: false,
      smtpEnabled: Boolean(this.runtime.config.auth.smtpUrl),
    };
  }
}

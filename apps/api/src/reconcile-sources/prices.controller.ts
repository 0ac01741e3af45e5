import { Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { PriceFetchRunView, PriceImportResult, PriceListResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { PriceListQueryDto } from './prices.dto';
import { PricesService, type UploadedPriceFile } from './prices.service';

/** The firm's USD price table (staff) and the ccxt price fetch of a client (staff of that client). */
@ApiTags('prices')
@Controller()
export class PricesController {
  constructor(private readonly prices: PricesService) {}

  @Can('resolve', 'ClientData')
  @Post('prices/imports')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  import(@CurrentUser() user: AuthUser, @UploadedFile() file: UploadedPriceFile | undefined, @Ctx() ctx: RequestContext): Promise<PriceImportResult> {
    return this.prices.importCsv(user, file, ctx);
  }

  @Can('resolve', 'ClientData')
  @Get('prices')
  list(@CurrentUser() user: AuthUser, @Query() query: PriceListQueryDto): Promise<PriceListResponse> {
    return this.prices.list(user, query);
  }

  @Can('resolve', 'ClientData')
  @Post('clients/:id/prices/fetch')
  @HttpCode(202)
  fetch(@CurrentUser() user: AuthUser, @Param('id') id: string, @Ctx() ctx: RequestContext): Promise<PriceFetchRunView> {
    return this.prices.queueFetch(user, id, ctx);
  }

  @Can('resolve', 'ClientData')
  @Get('clients/:id/prices/fetch/:runId')
  run(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('runId') runId: string): Promise<PriceFetchRunView> {
    return this.prices.getRun(user, id, runId);
  }
}

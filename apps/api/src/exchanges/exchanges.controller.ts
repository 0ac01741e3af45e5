import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ExchangeConnectionView, ExchangeSyncQueued } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { ConnectExchangeDto } from './exchanges.dto';
import { ExchangesService } from './exchanges.service';

@ApiTags('exchanges')
@Controller('clients/:id/exchange-connections')
export class ExchangesController {
  constructor(private readonly exchanges: ExchangesService) {}

  @Can('read', 'Client')
  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ExchangeConnectionView[]> {
    return this.exchanges.list(user, id);
  }

  @Can('import', 'Client')
  @Post()
  connect(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ConnectExchangeDto, @Ctx() ctx: RequestContext): Promise<ExchangeConnectionView> {
    return this.exchanges.connect(user, id, dto, ctx);
  }

  @Can('import', 'Client')
  @Delete(':connectionId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('connectionId') connectionId: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.exchanges.remove(user, id, connectionId, ctx);
  }

  @Can('import', 'Client')
  @Post(':connectionId/sync')
  @HttpCode(202)
  sync(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('connectionId') connectionId: string, @Ctx() ctx: RequestContext): Promise<ExchangeSyncQueued> {
    return this.exchanges.sync(user, id, connectionId, ctx);
  }
}

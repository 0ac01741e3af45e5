import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClientDetail, ClientListResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { AssignPreparersDto, ClientDetailQueryDto, ClientListQueryDto, CreateClientDto, GiveConsentDto, SetTaxpayerIdDto, TaxYearDto, UpdateClientDto } from './client.dto';
import { ClientsService } from './clients.service';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Can('list', 'Client')
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ClientListQueryDto): Promise<ClientListResponse> {
    return this.clients.list(user, q);
  }

  @Can('create', 'Client')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateClientDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.create(user, dto, ctx);
  }

  @Can('read', 'Client')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: ClientDetailQueryDto): Promise<ClientDetail> {
    return this.clients.get(user, id, q.taxYear);
  }

  @Can('update', 'Client')
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateClientDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.update(user, id, dto, ctx);
  }

  @Can('update', 'Client')
  @Put(':id/taxpayer-id')
  setTaxpayerId(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: SetTaxpayerIdDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.setTaxpayerId(user, id, dto, ctx);
  }

  @Can('update', 'Client')
  @Delete(':id/taxpayer-id')
  removeTaxpayerId(@CurrentUser() user: AuthUser, @Param('id') id: string, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.removeTaxpayerId(user, id, ctx);
  }

  @Can('assign', 'Client')
  @Put(':id/preparers')
  assign(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: AssignPreparersDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.assign(user, id, dto, ctx);
  }

  @Can('import', 'Client')
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: TaxYearDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.submit(user, id, dto.taxYear, ctx);
  }

  @Can('update', 'Consent')
  @Post(':id/consent')
  @HttpCode(200)
  giveConsent(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: GiveConsentDto, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.giveConsent(user, id, dto, ctx);
  }

  @Can('update', 'Consent')
  @Delete(':id/consent')
  revokeConsent(@CurrentUser() user: AuthUser, @Param('id') id: string, @Ctx() ctx: RequestContext): Promise<ClientDetail> {
    return this.clients.revokeConsent(user, id, ctx);
  }
}

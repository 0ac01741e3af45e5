import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Form8949PageResponse, Form8949RowDetail, PreviewResponse, RecomputeStatusView, ReconciliationSettingsView, TaxYearMethodView, WhatIfResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { ChooseMethodDto, Form8949QueryDto, UpdateReconciliationSettingsDto } from './reconciliation.dto';
import { PreviewService } from './preview.service';

/** Recompute status, free preview, 8949 rows, what-if and the method per tax year. */
@ApiTags('reconciliation')
@Controller('clients/:id')
export class PreviewController {
  constructor(private readonly preview: PreviewService) {}

  @Can('preview', 'Client')
  @Get('recompute')
  status(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RecomputeStatusView> {
    return this.preview.status(user, id);
  }

  @Can('resolve', 'Client')
  @Post('recompute')
  @HttpCode(202)
  recompute(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RecomputeStatusView> {
    return this.preview.requestRecompute(user, id);
  }

  @Can('preview', 'Client')
  @Get('tax-years/:year/preview')
  yearPreview(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string): Promise<PreviewResponse> {
    return this.preview.preview(user, id, year);
  }

  @Can('preview', 'Client')
  @Get('tax-years/:year/form8949')
  form8949(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string, @Query() q: Form8949QueryDto): Promise<Form8949PageResponse> {
    return this.preview.form8949(user, id, year, q);
  }

  @Can('preview', 'Client')
  @Get('tax-years/:year/form8949/:rowNo')
  form8949Row(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string, @Param('rowNo') rowNo: string): Promise<Form8949RowDetail> {
    return this.preview.form8949Row(user, id, year, rowNo);
  }

  @Can('resolve', 'Client')
  @Get('tax-years/:year/what-if')
  whatIf(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string): Promise<WhatIfResponse> {
    return this.preview.whatIf(user, id, year);
  }

  @Can('resolve', 'Client')
  @Put('tax-years/:year/method')
  chooseMethod(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string, @Body() dto: ChooseMethodDto, @Ctx() ctx: RequestContext): Promise<TaxYearMethodView> {
    return this.preview.chooseMethod(user, id, year, dto.method, ctx);
  }
}

/** Firm reconciliation settings: staff read them, the firm admin changes them. */
@ApiTags('reconciliation')
@Controller('firm/reconciliation-settings')
export class ReconciliationSettingsController {
  constructor(private readonly preview: PreviewService) {}

  @Can('resolve', 'ClientData')
  @Get()
  get(@CurrentUser() user: AuthUser): Promise<ReconciliationSettingsView> {
    return this.preview.settings(user);
  }

  @Can('update', 'Firm')
  @Patch()
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateReconciliationSettingsDto, @Ctx() ctx: RequestContext): Promise<ReconciliationSettingsView> {
    return this.preview.updateSettings(user, dto, ctx);
  }
}

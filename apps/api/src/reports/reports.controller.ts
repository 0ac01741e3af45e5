import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ReportGateView, ReportVersionView } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { ReportsService, type ReportDownload } from './reports.service';

@ApiTags('reports')
@Controller('clients/:id')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Can('read', 'Client')
  @Get('tax-years/:year/reports/gate')
  gate(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string): Promise<ReportGateView> {
    return this.reports.gate(user, id, year);
  }

  @Can('generate', 'Client')
  @Post('tax-years/:year/reports')
  @HttpCode(202)
  generate(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string, @Ctx() ctx: RequestContext): Promise<ReportVersionView> {
    return this.reports.generate(user, id, year, ctx);
  }

  @Can('download', 'Client')
  @Get('tax-years/:year/reports')
  list(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('year') year: string): Promise<ReportVersionView[]> {
    return this.reports.list(user, id, year);
  }

  @Can('download', 'Client')
  @Get('reports/:versionId/files/:fileId')
  async file(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('versionId') versionId: string, @Param('fileId') fileId: string, @Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    send(res, await this.reports.file(user, id, versionId, fileId, ctx));
  }

  @Can('download', 'Client')
  @Get('reports/:versionId/zip')
  async zip(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('versionId') versionId: string, @Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    send(res, await this.reports.zip(user, id, versionId, ctx));
  }
}

/** Stored names are [A-Za-z0-9._-] only; the header still encodes them (RFC 6266). */
function send(res: Response, d: ReportDownload): void {
  res.setHeader('content-type', d.contentType);
  res.setHeader('content-disposition', `attachment; filename="${d.fileName}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'private, no-store');
  if (d.body instanceof Uint8Array) res.end(Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength));
  else d.body.pipe(res);
}

import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Account, ImportBatchView } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { CreateAccountDto, UploadFieldsDto } from './imports.dto';
import { ImportsService, type UploadedCsv } from './imports.service';

@ApiTags('imports')
@Controller('clients/:id')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Can('read', 'Client')
  @Get('accounts')
  accounts(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Account[]> {
    return this.imports.listAccounts(user, id);
  }

  @Can('import', 'Client')
  @Post('accounts')
  createAccount(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: CreateAccountDto, @Ctx() ctx: RequestContext): Promise<Account> {
    return this.imports.createAccount(user, id, dto, ctx);
  }

  @Can('import', 'Client')
  @Post('imports')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  upload(@CurrentUser() user: AuthUser, @Param('id') id: string, @UploadedFile() file: UploadedCsv | undefined, @Body() fields: UploadFieldsDto, @Ctx() ctx: RequestContext): Promise<ImportBatchView> {
    return this.imports.upload(user, id, file, fields.accountId, fields.format, ctx);
  }

  @Can('read', 'Client')
  @Get('imports')
  batches(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ImportBatchView[]> {
    return this.imports.listBatches(user, id);
  }

  @Can('read', 'Client')
  @Get('imports/:batchId')
  batch(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('batchId') batchId: string): Promise<ImportBatchView> {
    return this.imports.getBatch(user, id, batchId);
  }

  @Can('download', 'Client')
  @Get('imports/:batchId/file')
  async file(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('batchId') batchId: string, @Ctx() ctx: RequestContext, @Res() res: Response): Promise<void> {
    const { fileName, stream } = await this.imports.originalFile(user, id, batchId, ctx);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('x-content-type-options', 'nosniff');
    stream.pipe(res);
  }
}

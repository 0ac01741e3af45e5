import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { AuditListResponse } from '@lotline/contracts';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Can('read', 'Audit')
  @Get('audit')
  list(@CurrentUser() user: AuthUser, @Query() q: AuditQueryDto): Promise<AuditListResponse> {
    return this.audit.list(user, q);
  }

  @Can('export', 'Audit')
  @Get('audit.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="audit-log.csv"')
  exportCsv(@CurrentUser() user: AuthUser, @Query() q: AuditQueryDto): StreamableFile {
    return new StreamableFile(Readable.from(this.audit.csv(user, q)));
  }
}

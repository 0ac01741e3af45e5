import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FirmSettings } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { UpdateFirmSettingsDto } from './firm.dto';
import { FirmService } from './firm.service';

@ApiTags('firm')
@Controller('firm')
export class FirmController {
  constructor(private readonly firms: FirmService) {}

  @Can('read', 'Firm')
  @Get()
  get(@CurrentUser() user: AuthUser): Promise<FirmSettings> {
    return this.firms.get(user);
  }

  @Can('update', 'Firm')
  @Patch()
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateFirmSettingsDto, @Ctx() ctx: RequestContext): Promise<FirmSettings> {
    return this.firms.update(user, dto, ctx);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { TeamMember } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { ChangeRoleDto } from './team.dto';
import { TeamService } from './team.service';

@ApiTags('team')
@Controller('team')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Can('read', 'Team')
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<TeamMember[]> {
    return this.team.list(user);
  }

  @Can('update', 'Team')
  @Patch(':userId')
  changeRole(@CurrentUser() user: AuthUser, @Param('userId') id: string, @Body() dto: ChangeRoleDto, @Ctx() ctx: RequestContext): Promise<TeamMember> {
    return this.team.changeRole(user, id, dto, ctx);
  }

  @Can('update', 'Team')
  @Post(':userId/deactivate')
  @HttpCode(200)
  deactivate(@CurrentUser() user: AuthUser, @Param('userId') id: string, @Ctx() ctx: RequestContext): Promise<TeamMember> {
    return this.team.deactivate(user, id, ctx);
  }

  @Can('update', 'Team')
  @Post(':userId/reset-2fa')
  @HttpCode(200)
  resetTwoFactor(@CurrentUser() user: AuthUser, @Param('userId') id: string, @Ctx() ctx: RequestContext): Promise<TeamMember> {
    return this.team.resetTwoFactor(user, id, ctx);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Invitation, InvitationPreview, InvitationWithLink, SignInResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { SessionCookie } from '../auth/session-cookie';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { Can } from '../common/authz.decorators';
import { Public } from '../common/public.decorator';
import { AcceptInvitationDto, CreateInvitationDto } from './invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly cookie: SessionCookie,
  ) {}

  @Can('read', 'Invitation')
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<Invitation[]> {
    return this.invitations.list(user);
  }

  @Can('create', 'Invitation')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInvitationDto, @Ctx() ctx: RequestContext): Promise<InvitationWithLink> {
    return this.invitations.create(user, dto, ctx);
  }

  @Can('update', 'Invitation')
  @Post(':id/resend')
  @HttpCode(200)
  resend(@CurrentUser() user: AuthUser, @Param('id') id: string, @Ctx() ctx: RequestContext): Promise<InvitationWithLink> {
    return this.invitations.resend(user, id, ctx);
  }

  @Can('update', 'Invitation')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string, @Ctx() ctx: RequestContext): Promise<Invitation> {
    return this.invitations.revoke(user, id, ctx);
  }

  @Public()
  @Get('preview/:token')
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  async accept(@Body() dto: AcceptInvitationDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<SignInResponse> {
    return this.cookie.send(res, await this.invitations.accept(dto, ctx));
  }
}

import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SessionUser, SignInResponse, TwoFactorEnrolResponse, TwoFactorVerifyResponse } from '@lotline/contracts';
import type { RequestContext } from '../audit/audit-log';
import { CurrentUser, Ctx, type AuthUser } from '../common/auth-user';
import { AllowPendingTwoFactor, SignedIn } from '../common/authz.decorators';
import { Public } from '../common/public.decorator';
import type { UserRow } from '../firms/user.repository';
import { ChangePasswordDto, CodeDto, FirmSignUpDto, TwoFactorSignInDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LocalAuthGuard } from './local.strategy';
import { SessionCookie } from './session-cookie';
import { TwoFactorService } from './two-factor.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('sign-up')
  async signUp(@Body() dto: FirmSignUpDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<SignInResponse> {
    return this.cookie.send(res, await this.auth.signUp(dto, ctx));
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Req() req: Request, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<SignInResponse> {
    return this.cookie.send(res, await this.auth.signIn(req.user as UserRow, ctx));
  }

  @Public()
  @Post('sign-in/2fa')
  @HttpCode(200)
  async signInSecondFactor(@Body() dto: TwoFactorSignInDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<SignInResponse> {
    return this.cookie.send(res, await this.auth.signInSecondFactor(dto, ctx));
  }

  /** Rotates the refresh cookie; public because the access token may have expired (the cookie is the credential). */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<SignInResponse> {
    return this.cookie.send(res, await this.auth.refresh(this.cookie.read(req), ctx));
  }

  @Public()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Req() req: Request, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    this.cookie.clear(res);
    await this.auth.signOut(this.cookie.read(req), ctx);
  }

  @SignedIn()
  @AllowPendingTwoFactor()
  @Get('me')
  me(@CurrentUser() user: AuthUser): SessionUser {
    return this.auth.me(user);
  }

  @SignedIn()
  @Post('password')
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: Request, @Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.changePassword(user, dto, this.cookie.read(req), ctx);
  }

  @SignedIn()
  @AllowPendingTwoFactor()
  @Post('2fa/enrol')
  @HttpCode(200)
  enrol(@CurrentUser() user: AuthUser): Promise<TwoFactorEnrolResponse> {
    return this.twoFactor.enrol(user);
  }

  @SignedIn()
  @AllowPendingTwoFactor()
  @Post('2fa/verify')
  @HttpCode(200)
  verify(@CurrentUser() user: AuthUser, @Body() dto: CodeDto, @Ctx() ctx: RequestContext): Promise<TwoFactorVerifyResponse> {
    return this.twoFactor.verifyEnrolment(user, dto.code, ctx);
  }

  /** Turns off one's own 2FA with a current code or a recovery code (not in the contract yet: portal "My account"). */
  @SignedIn()
  @Post('2fa/disable')
  @HttpCode(204)
  disable(@CurrentUser() user: AuthUser, @Body() dto: CodeDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.disableTwoFactor(user, dto.code, ctx);
  }
}

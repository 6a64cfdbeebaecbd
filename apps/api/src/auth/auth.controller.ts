import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type CurrentUser, type InvitationPreview, type SessionSummary } from '@equipole/shared';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import { Actor, type AuthUser, Public } from './auth-user';
import { AuthService, ClientInfo, type SignedIn } from './auth.service';
import { DEVICE_COOKIE, DeviceCookies } from './device-cookies';
import { AcceptInvitationDto, ChangePasswordDto, LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, UpdateProfileDto } from './dto/auth.dto';
import { SESSION_COOKIE, SessionsService } from './sessions.service';

export function clientOf(request: Request): ClientInfo {
  const deviceCookie = (request.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE];
  return { ip: request.ip ?? 'unknown', userAgent: request.headers['user-agent'], deviceCookie: typeof deviceCookie === 'string' ? deviceCookie : undefined };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly devices: DeviceCookies,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Signed in: the session cookie and the device cookie are set.' })
  async login(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    this.signIn(response, await this.auth.login(dto, clientOf(request)));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Actor() user: AuthUser, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.revoke(user, user.sessionId);
    response.clearCookie(SESSION_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
  }

  /** For the web app's start-up: who is signed in, `null` when nobody (200 either way, no error in the console). */
  @Public()
  @Get('session')
  @ApiOkResponse({ description: 'The signed-in person, or null.' })
  session(@Req() request: Request & { user?: AuthUser }): { user: CurrentUser | null } {
    if (!request.user) return { user: null };
    const { sessionId: _sessionId, ...current } = request.user;
    return { user: current };
  }

  @Get('me')
  @ApiOkResponse({ description: 'The signed-in person and their organisations.' })
  me(@Actor() user: AuthUser): CurrentUser {
    const { sessionId: _sessionId, ...current } = user;
    return current;
  }

  @Patch('me')
  @HttpCode(HttpStatus.NO_CONTENT)
  updateProfile(@Actor() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<void> {
    return this.auth.updateProfile(user, dto);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  changePassword(@Actor() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() request: Request): Promise<void> {
    return this.auth.changePassword(user, dto, clientOf(request));
  }

  @Get('sessions')
  listSessions(@Actor() user: AuthUser): Promise<SessionSummary[]> {
    return this.sessions.list(user);
  }

  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revokeSession(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.sessions.revoke(user, id))) throw new DomainError(ErrorCode.NotFound);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOkResponse({ description: 'Always accepted, at once, whether the email is known or not; 429 when this client asked too often.' })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() request: Request): Promise<void> {
    await this.auth.requestPasswordReset(dto.email, clientOf(request));
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'New password set, every session signed out; this browser gets a device cookie.' })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto, @Res({ passthrough: true }) response: Response): Promise<void> {
    const { deviceCookie } = await this.auth.confirmPasswordReset(dto);
    response.cookie(DEVICE_COOKIE, deviceCookie, this.devices.cookieOptions());
  }

  @Public()
  @Get('invitations/:token')
  previewInvitation(@Param('token') token: string): Promise<InvitationPreview> {
    return this.auth.previewInvitation(token);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(HttpStatus.NO_CONTENT)
  async acceptInvitation(@Body() dto: AcceptInvitationDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    this.signIn(response, await this.auth.acceptInvitation(dto, clientOf(request)));
  }

  private signIn(response: Response, signedIn: SignedIn): void {
    response.cookie(SESSION_COOKIE, signedIn.session, this.sessions.cookieOptions());
    response.cookie(DEVICE_COOKIE, signedIn.deviceCookie, this.devices.cookieOptions());
  }
}

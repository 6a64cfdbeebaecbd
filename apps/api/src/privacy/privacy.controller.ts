import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonalDataExport, PrivacyNotice } from '@equipole/shared';
import type { Request, Response } from 'express';
import { Actor, type AuthUser, Public, requireCoordinator } from '../auth/auth-user';
import { clientOf } from '../auth/auth.controller';
import { SESSION_COOKIE, SessionsService } from '../auth/sessions.service';
import { CloseAccountDto } from './dto/close-account.dto';
import { renderExportHtml } from './export-html';
import { PrivacyService } from './privacy.service';

const attachment = (response: Response, exportedAt: string, extension: 'json' | 'html') =>
  response.setHeader('Content-Disposition', `attachment; filename="equipole-my-data-${exportedAt.slice(0, 10)}.${extension}"`);

/** The privacy notice, a person's data export, and closing or erasing an account (docs/privacy.md). */
@ApiTags('privacy')
@Controller('privacy')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Get('notice')
  @ApiOkResponse({ description: 'The operator’s details and the retention periods in force.' })
  notice(): PrivacyNotice {
    return this.privacy.notice();
  }

  /** The readable summary of the export (HTML, one section per category, in the person's language). */
  @Get('export.html')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'An HTML document to read or print.' })
  async exportHtml(@Actor() user: AuthUser, @Res({ passthrough: true }) response: Response): Promise<string> {
    const data = await this.privacy.exportFor(user);
    attachment(response, data.exportedAt, 'html');
    response.type('html');
    return renderExportHtml(data, user.locale, String(response.locals.cspNonce ?? ''));
  }

  @Get('export')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Everything the platform keeps about the signed-in person, as JSON.' })
  async export(@Actor() user: AuthUser, @Res({ passthrough: true }) response: Response): Promise<PersonalDataExport> {
    const data = await this.privacy.exportFor(user);
    attachment(response, data.exportedAt, 'json');
    return data;
  }

  /** The signed-in person closes their account (password confirmed): it is anonymised and signed out everywhere. */
  @Post('close-account')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The account is anonymised; the session cookie is cleared.' })
  async closeAccount(@Actor() user: AuthUser, @Body() dto: CloseAccountDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.privacy.closeOwnAccount(user, dto.password, clientOf(request));
    response.clearCookie(SESSION_COOKIE, { ...this.sessions.cookieOptions(), maxAge: undefined });
  }

  /** A coordinator erases the account of someone who asked for it. */
  @Post('users/:id/erase')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The account is anonymised.' })
  async erase(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    requireCoordinator(user);
    await this.privacy.eraseByCoordinator(user, id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CredentialGrantView, CredentialSummary } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { CredentialsService } from './credentials.service';
import { CreateCredentialDto, GrantCredentialDto } from './dto/credential.dto';

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('organisations/:id/credentials')
  list(@Param('id', ParseUUIDPipe) id: string): Promise<CredentialSummary[]> {
    return this.credentials.list(id);
  }

  @Post('organisations/:id/credentials')
  create(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateCredentialDto): Promise<CredentialSummary> {
    return this.credentials.create(user, id, dto);
  }

  @Get('credentials/:id/grants')
  grants(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CredentialGrantView[]> {
    return this.credentials.grants(user, id);
  }

  @Post('credentials/:id/grants')
  grant(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: GrantCredentialDto): Promise<CredentialGrantView[]> {
    return this.credentials.grant(user, id, dto);
  }

  @Delete('credentials/:id/grants/:grantId')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('grantId', ParseUUIDPipe) grantId: string): Promise<void> {
    return this.credentials.revoke(user, id, grantId);
  }
}

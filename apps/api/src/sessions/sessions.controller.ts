import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RegistrationView, SessionView } from '@equipole/shared';
import type { Request } from 'express';
import { Actor, type AuthUser, Public } from '../auth/auth-user';
import { CreateSessionDto, ListSessionsQuery, RecordAttendanceDto, RegisterGroupDto, UpdateSessionDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

type MaybeSignedIn = Request & { user?: AuthUser };

/** Sessions are public (catalogue and cluster pages); registering, publishing and attendance need a session. */
@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Public()
  @Get()
  list(@Req() request: MaybeSignedIn, @Query() query: ListSessionsQuery): Promise<SessionView[]> {
    return this.sessions.list(request.user, query);
  }

  @Public()
  @Get(':id')
  get(@Req() request: MaybeSignedIn, @Param('id', ParseUUIDPipe) id: string): Promise<SessionView> {
    return this.sessions.get(request.user, id);
  }

  @Post()
  create(@Actor() user: AuthUser, @Body() dto: CreateSessionDto): Promise<SessionView> {
    return this.sessions.create(user, dto);
  }

  @Patch(':id')
  update(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSessionDto): Promise<SessionView> {
    return this.sessions.update(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SessionView> {
    return this.sessions.cancel(user, id);
  }

  @Get(':id/registrations')
  registrations(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RegistrationView[]> {
    return this.sessions.registrations(user, id);
  }

  @Post(':id/registrations')
  register(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RegisterGroupDto): Promise<RegistrationView> {
    return this.sessions.register(user, id, dto);
  }

  @Delete(':id/registrations/:registrationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  cancelRegistration(
    @Actor() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('registrationId', ParseUUIDPipe) registrationId: string,
  ): Promise<void> {
    return this.sessions.cancelRegistration(user, id, registrationId);
  }

  @Put(':id/attendance')
  attendance(@Actor() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordAttendanceDto): Promise<SessionView> {
    return this.sessions.recordAttendance(user, id, dto);
  }
}

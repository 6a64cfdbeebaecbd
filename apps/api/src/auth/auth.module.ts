import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RequestThrottle } from '../common/request-throttle';
import { ThrottleHitsRepository } from '../common/throttle-hits.repository';
import { UsersRepository } from '../users/users.repository';
import { AccountLinksService } from './account-links.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfGuard } from './csrf.guard';
import { DeviceCookies } from './device-cookies';
import { LoginFailuresRepository } from './login-failures.repository';
import { LoginThrottleService } from './login-throttle.service';
import { SessionGuard } from './session.guard';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UserTokensRepository } from './user-tokens.repository';

@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    AccountLinksService,
    SessionsService,
    LoginThrottleService,
    DeviceCookies,
    RequestThrottle,
    UsersRepository,
    UserTokensRepository,
    SessionsRepository,
    LoginFailuresRepository,
    ThrottleHitsRepository,
    // Order matters: refuse cross-site writes before reading the session.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AuthService, SessionsService, AccountLinksService, UsersRepository],
})
export class AuthModule {}

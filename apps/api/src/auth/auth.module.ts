import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountLinksService } from './account-links.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RequestThrottle } from '../common/request-throttle';
import { CsrfGuard } from './csrf.guard';
import { DeviceCookies } from './device-cookies';
import { LoginThrottleService } from './login-throttle.service';
import { Session } from './session.entity';
import { SessionGuard } from './session.guard';
import { SessionsService } from './sessions.service';
import { UserToken } from './user-token.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Session, UserToken])],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccountLinksService,
    SessionsService,
    LoginThrottleService,
    DeviceCookies,
    RequestThrottle,
    // Order matters: refuse cross-site writes before reading the session.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AuthService, SessionsService, AccountLinksService],
})
export class AuthModule {}

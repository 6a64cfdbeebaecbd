import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@equipole/shared';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { AuthUser, IS_PUBLIC } from './auth-user';
import { SessionsService, SESSION_COOKIE } from './sessions.service';

/** Reads the session cookie on every request; routes not marked @Public() require a session. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token) request.user = await this.sessions.resolve(token);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (!isPublic && !request.user) throw new DomainError(ErrorCode.Unauthenticated);
    return true;
  }
}

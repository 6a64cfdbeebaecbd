import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection by Fetch Metadata: browsers say where a request comes from (`Sec-Fetch-Site`,
 * else `Origin`); a state-changing request from another site is refused. Clients that are not
 * browsers send neither header and carry no ambient cookie risk.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.publicOrigin = new URL(config.publicUrl).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (site === 'same-origin' || site === 'none') return true;
      throw new DomainError(ErrorCode.CsrfRejected);
    }
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    const ownOrigin = `${request.protocol}://${request.headers.host}`;
    if (origin === this.publicOrigin || origin === ownOrigin) return true;
    throw new DomainError(ErrorCode.CsrfRejected);
  }
}

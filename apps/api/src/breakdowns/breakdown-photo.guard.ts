import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { assertDeclaredSize } from '../resources/photo-upload';
import { BreakdownsService } from './breakdowns.service';

/**
 * Runs before the body is read, like the items' PhotoUploadGuard: only the report's author and the
 * item's managers may add a photo to an unresolved report (404/403/409 otherwise), and a request that
 * announces more than a photo may weigh is refused at once (413).
 */
@Injectable()
export class BreakdownPhotoGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly breakdowns: BreakdownsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!request.user) throw new DomainError(ErrorCode.Unauthenticated);
    const id = String(request.params.id);
    if (!isUUID(id)) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'id', constraint: 'isUUID', args: [] }] });
    await this.breakdowns.assertMayAddPhoto(request.user, id);
    assertDeclaredSize(request, this.config.maxPhotoBytes);
    return true;
  }
}

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { assertDeclaredSize } from '../resources/photo-upload';
import { StoryPhotosService } from './story-photos.service';

/**
 * Runs before the body is read, like the items' PhotoUploadGuard: only coordinators may add a photo
 * to a story of the cluster (403/404 otherwise), and a request that announces more than a photo may
 * weigh is refused at once (413).
 */
@Injectable()
export class StoryPhotoGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storyPhotos: StoryPhotosService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!request.user) throw new DomainError(ErrorCode.Unauthenticated);
    const details = ['id', 'storyId'].filter((name) => !isUUID(String(request.params[name]))).map((field) => ({ field, constraint: 'isUUID', args: [] }));
    if (details.length) throw new DomainError(ErrorCode.ValidationFailed, { details });
    await this.storyPhotos.assertMayChange(request.user, String(request.params.id), String(request.params.storyId));
    assertDeclaredSize(request, this.config.maxPhotoBytes);
    return true;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UploadGuard } from '../resources/photo-upload';
import { StoryPhotosService } from './story-photos.service';

/** A good-practice story's photo: only coordinators, on a story of the cluster in the route. */
@Injectable()
export class StoryPhotoGuard extends UploadGuard {
  protected readonly ids = ['id', 'storyId'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storyPhotos: StoryPhotosService,
  ) {
    super(config);
  }

  protected assertMayUpload(user: AuthUser, { id, storyId }: Record<string, string>): Promise<unknown> {
    return this.storyPhotos.assertMayChange(user, id, storyId);
  }
}

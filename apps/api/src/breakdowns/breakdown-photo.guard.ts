import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UploadGuard } from '../resources/photo-upload';
import { BreakdownsService } from './breakdowns.service';

/** A breakdown report's photo: only the report's author and the item's managers, on an unresolved report. */
@Injectable()
export class BreakdownPhotoGuard extends UploadGuard {
  protected readonly ids = ['id'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly breakdowns: BreakdownsService,
  ) {
    super(config);
  }

  protected assertMayUpload(user: AuthUser, { id }: Record<string, string>): Promise<unknown> {
    return this.breakdowns.assertMayAddPhoto(user, id);
  }
}

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@equipole/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { checkedPhoto, EXTENSIONS, moveUpload, type PhotoType, type UploadedPhoto, withUpload } from './photo-upload';
import { PhotosRepository } from './photos.repository';
import { ResourcesService } from './resources.service';

@Injectable()
export class PhotosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly resources: ResourcesService,
    private readonly photos: PhotosRepository,
  ) {}

  private path(resourceId: string, photoId: string, type: PhotoType): string {
    return join(this.config.uploadsDir, 'resources', resourceId, `${photoId}.${EXTENSIONS[type]}`);
  }

  /**
   * Files a photo that the upload storage streamed to a temporary file (PhotoUploadGuard already let
   * only the item's managers send one, within the size limit). Rights are checked again under the
   * item's lock, then the type from the file's first bytes; the file is moved into place in the
   * transaction that writes its row, and the temporary file never outlives the request.
   */
  async add(user: AuthUser, resourceId: string, upload: UploadedPhoto | undefined, altText?: string): Promise<{ id: string; url: string }> {
    return withUpload(upload, () =>
      this.dataSource.transaction(async (manager) => {
        // Who may change the item is checked before what was sent: others learn nothing from the answer.
        await this.resources.lockManaged(manager, user, resourceId);
        const { file, type } = checkedPhoto(upload);
        const id = await this.photos.insert(manager, { resourceId, fileName: file.originalname.slice(0, 200), contentType: type, sizeBytes: file.size, altText: altText?.slice(0, 300) || null });
        await moveUpload(file, this.path(resourceId, id, type));
        return { id, url: `/api/photos/${id}` };
      }),
    );
  }

  async remove(user: AuthUser, resourceId: string, photoId: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      await this.resources.lockManaged(manager, user, resourceId);
      const type = await this.photos.delete(manager, photoId, resourceId);
      if (!type) throw new DomainError(ErrorCode.NotFound);
      return type as PhotoType;
    });
    await rm(this.path(resourceId, photoId, removed), { force: true });
  }

  async file(photoId: string): Promise<{ path: string; contentType: string }> {
    const row = await this.photos.find(this.dataSource.manager, photoId);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    return { path: this.path(row.resourceId, photoId, row.contentType as PhotoType), contentType: row.contentType };
  }
}

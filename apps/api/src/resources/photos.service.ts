import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@equipole/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { UploadedPhoto } from './photo-upload';
import { PhotosRepository } from './photos.repository';
import { ResourcesService } from './resources.service';

export const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof EXTENSIONS;

/** The type a file really is, from its first bytes; the client's declared type is not trusted. */
export function sniffImageType(bytes: Buffer): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

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
  async add(user: AuthUser, resourceId: string, file: UploadedPhoto | undefined, altText?: string): Promise<{ id: string; url: string }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Who may change the item is checked before what was sent: others learn nothing from the answer.
        await this.resources.lockManaged(manager, user, resourceId);
        if (!file) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'file', constraint: 'isDefined', args: [] }] });
        const type = sniffImageType(file.head);
        if (!type) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'file', constraint: 'photoType', args: [] }] });
        const id = await this.photos.insert(manager, { resourceId, fileName: file.originalname.slice(0, 200), contentType: type, sizeBytes: file.size, altText: altText?.slice(0, 300) || null });
        const path = this.path(resourceId, id, type);
        await mkdir(join(path, '..'), { recursive: true });
        // Moved inside the transaction: a failed move leaves no row pointing at nothing.
        await rename(file.path, path);
        return { id, url: `/api/photos/${id}` };
      });
    } finally {
      if (file) await rm(file.path, { force: true });
    }
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

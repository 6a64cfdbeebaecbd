import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, LOCALES, STORY_PHOTO_ALT_MAX, type Story, type TranslatedOptional } from '@equipole/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { checkedPhoto, moveUpload, type UploadedPhoto, withUpload } from '../resources/photo-upload';
import { OpenDataRepository, type StoryPhotoRow } from './open-data.repository';

/** The multipart fields that carry the photo's alternative text, per language. */
export const ALT_FIELDS = { fr: 'altFr', nl: 'altNl', en: 'altEn' } as const;

/**
 * The photo of a good-practice story: uploaded by coordinators through the items' streamed,
 * size-limited upload (resources/photo-upload.ts), stored under UPLOADS_DIR/stories/<story id>/,
 * served publicly with the cluster's page. Deleting the story deletes its folder.
 */
@Injectable()
export class StoryPhotosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: OpenDataRepository,
  ) {}

  /**
   * Coordinators only (403), and a story of this cluster (404). Checked before the body is read
   * (StoryPhotoGuard) and again under the story's lock.
   */
  async assertMayChange(user: AuthUser, clusterId: string, storyId: string, db: EntityManager = this.dataSource.manager, lock = false): Promise<StoryPhotoRow> {
    requireCoordinator(user);
    const story = await this.repository.storyPhoto(db, clusterId, storyId, lock);
    if (!story) throw new DomainError(ErrorCode.NotFound);
    return story;
  }

  /**
   * Files the photo the upload storage streamed to a temporary file: its type from its first bytes,
   * moved into place in the transaction that records it, replacing an earlier photo (and an older
   * web address). The alternative texts are optional per language (the page falls back to the title).
   */
  async add(user: AuthUser, clusterId: string, storyId: string, upload: UploadedPhoto | undefined, fields: Record<string, unknown> = {}): Promise<Story> {
    const replaced = await withUpload(upload, () =>
      this.dataSource.transaction(async (manager) => {
        const story = await this.assertMayChange(user, clusterId, storyId, manager, true);
        const { file, type, extension } = checkedPhoto(upload);
        const alts = readAlts(fields);
        // A new name per upload: a replaced photo's address changes, and the old file goes after the commit.
        const path = `stories/${storyId}/${randomUUID()}.${extension}`;
        await this.repository.setStoryPhoto(manager, storyId, { path, type, alts });
        await moveUpload(file, join(this.config.uploadsDir, path));
        return story.photo_path;
      }),
    );
    if (replaced) await rm(join(this.config.uploadsDir, replaced), { force: true });
    const [story] = await this.repository.stories(this.dataSource.manager, clusterId, storyId);
    return story;
  }

  /** Removes the story's uploaded photo (404 when it has none). */
  async remove(user: AuthUser, clusterId: string, storyId: string): Promise<void> {
    const path = await this.dataSource.transaction(async (manager) => {
      const story = await this.assertMayChange(user, clusterId, storyId, manager, true);
      if (!story.photo_path) throw new DomainError(ErrorCode.NotFound);
      await this.repository.clearStoryPhoto(manager, storyId);
      return story.photo_path;
    });
    await rm(join(this.config.uploadsDir, path), { force: true });
  }

  /** The story's uploaded photo, for everyone (the cluster's page is public). */
  async file(clusterId: string, storyId: string): Promise<{ path: string; contentType: string }> {
    const story = await this.repository.storyPhoto(this.dataSource.manager, clusterId, storyId);
    if (!story?.photo_path || !story.photo_type) throw new DomainError(ErrorCode.NotFound);
    return { path: join(this.config.uploadsDir, story.photo_path), contentType: story.photo_type };
  }

  /** After a story is deleted: its folder of photos goes with it. */
  async removeFiles(storyId: string): Promise<void> {
    await rm(join(this.config.uploadsDir, 'stories', storyId), { recursive: true, force: true });
  }
}

/** The alternative texts from the multipart fields: trimmed, an empty one is none, at most 300 characters each. */
export function readAlts(fields: Record<string, unknown>): TranslatedOptional {
  const alts: TranslatedOptional = { fr: null, nl: null, en: null };
  const details: { field: string; constraint: string; args: unknown[] }[] = [];
  for (const locale of LOCALES) {
    const field = ALT_FIELDS[locale];
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      details.push({ field, constraint: 'isString', args: [] });
      continue;
    }
    const text = value.trim();
    if (text.length > STORY_PHOTO_ALT_MAX) details.push({ field, constraint: 'maxLength', args: [STORY_PHOTO_ALT_MAX] });
    else alts[locale] = text || null;
  }
  if (details.length) throw new DomainError(ErrorCode.ValidationFailed, { details });
  return alts;
}

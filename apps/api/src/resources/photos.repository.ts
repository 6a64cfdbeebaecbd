import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An item's photos (`resource_photos`); the files live under UPLOADS_DIR. */
@Injectable()
export class PhotosRepository {
  /** A new photo, last in the item's order; answers its id. */
  async insert(manager: EntityManager, photo: { resourceId: string; fileName: string; contentType: string; sizeBytes: number; altText: string | null }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO resource_photos (resource_id, file_name, content_type, size_bytes, alt_text, position)
       VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position) + 1, 0) FROM resource_photos WHERE resource_id = $1)) RETURNING id`,
      [photo.resourceId, photo.fileName, photo.contentType, photo.sizeBytes, photo.altText],
    );
    return id;
  }

  /** Deletes one of the item's photos; answers its type, undefined when there was none. */
  async delete(manager: EntityManager, photoId: string, resourceId: string): Promise<string | undefined> {
    // DELETE … RETURNING answers [rows, count].
    const [rows]: [{ content_type: string }[], number] = await manager.query('DELETE FROM resource_photos WHERE id = $1 AND resource_id = $2 RETURNING content_type', [
      photoId, resourceId,
    ]);
    return rows[0]?.content_type;
  }

  async find(manager: EntityManager, photoId: string): Promise<{ resourceId: string; contentType: string } | undefined> {
    const [row] = await manager.query('SELECT resource_id AS "resourceId", content_type AS "contentType" FROM resource_photos WHERE id = $1', [photoId]);
    return row;
  }
}

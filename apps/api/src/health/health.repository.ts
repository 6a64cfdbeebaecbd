import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The one statement of the health checks. */
@Injectable()
export class HealthRepository {
  /** Resolves when the database answers. */
  async ping(db: EntityManager): Promise<void> {
    await db.query('SELECT 1');
  }
}

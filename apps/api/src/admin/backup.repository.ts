import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a backup reads of the database besides the dump itself. */
@Injectable()
export class BackupRepository {
  /** Undefined when the database has no migrations table (nothing of Equipôle yet); else the newest migration applied, if any. */
  async lastMigration(manager: EntityManager): Promise<{ name: string | null } | undefined> {
    const [{ migrations }]: { migrations: string | null }[] = await manager.query(`SELECT to_regclass('migrations')::text AS migrations`);
    if (!migrations) return undefined;
    const [row]: { name: string }[] = await manager.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    return { name: row?.name ?? null };
  }
}

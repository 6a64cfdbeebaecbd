import { Injectable } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** An account as the administration commands see it. */
export interface AccountRow {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isCoordinator: boolean;
  active: boolean;
  hasPassword: boolean;
}

export interface CoordinatorRow {
  email: string;
  name: string;
  locale: Locale;
  active: boolean;
  hasPassword: boolean;
  since: Date;
}

const ACCOUNT_COLUMNS = (u: string) => `${u}.id, ${u}.email, ${u}.name, ${u}.locale, ${u}.is_coordinator AS "isCoordinator",
  ${u}.active, (${u}.password_hash IS NOT NULL) AS "hasPassword"`;

/** The statements of the administration commands on `users`; every method runs in the caller's transaction. */
@Injectable()
export class CoordinatorsRepository {
  /** Serialises every change to who coordinates (create, revoke, the start-up invitation) until the transaction ends. */
  async lockCoordinators(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('equipole:coordinators'))`);
  }

  async findByEmail(manager: EntityManager, email: string): Promise<AccountRow | undefined> {
    const [row]: AccountRow[] = await manager.query(`SELECT ${ACCOUNT_COLUMNS('u')} FROM users u WHERE lower(u.email) = $1 FOR UPDATE`, [email]);
    return row;
  }

  /** Undefined when the address already has an account. */
  async insertCoordinator(manager: EntityManager, account: { email: string; name: string; locale: Locale }): Promise<AccountRow | undefined> {
    const [row]: AccountRow[] = await manager.query(
      `INSERT INTO users AS u (email, name, locale, is_coordinator) VALUES ($1, $2, $3, true)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${ACCOUNT_COLUMNS('u')}`,
      [account.email, account.name, account.locale],
    );
    return row;
  }

  async setCoordinator(manager: EntityManager, userId: string, isCoordinator: boolean): Promise<void> {
    await manager.query('UPDATE users SET is_coordinator = $2, updated_at = now() WHERE id = $1', [userId, isCoordinator]);
  }

  async anyCoordinator(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM users WHERE is_coordinator LIMIT 1');
    return Boolean(row);
  }

  /** Coordinators other than `userId` who can sign in: an active account with a password. */
  async countOtherActiveCoordinators(manager: EntityManager, userId: string): Promise<number> {
    const [{ count }] = await manager.query(
      'SELECT count(*)::int AS count FROM users WHERE is_coordinator AND active AND password_hash IS NOT NULL AND id <> $1',
      [userId],
    );
    return count;
  }

  list(manager: EntityManager): Promise<CoordinatorRow[]> {
    return manager.query(
      `SELECT email, name, locale, active, (password_hash IS NOT NULL) AS "hasPassword", created_at AS since
         FROM users WHERE is_coordinator ORDER BY lower(email)`,
    );
  }
}

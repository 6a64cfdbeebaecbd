import { Injectable } from '@nestjs/common';
import type { Locale } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** An account as a link or an email addresses it. */
export interface AccountContact {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

/** An account whose password is checked. */
export interface PasswordHolder {
  id: string;
  password_hash: string | null;
}

/**
 * The statements on `users` of signing in, passwords, profiles and invitations (the administration
 * commands have theirs in CoordinatorsRepository). Addresses are compared in lower case, as the
 * unique index on `lower(email)` does. Each method runs with the caller's manager.
 */
@Injectable()
export class UsersRepository {
  /** The active account that signs in with this (lower-case) address. */
  async activeByEmail(manager: EntityManager, email: string): Promise<PasswordHolder | undefined> {
    const [row]: PasswordHolder[] = await manager.query('SELECT id, password_hash FROM users WHERE lower(email) = $1 AND active', [email]);
    return row;
  }

  async byId(manager: EntityManager, userId: string): Promise<PasswordHolder | undefined> {
    const [row]: PasswordHolder[] = await manager.query('SELECT id, password_hash FROM users WHERE id = $1', [userId]);
    return row;
  }

  /** The active account with a password that has this address, locked until the transaction ends. */
  async lockResettable(manager: EntityManager, email: string): Promise<AccountContact | undefined> {
    const [row]: AccountContact[] = await manager.query(
      'SELECT id, name, email, locale FROM users WHERE lower(email) = $1 AND active AND password_hash IS NOT NULL FOR UPDATE',
      [email],
    );
    return row;
  }

  /** Returns the account's address in lower case. */
  async setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<string | undefined> {
    // An UPDATE answers [rows, affected].
    const [[row]]: [{ email: string }[], number] = await manager.query(
      'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING lower(email) AS email',
      [userId, passwordHash],
    );
    return row?.email;
  }

  /** An invited account's first password, name and language; undefined (nothing changed) when it already has a password. */
  async activate(manager: EntityManager, userId: string, account: { name: string; passwordHash: string; locale?: Locale }): Promise<string | undefined> {
    const [[row]]: [{ email: string }[], number] = await manager.query(
      `UPDATE users SET name = $2, password_hash = $3, locale = coalesce($4, locale), updated_at = now()
        WHERE id = $1 AND password_hash IS NULL RETURNING lower(email) AS email`,
      [userId, account.name, account.passwordHash, account.locale ?? null],
    );
    return row?.email;
  }

  async updateProfile(manager: EntityManager, userId: string, profile: { name?: string; locale?: Locale }): Promise<void> {
    await manager.query(
      'UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now() WHERE id = $1',
      [userId, profile.name ?? null, profile.locale ?? null],
    );
  }

  /** Any account with this (lower-case) address, active or not. */
  async findContact(manager: EntityManager, email: string): Promise<(AccountContact & { has_password: boolean }) | undefined> {
    const [row]: (AccountContact & { has_password: boolean })[] = await manager.query(
      'SELECT id, name, email, locale, password_hash IS NOT NULL AS has_password FROM users WHERE lower(email) = $1',
      [email],
    );
    return row;
  }

  /** A new account without password, to be invited. */
  async insertInvitee(manager: EntityManager, account: { email: string; name: string; locale: Locale }): Promise<AccountContact & { has_password: boolean }> {
    const [row]: (AccountContact & { has_password: boolean })[] = await manager.query(
      `INSERT INTO users (email, name, locale) VALUES ($1, $2, $3) RETURNING id, name, email, locale, false AS has_password`,
      [account.email, account.name, account.locale],
    );
    return row;
  }
}

import { Injectable } from '@nestjs/common';
import type { InvitationPreview } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

export type TokenPurpose = 'invitation' | 'password_reset';

/**
 * The statements on `user_tokens`: single-use, expiring links sent by email, of which only the
 * token's SHA-256 is stored. Expiry is business time (`now` from the Clock); `used_at` records when.
 */
@Injectable()
export class UserTokensRepository {
  /** Ends the account's unused platform invitation (one at a time). */
  async retireCoordinatorInvitations(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND organisation_id IS NULL AND used_at IS NULL`,
      [userId],
    );
  }

  async insertInvitation(
    manager: EntityManager,
    link: { userId: string; hash: Buffer; organisationId: string | null; createdById: string | null; days: number; now: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO user_tokens (user_id, purpose, token_hash, organisation_id, created_by_id, expires_at)
       VALUES ($1, 'invitation', $2, $3, $4, $6::timestamptz + make_interval(days => $5))`,
      [link.userId, link.hash, link.organisationId, link.createdById, link.days, link.now],
    );
  }

  /** Ends the account's unused password-reset links. */
  async retireResetLinks(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL`, [userId]);
  }

  async insertResetLink(manager: EntityManager, link: { userId: string; hash: Buffer; minutes: number; now: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)
       VALUES ($1, 'password_reset', $2, $4::timestamptz + make_interval(mins => $3))`,
      [link.userId, link.hash, link.minutes, link.now],
    );
  }

  /** Password-reset links the account received in the last hour (infrastructure time). */
  async countResetLinksLastHour(manager: EntityManager, userId: string): Promise<number> {
    const [{ sent }]: { sent: number }[] = await manager.query(
      `SELECT count(*)::int AS sent FROM user_tokens
        WHERE user_id = $1 AND purpose = 'password_reset' AND created_at > now() - interval '1 hour'`,
      [userId],
    );
    return sent;
  }

  /** What an invitation's page shows; undefined when the link is unknown, expired or spent. */
  async invitationPreview(manager: EntityManager, tokenHash: Buffer, now: Date): Promise<InvitationPreview | undefined> {
    const [row]: InvitationPreview[] = await manager.query(
      `SELECT u.email, u.name, o.name AS "organisationName", m.role, (u.password_hash IS NOT NULL) AS "hasAccount"
         FROM user_tokens t
         JOIN users u ON u.id = t.user_id
         LEFT JOIN organisations o ON o.id = t.organisation_id
         LEFT JOIN memberships m ON m.user_id = t.user_id AND m.organisation_id = t.organisation_id
        WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.expires_at > $2 AND u.active
          -- A link superseded when another one activated the account still leads to "sign in".
          AND (t.used_at IS NULL OR (t.superseded_at IS NOT NULL AND u.password_hash IS NOT NULL))`,
      [tokenHash, now],
    );
    return row;
  }

  /** The usable link with this hash, locked so that two concurrent uses cannot both succeed. */
  async lockUsable(manager: EntityManager, tokenHash: Buffer, purpose: TokenPurpose, now: Date): Promise<{ id: string; userId: string } | undefined> {
    const [token]: { id: string; userId: string }[] = await manager.query(
      `SELECT id, user_id AS "userId" FROM user_tokens
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        FOR UPDATE`,
      [tokenHash, purpose, now],
    );
    return token;
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE user_tokens SET used_at = now() WHERE id = $1', [id]);
  }

  /** The account chose its password: its other invitations no longer work. */
  async supersedeInvitations(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE user_tokens SET used_at = now(), superseded_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL`,
      [userId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { CredentialGrantView, CredentialSummary } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { namesJson } from '../database/sql/fragments/resource-json';

const VIEW = `id, organisation_id AS "organisationId", description, ${namesJson('credentials')} AS names`;
const GRANT_VIEW = `g.id, g.user_id AS "userId", u.name AS "userName", u.email AS "userEmail", g.granted_at AS "grantedAt",
  to_char(g.expires_on, 'YYYY-MM-DD') AS "expiresOn", g.revoked_at AS "revokedAt", g.note`;

/** Credentials an owner requires, and their grants to people. */
@Injectable()
export class CredentialsRepository {
  list(manager: EntityManager, organisationId: string): Promise<CredentialSummary[]> {
    return manager.query(`SELECT ${VIEW} FROM credentials WHERE organisation_id = $1 ORDER BY coalesce(name_fr, name_nl, name_en)`, [organisationId]);
  }

  async insert(manager: EntityManager, organisationId: string, credential: { nameFr: string | null; nameNl: string | null; nameEn: string | null; description: string | null }): Promise<CredentialSummary> {
    const [row] = await manager.query(
      `INSERT INTO credentials (organisation_id, name_fr, name_nl, name_en, description) VALUES ($1, $2, $3, $4, $5) RETURNING ${VIEW}`,
      [organisationId, credential.nameFr, credential.nameNl, credential.nameEn, credential.description],
    );
    return row;
  }

  async owner(manager: EntityManager, credentialId: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT organisation_id FROM credentials WHERE id = $1', [credentialId]);
    return row?.organisation_id;
  }

  async organisationExists(manager: EntityManager, organisationId: string): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    return Boolean(row);
  }

  /** The credential's grants, active ones first, by holder name. */
  grants(manager: EntityManager, credentialId: string): Promise<CredentialGrantView[]> {
    return manager.query(
      `SELECT ${GRANT_VIEW} FROM credential_grants g JOIN users u ON u.id = g.user_id
        WHERE g.credential_id = $1 ORDER BY g.revoked_at NULLS FIRST, u.name`,
      [credentialId],
    );
  }

  /** The active account with this address (lower-cased by the DTO). */
  async activeUserByEmail(manager: EntityManager, email: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT id FROM users WHERE lower(email) = $1 AND active', [email]);
    return row?.id;
  }

  /** Revokes the holder's active grant, if any, and grants anew: a person holds at most one active grant of each. */
  async grant(manager: EntityManager, grant: { credentialId: string; userId: string; grantedById: string; expiresOn: string; note: string | null }): Promise<void> {
    await manager.query('UPDATE credential_grants SET revoked_at = now() WHERE credential_id = $1 AND user_id = $2 AND revoked_at IS NULL', [grant.credentialId, grant.userId]);
    await manager.query(
      'INSERT INTO credential_grants (credential_id, user_id, granted_by_id, expires_on, note) VALUES ($1, $2, $3, $4, $5)',
      [grant.credentialId, grant.userId, grant.grantedById, grant.expiresOn, grant.note],
    );
  }

  /** Revokes one active grant; false when there is none. */
  async revoke(manager: EntityManager, grantId: string, credentialId: string): Promise<boolean> {
    const [, revoked] = await manager.query('UPDATE credential_grants SET revoked_at = now() WHERE id = $1 AND credential_id = $2 AND revoked_at IS NULL', [grantId, credentialId]);
    return revoked > 0;
  }
}

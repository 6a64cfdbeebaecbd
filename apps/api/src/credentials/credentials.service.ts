import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type CredentialGrantView, type CredentialSummary } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { assertManages, type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { CreateCredentialDto, GrantCredentialDto } from './dto/credential.dto';

const VIEW = `id, organisation_id AS "organisationId", description, json_build_object('fr', name_fr, 'nl', name_nl, 'en', name_en) AS names`;
const GRANT_VIEW = `g.id, g.user_id AS "userId", u.name AS "userName", u.email AS "userEmail", g.granted_at AS "grantedAt",
  to_char(g.expires_on, 'YYYY-MM-DD') AS "expiresOn", g.revoked_at AS "revokedAt", g.note`;

/** Safety credentials (machine authorisations) that an owner requires and grants, each with an expiry date. */
@Injectable()
export class CredentialsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string): Promise<CredentialSummary[]> {
    return this.dataSource.query(`SELECT ${VIEW} FROM credentials WHERE organisation_id = $1 ORDER BY coalesce(name_fr, name_nl, name_en)`, [organisationId]);
  }

  async create(user: AuthUser, organisationId: string, dto: CreateCredentialDto): Promise<CredentialSummary> {
    const [organisation] = await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    if (!organisation || !canManage(user, organisationId)) {
      throw new DomainError(organisation && roleIn(user, organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    }
    if (!dto.nameFr && !dto.nameNl && !dto.nameEn) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'nameFr', constraint: 'isNotEmpty', args: [] }] });
    }
    const [row] = await this.dataSource.query(
      `INSERT INTO credentials (organisation_id, name_fr, name_nl, name_en, description) VALUES ($1, $2, $3, $4, $5) RETURNING ${VIEW}`,
      [organisationId, dto.nameFr ?? null, dto.nameNl ?? null, dto.nameEn ?? null, dto.description ?? null],
    );
    return row;
  }

  async grants(user: AuthUser, credentialId: string): Promise<CredentialGrantView[]> {
    await this.assertManages(user, credentialId);
    return this.dataSource.query(
      `SELECT ${GRANT_VIEW} FROM credential_grants g JOIN users u ON u.id = g.user_id
        WHERE g.credential_id = $1 ORDER BY g.revoked_at NULLS FIRST, u.name`,
      [credentialId],
    );
  }

  /** Grants (or renews) the credential; a person holds at most one active grant of each. */
  async grant(user: AuthUser, credentialId: string, dto: GrantCredentialDto): Promise<CredentialGrantView[]> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertManages(user, credentialId, manager);
      const [holder] = await manager.query('SELECT id FROM users WHERE lower(email) = $1 AND active', [dto.email]);
      if (!holder) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'email' } });
      await manager.query('UPDATE credential_grants SET revoked_at = now() WHERE credential_id = $1 AND user_id = $2 AND revoked_at IS NULL', [credentialId, holder.id]);
      await manager.query(
        'INSERT INTO credential_grants (credential_id, user_id, granted_by_id, expires_on, note) VALUES ($1, $2, $3, $4, $5)',
        [credentialId, holder.id, user.id, dto.expiresOn, dto.note ?? null],
      );
    });
    return this.grants(user, credentialId);
  }

  async revoke(user: AuthUser, credentialId: string, grantId: string): Promise<void> {
    await this.assertManages(user, credentialId);
    const [, revoked] = await this.dataSource.query(
      'UPDATE credential_grants SET revoked_at = now() WHERE id = $1 AND credential_id = $2 AND revoked_at IS NULL',
      [grantId, credentialId],
    );
    if (revoked === 0) throw new DomainError(ErrorCode.NotFound);
  }

  private async assertManages(user: AuthUser, credentialId: string, manager = this.dataSource.manager): Promise<void> {
    const [credential] = await manager.query('SELECT organisation_id FROM credentials WHERE id = $1', [credentialId]);
    if (!credential) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, credential.organisation_id);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type CredentialGrantView, type CredentialSummary } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { assertManages, type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { CredentialsRepository } from './credentials.repository';
import { CreateCredentialDto, GrantCredentialDto } from './dto/credential.dto';

/** Safety credentials (machine authorisations) that an owner requires and grants, each with an expiry date. */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsRepository,
  ) {}

  list(organisationId: string): Promise<CredentialSummary[]> {
    return this.credentials.list(this.dataSource.manager, organisationId);
  }

  async create(user: AuthUser, organisationId: string, dto: CreateCredentialDto): Promise<CredentialSummary> {
    const organisation = await this.credentials.organisationExists(this.dataSource.manager, organisationId);
    if (!organisation || !canManage(user, organisationId)) {
      throw new DomainError(organisation && roleIn(user, organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    }
    if (!dto.nameFr && !dto.nameNl && !dto.nameEn) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'nameFr', constraint: 'isNotEmpty', args: [] }] });
    }
    return this.credentials.insert(this.dataSource.manager, organisationId, {
      nameFr: dto.nameFr ?? null, nameNl: dto.nameNl ?? null, nameEn: dto.nameEn ?? null, description: dto.description ?? null,
    });
  }

  async grants(user: AuthUser, credentialId: string): Promise<CredentialGrantView[]> {
    await this.assertManages(user, credentialId);
    return this.credentials.grants(this.dataSource.manager, credentialId);
  }

  /** Grants (or renews) the credential; a person holds at most one active grant of each. */
  async grant(user: AuthUser, credentialId: string, dto: GrantCredentialDto): Promise<CredentialGrantView[]> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertManages(user, credentialId, manager);
      const holderId = await this.credentials.activeUserByEmail(manager, dto.email);
      if (!holderId) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'email' } });
      await this.credentials.grant(manager, { credentialId, userId: holderId, grantedById: user.id, expiresOn: dto.expiresOn, note: dto.note ?? null });
    });
    return this.grants(user, credentialId);
  }

  async revoke(user: AuthUser, credentialId: string, grantId: string): Promise<void> {
    await this.assertManages(user, credentialId);
    if (!(await this.credentials.revoke(this.dataSource.manager, grantId, credentialId))) throw new DomainError(ErrorCode.NotFound);
  }

  private async assertManages(user: AuthUser, credentialId: string, manager = this.dataSource.manager): Promise<void> {
    const owner = await this.credentials.owner(manager, credentialId);
    if (!owner) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, owner);
  }
}

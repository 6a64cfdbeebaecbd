import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, type Locale, type MemberSummary, type OrganisationDetail, type OrganisationSummary, type Page,
} from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, requireCoordinator, roleIn } from '../auth/auth-user';
import { AccountLinksService } from '../auth/account-links.service';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import {
  ChangeRoleDto, CreateOrganisationDto, InviteMemberDto, ListOrganisationsQuery, normalisedRegistration, UpdateOrganisationDto,
} from './dto/organisation.dto';

const SUMMARY_COLUMNS = `o.id, o.kind, o.name, o.country, o.city,
  (SELECT count(*)::int FROM memberships m WHERE m.organisation_id = o.id) AS "memberCount"`;

const EDITABLE: (keyof CreateOrganisationDto)[] = [
  'kind', 'name', 'country', 'address', 'postcode', 'city', 'latitude', 'longitude', 'registrationNumber', 'contactEmail', 'contactPhone', 'website',
];
const COLUMN: Record<string, string> = {
  registrationNumber: 'registration_number', contactEmail: 'contact_email', contactPhone: 'contact_phone',
};

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: MailerService,
    private readonly links: AccountLinksService,
  ) {}

  /** The directory: every signed-in person sees which organisations take part (no people in it). */
  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.search?.trim()) {
      params.push(query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`));
      where.push(`unaccent(lower(o.name || ' ' || coalesce(o.city, ''))) LIKE '%' || unaccent(lower($${params.length})) || '%'`);
    }
    if (query.kind) where.push(`o.kind = $${params.push(query.kind)}`);
    if (query.country) where.push(`o.country = $${params.push(query.country)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (OrganisationSummary & { total: number })[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, count(*) OVER ()::int AS total FROM organisations o ${filter}
        ORDER BY o.name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0, limit: query.limit, offset: query.offset };
  }

  async get(user: AuthUser, id: string): Promise<OrganisationDetail> {
    const [row] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, o.address, o.postcode, o.latitude, o.longitude, o.registration_number AS "registrationNumber",
              o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone", o.website, o.logo_path AS "logoPath",
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                          FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id WHERE cm.organisation_id = o.id), '[]') AS clusters
         FROM organisations o WHERE o.id = $1`,
      [id],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const myRole = roleIn(user, id) ?? null;
    return { ...row, myRole, canManage: user.isCoordinator || myRole === 'manager' };
  }

  async create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationDetail> {
    requireCoordinator(user);
    const columns = EDITABLE.filter((key) => dto[key] !== undefined);
    const values = columns.map((key) => (key === 'registrationNumber' ? normalisedRegistration(dto) : dto[key]));
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO organisations (${columns.map((c) => COLUMN[c] ?? c).join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDetail> {
    await this.assertCanManage(this.dataSource.manager, user, id);
    const columns = EDITABLE.filter((key) => dto[key] !== undefined);
    if (columns.length > 0) {
      const values = columns.map((key) => (key === 'registrationNumber' ? normalisedRegistration(dto) : dto[key]));
      await this.dataSource.query(
        `UPDATE organisations SET ${columns.map((c, i) => `${COLUMN[c] ?? c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [id, ...values],
      );
    }
    return this.get(user, id);
  }

  async members(user: AuthUser, id: string): Promise<MemberSummary[]> {
    await this.assertCanSeeMembers(user, id);
    return this.dataSource.query(
      `SELECT u.id AS "userId", u.name, u.email, m.role, (u.password_hash IS NULL) AS "invitationPending", m.created_at AS since
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ORDER BY m.role, u.name`,
      [id],
    );
  }

  /**
   * Adds a person to the organisation. A new address gets an account and a single-use invitation
   * link; an existing account is added and told so.
   */
  async invite(user: AuthUser, organisationId: string, dto: InviteMemberDto): Promise<MemberSummary[]> {
    await this.dataSource.transaction(async (manager) => {
      const organisation = await this.assertCanManage(manager, user, organisationId);
      let [invitee]: { id: string; name: string; email: string; locale: Locale; has_password: boolean }[] = await manager.query(
        'SELECT id, name, email, locale, password_hash IS NOT NULL AS has_password FROM users WHERE lower(email) = $1',
        [dto.email],
      );
      if (!invitee) {
        [invitee] = await manager.query(
          `INSERT INTO users (email, name, locale) VALUES ($1, $2, $3) RETURNING id, name, email, locale, false AS has_password`,
          [dto.email, dto.name, user.locale],
        );
      }
      const inserted = await manager.query(
        `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
        [invitee.id, organisationId, dto.role],
      );
      if (inserted.length === 0) throw new DomainError(ErrorCode.AlreadyMember);

      if (invitee.has_password) {
        await this.mailer.queue(manager, invitee, {
          kind: 'added_to_organisation',
          params: { name: invitee.name, organisationName: organisation.name, inviterName: user.name, link: `${this.config.publicUrl}/login` },
        });
        return;
      }
      await this.links.invite(manager, invitee, {
        kind: 'organisation', organisationId, organisationName: organisation.name, inviter: { id: user.id, name: user.name },
      });
    });
    return this.members(user, organisationId);
  }

  async changeRole(user: AuthUser, organisationId: string, memberId: string, dto: ChangeRoleDto): Promise<MemberSummary[]> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertCanManage(manager, user, organisationId, { lock: true });
      const [, changed] = await manager.query(
        'UPDATE memberships SET role = $3 WHERE organisation_id = $1 AND user_id = $2',
        [organisationId, memberId, dto.role],
      );
      if (changed === 0) throw new DomainError(ErrorCode.NotFound);
      await this.assertKeepsAManager(manager, organisationId);
    });
    return this.members(user, organisationId);
  }

  async removeMember(user: AuthUser, organisationId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertCanManage(manager, user, organisationId, { lock: true });
      const [, removed] = await manager.query('DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2', [organisationId, memberId]);
      if (removed === 0) throw new DomainError(ErrorCode.NotFound);
      await this.assertKeepsAManager(manager, organisationId);
    });
  }

  /** The organisation row (locked when asked, so that concurrent role changes serialise). */
  private async assertCanManage(manager: EntityManager, user: AuthUser, id: string, options: { lock?: boolean } = {}): Promise<{ name: string }> {
    const [organisation]: { name: string }[] = await manager.query(
      `SELECT name FROM organisations WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!organisation) throw new DomainError(ErrorCode.NotFound);
    const role = roleIn(user, id);
    if (user.isCoordinator || role === 'manager') return organisation;
    throw new DomainError(role ? ErrorCode.Forbidden : ErrorCode.NotFound);
  }

  private async assertCanSeeMembers(user: AuthUser, id: string): Promise<void> {
    if (user.isCoordinator || roleIn(user, id)) {
      const [exists] = await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1', [id]);
      if (exists) return;
    }
    throw new DomainError(ErrorCode.NotFound);
  }

  /** A coordinator may leave an organisation without manager (it is being set up); managers may not. */
  private async assertKeepsAManager(manager: EntityManager, organisationId: string): Promise<void> {
    const [{ managers, members }] = await manager.query(
      `SELECT count(*) FILTER (WHERE role = 'manager')::int AS managers, count(*)::int AS members FROM memberships WHERE organisation_id = $1`,
      [organisationId],
    );
    if (managers === 0 && members > 0) throw new DomainError(ErrorCode.LastManager);
  }
}

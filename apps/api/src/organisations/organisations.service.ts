import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, type MemberSummary, type OrganisationDetail, type OrganisationSummary, type Page,
} from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, requireCoordinator, roleIn } from '../auth/auth-user';
import { AccountLinksService } from '../auth/account-links.service';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailerService } from '../notifications/mailer.service';
import { UsersRepository } from '../users/users.repository';
import {
  ChangeRoleDto, CreateOrganisationDto, InviteMemberDto, ListOrganisationsQuery, normalisedRegistration, UpdateOrganisationDto,
} from './dto/organisation.dto';
import { type OrganisationColumns, OrganisationsRepository } from './organisations.repository';

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
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
  ) {}

  /** The directory: every signed-in person sees which organisations take part (no people in it). */
  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationSummary>> {
    const { rows, total } = await this.organisations.page(
      this.dataSource.manager,
      { search: query.search?.trim() || undefined, kind: query.kind, country: query.country },
      query.limit,
      query.offset,
    );
    return { items: rows, total, limit: query.limit, offset: query.offset };
  }

  async get(user: AuthUser, id: string): Promise<OrganisationDetail> {
    const row = await this.organisations.detail(this.dataSource.manager, id);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const myRole = roleIn(user, id) ?? null;
    return { ...row, myRole, canManage: user.isCoordinator || myRole === 'manager' };
  }

  async create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationDetail> {
    requireCoordinator(user);
    const id = await this.organisations.insert(this.dataSource.manager, columnsOf(dto));
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDetail> {
    await this.assertCanManage(this.dataSource.manager, user, id);
    const columns = columnsOf(dto);
    if (Object.keys(columns).length > 0) await this.organisations.update(this.dataSource.manager, id, columns);
    return this.get(user, id);
  }

  async members(user: AuthUser, id: string): Promise<MemberSummary[]> {
    await this.assertCanSeeMembers(user, id);
    return this.organisations.members(this.dataSource.manager, id);
  }

  /**
   * Adds a person to the organisation. A new address gets an account and a single-use invitation
   * link; an existing account is added and told so.
   */
  async invite(user: AuthUser, organisationId: string, dto: InviteMemberDto): Promise<MemberSummary[]> {
    await this.dataSource.transaction(async (manager) => {
      const organisation = await this.assertCanManage(manager, user, organisationId);
      const invitee =
        (await this.users.findContact(manager, dto.email)) ?? (await this.users.insertInvitee(manager, { email: dto.email, name: dto.name, locale: user.locale }));
      if (!(await this.organisations.addMember(manager, organisationId, invitee.id, dto.role))) throw new DomainError(ErrorCode.AlreadyMember);

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
      if (!(await this.organisations.setRole(manager, organisationId, memberId, dto.role))) throw new DomainError(ErrorCode.NotFound);
      await this.assertKeepsAManager(manager, organisationId);
    });
    return this.members(user, organisationId);
  }

  async removeMember(user: AuthUser, organisationId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertCanManage(manager, user, organisationId, { lock: true });
      if (!(await this.organisations.removeMember(manager, organisationId, memberId))) throw new DomainError(ErrorCode.NotFound);
      await this.assertKeepsAManager(manager, organisationId);
    });
  }

  /** The organisation row (locked when asked, so that concurrent role changes serialise). */
  private async assertCanManage(manager: EntityManager, user: AuthUser, id: string, options: { lock?: boolean } = {}): Promise<{ name: string }> {
    const name = await this.organisations.name(manager, id, options);
    if (name === undefined) throw new DomainError(ErrorCode.NotFound);
    const role = roleIn(user, id);
    if (user.isCoordinator || role === 'manager') return { name };
    throw new DomainError(role ? ErrorCode.Forbidden : ErrorCode.NotFound);
  }

  private async assertCanSeeMembers(user: AuthUser, id: string): Promise<void> {
    if (user.isCoordinator || roleIn(user, id)) {
      if (await this.organisations.exists(this.dataSource.manager, id)) return;
    }
    throw new DomainError(ErrorCode.NotFound);
  }

  /** A coordinator may leave an organisation without manager (it is being set up); managers may not. */
  private async assertKeepsAManager(manager: EntityManager, organisationId: string): Promise<void> {
    const { managers, members } = await this.organisations.countMembers(manager, organisationId);
    if (managers === 0 && members > 0) throw new DomainError(ErrorCode.LastManager);
  }
}

/** The fields the request gives, as columns of `organisations`. */
function columnsOf(dto: UpdateOrganisationDto): OrganisationColumns {
  return Object.fromEntries(
    EDITABLE.filter((key) => dto[key] !== undefined).map((key) => [COLUMN[key] ?? key, key === 'registrationNumber' ? normalisedRegistration(dto) : dto[key]]),
  );
}

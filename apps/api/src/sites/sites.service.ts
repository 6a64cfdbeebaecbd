import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_BOOKING_RULES, ErrorCode, type BookingRules, type SiteSummary } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { assertManages, type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingRulesDto } from '../resources/dto/rules.dto';
import { assertValidRules } from '../resources/resources.service';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { SITE_COLUMNS, SitesRepository } from './sites.repository';

/** The DTO's fields that have a column, as given. */
function siteValues(dto: UpdateSiteDto): Record<string, unknown> {
  return Object.fromEntries(Object.keys(SITE_COLUMNS).filter((key) => dto[key as keyof UpdateSiteDto] !== undefined).map((key) => [key, dto[key as keyof UpdateSiteDto]]));
}

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
  ) {}

  list(organisationId: string): Promise<SiteSummary[]> {
    return this.sites.list(this.dataSource.manager, organisationId);
  }

  async create(user: AuthUser, organisationId: string, dto: CreateSiteDto): Promise<SiteSummary> {
    await this.assertManagesOrganisation(user, organisationId);
    return this.sites.insert(this.dataSource.manager, organisationId, siteValues(dto));
  }

  async update(user: AuthUser, id: string, dto: UpdateSiteDto): Promise<SiteSummary> {
    await this.assertManagesSite(user, id);
    return this.sites.update(this.dataSource.manager, id, siteValues(dto));
  }

  /** The rules new items of this site start from (site defaults over organisation defaults over the platform's). */
  async effectiveDefaults(id: string): Promise<BookingRules> {
    const row = await this.sites.defaults(this.dataSource.manager, id);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    return { ...DEFAULT_BOOKING_RULES, ...(row.organisation ?? {}), ...(row.site ?? {}) };
  }

  async setDefaults(user: AuthUser, scope: 'site' | 'organisation', id: string, rules: BookingRulesDto): Promise<BookingRules> {
    assertValidRules(rules, '');
    if (scope === 'site') await this.assertManagesSite(user, id);
    else await this.assertManagesOrganisation(user, id);
    const { allowedOrganisationIds: _ignored, ...stored } = rules;
    await this.sites.setDefaults(this.dataSource.manager, scope, id, stored);
    return { ...DEFAULT_BOOKING_RULES, ...stored };
  }

  private async assertManagesOrganisation(user: AuthUser, organisationId: string): Promise<void> {
    const exists = await this.sites.organisationExists(this.dataSource.manager, organisationId);
    if (exists && canManage(user, organisationId)) return;
    throw new DomainError(exists && roleIn(user, organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
  }

  private async assertManagesSite(user: AuthUser, id: string): Promise<void> {
    const owner = await this.sites.owner(this.dataSource.manager, id);
    if (!owner) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, owner);
  }
}

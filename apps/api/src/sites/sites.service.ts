import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_BOOKING_RULES, ErrorCode, type BookingRules, type SiteSummary } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { assertManages, type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { BookingRulesDto } from '../resources/dto/rules.dto';
import { assertValidRules } from '../resources/resources.service';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';

const VIEW = `id, organisation_id AS "organisationId", name, address, postcode, city, country, region, latitude, longitude, time_zone AS "timeZone"`;
const COLUMNS: Record<string, string> = {
  name: 'name', address: 'address', postcode: 'postcode', city: 'city', country: 'country', region: 'region',
  latitude: 'latitude', longitude: 'longitude', timeZone: 'time_zone',
};

@Injectable()
export class SitesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string): Promise<SiteSummary[]> {
    return this.dataSource.query(`SELECT ${VIEW} FROM sites WHERE organisation_id = $1 ORDER BY name`, [organisationId]);
  }

  async create(user: AuthUser, organisationId: string, dto: CreateSiteDto): Promise<SiteSummary> {
    await this.assertManagesOrganisation(user, organisationId);
    const keys = Object.keys(COLUMNS).filter((key) => dto[key as keyof CreateSiteDto] !== undefined);
    const [row] = await this.dataSource.query(
      `INSERT INTO sites (organisation_id, ${keys.map((k) => COLUMNS[k]).join(', ')})
       VALUES ($1, ${keys.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING ${VIEW}`,
      [organisationId, ...keys.map((k) => dto[k as keyof CreateSiteDto])],
    );
    return row;
  }

  async update(user: AuthUser, id: string, dto: UpdateSiteDto): Promise<SiteSummary> {
    await this.assertManagesSite(user, id);
    const keys = Object.keys(COLUMNS).filter((key) => dto[key as keyof UpdateSiteDto] !== undefined);
    const [rows] = await this.dataSource.query(
      `UPDATE sites SET ${[...keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${VIEW}`,
      [id, ...keys.map((k) => dto[k as keyof UpdateSiteDto])],
    );
    return rows[0];
  }

  /** The rules new items of this site start from (site defaults over organisation defaults over the platform's). */
  async effectiveDefaults(id: string): Promise<BookingRules> {
    const [row] = await this.dataSource.query(
      'SELECT s.default_rules AS site, o.default_rules AS organisation FROM sites s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1',
      [id],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound);
    return { ...DEFAULT_BOOKING_RULES, ...(row.organisation ?? {}), ...(row.site ?? {}) };
  }

  async setDefaults(user: AuthUser, scope: 'site' | 'organisation', id: string, rules: BookingRulesDto): Promise<BookingRules> {
    assertValidRules(rules, '');
    if (scope === 'site') await this.assertManagesSite(user, id);
    else await this.assertManagesOrganisation(user, id);
    const { allowedOrganisationIds: _ignored, ...stored } = rules;
    await this.dataSource.query(`UPDATE ${scope === 'site' ? 'sites' : 'organisations'} SET default_rules = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(stored)]);
    return { ...DEFAULT_BOOKING_RULES, ...stored };
  }

  private async assertManagesOrganisation(user: AuthUser, organisationId: string): Promise<void> {
    const [exists] = await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    if (exists && canManage(user, organisationId)) return;
    throw new DomainError(exists && roleIn(user, organisationId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
  }

  private async assertManagesSite(user: AuthUser, id: string): Promise<void> {
    const [site] = await this.dataSource.query('SELECT organisation_id FROM sites WHERE id = $1', [id]);
    if (!site) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, site.organisation_id);
  }
}

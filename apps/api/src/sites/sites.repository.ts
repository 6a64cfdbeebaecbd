import { Injectable } from '@nestjs/common';
import type { BookingRules, SiteSummary } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

const VIEW = `id, organisation_id AS "organisationId", name, address, postcode, city, country, region, latitude, longitude, time_zone AS "timeZone"`;

/** Columns of sites, keyed by DTO field. */
export const SITE_COLUMNS: Record<string, string> = {
  name: 'name', address: 'address', postcode: 'postcode', city: 'city', country: 'country', region: 'region',
  latitude: 'latitude', longitude: 'longitude', timeZone: 'time_zone',
};

/** Sites, their default rules and their organisations' (`default_rules`: partial BookingRules). */
@Injectable()
export class SitesRepository {
  list(manager: EntityManager, organisationId: string): Promise<SiteSummary[]> {
    return manager.query(`SELECT ${VIEW} FROM sites WHERE organisation_id = $1 ORDER BY name`, [organisationId]);
  }

  /** `values` keyed by SITE_COLUMNS' keys. */
  async insert(manager: EntityManager, organisationId: string, values: Record<string, unknown>): Promise<SiteSummary> {
    const keys = Object.keys(values);
    const [row] = await manager.query(
      `INSERT INTO sites (organisation_id, ${keys.map((k) => SITE_COLUMNS[k]).join(', ')})
       VALUES ($1, ${keys.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING ${VIEW}`,
      [organisationId, ...keys.map((k) => values[k])],
    );
    return row;
  }

  /** `values` keyed by SITE_COLUMNS' keys. */
  async update(manager: EntityManager, id: string, values: Record<string, unknown>): Promise<SiteSummary> {
    const keys = Object.keys(values);
    const [rows] = await manager.query(
      `UPDATE sites SET ${[...keys.map((k, i) => `${SITE_COLUMNS[k]} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${VIEW}`,
      [id, ...keys.map((k) => values[k])],
    );
    return rows[0];
  }

  /** The site's and its organisation's stored defaults; undefined when there is no such site. */
  async defaults(manager: EntityManager, siteId: string): Promise<{ site: Partial<BookingRules> | null; organisation: Partial<BookingRules> | null } | undefined> {
    const [row] = await manager.query(
      'SELECT s.default_rules AS site, o.default_rules AS organisation FROM sites s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1',
      [siteId],
    );
    return row;
  }

  async setDefaults(manager: EntityManager, scope: 'site' | 'organisation', id: string, rules: object): Promise<void> {
    await manager.query(`UPDATE ${scope === 'site' ? 'sites' : 'organisations'} SET default_rules = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(rules)]);
  }

  async owner(manager: EntityManager, siteId: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT organisation_id FROM sites WHERE id = $1', [siteId]);
    return row?.organisation_id;
  }

  async zone(manager: EntityManager, siteId: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT time_zone FROM sites WHERE id = $1', [siteId]);
    return row?.time_zone;
  }

  async organisationExists(manager: EntityManager, organisationId: string): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    return Boolean(row);
  }
}

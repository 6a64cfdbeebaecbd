import { Injectable } from '@nestjs/common';
import type { ResourceDetail, ResourceStatus } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { bookingRulesJson, closuresJson, namesJson, resourceOccupationsJson, siteJson } from '../database/sql/fragments/resource-json';

/** Columns of resources that hold the rules, keyed by BookingRules field. */
export const RULE_COLUMNS = {
  openingHours: 'opening_hours',
  slotMinutes: 'slot_minutes',
  minDurationMinutes: 'min_duration_minutes',
  maxDurationMinutes: 'max_duration_minutes',
  leadTimeMinutes: 'lead_time_minutes',
  horizonDays: 'horizon_days',
  bufferBeforeMinutes: 'buffer_before_minutes',
  bufferAfterMinutes: 'buffer_after_minutes',
  approvalMode: 'approval_mode',
  quotaWeekMinutes: 'quota_week_minutes',
  quotaMonthMinutes: 'quota_month_minutes',
  accessPolicy: 'access_policy',
  cancelCutoffHours: 'cancel_cutoff_hours',
} as const;

/** Columns of resources that an update sets as given, keyed by DTO field. */
export const SCALAR_COLUMNS: Record<string, string> = {
  siteId: 'site_id', kind: 'kind', nameFr: 'name_fr', nameNl: 'name_nl', nameEn: 'name_en',
  descriptionFr: 'description_fr', descriptionNl: 'description_nl', descriptionEn: 'description_en',
  capacity: 'capacity', sector: 'sector', status: 'status', withOperator: 'with_operator', costModel: 'cost_model',
  hourlyRate: 'hourly_rate', costNote: 'cost_note', skills: 'skills', requiredCredentialId: 'required_credential_id',
  availableFrom: 'available_from',
  checkinMarginMinutes: 'checkin_margin_minutes', autoReleaseMinutes: 'auto_release_minutes',
};

/** The lists of an item stored as link tables: table and column of the linked id. */
export const LINK_TABLES = {
  occupations: ['resource_occupations', 'occupation_id'],
  clusters: ['resource_clusters', 'cluster_id'],
  allowedOrganisations: ['resource_allowed_organisations', 'organisation_id'],
} as const;

/** The item page (ResourceDetail without the caller's canManage). */
export type ResourceRow = Omit<ResourceDetail, 'canManage'>;

/** The equipment catalogue's writes and its item page; the search has its own query (ResourceSearchService). */
@Injectable()
export class ResourcesRepository {
  async detail(manager: EntityManager, id: string): Promise<ResourceRow | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, json_build_object('id', o.id, 'name', o.name, 'country', o.country) AS organisation, ${siteJson('s')} AS site,
              r.kind, ${namesJson('r')} AS names,
              json_build_object('fr', r.description_fr, 'nl', r.description_nl, 'en', r.description_en) AS descriptions,
              r.capacity, r.sector, r.status, r.with_operator AS "withOperator", r.cost_model AS "costModel",
              r.hourly_rate::float8 AS "hourlyRate", r.cost_note AS "costNote", r.skills, ${resourceOccupationsJson('r')} AS occupations,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                          FROM resource_clusters rc JOIN clusters c ON c.id = rc.cluster_id WHERE rc.resource_id = r.id), '[]') AS clusters,
              (SELECT json_build_object('id', cr.id, 'organisationId', cr.organisation_id, 'description', cr.description,
                                        'names', ${namesJson('cr')})
                 FROM credentials cr WHERE cr.id = r.required_credential_id) AS "requiredCredential",
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'url', '/api/photos/' || p.id, 'altText', p.alt_text) ORDER BY p.position, p.created_at)
                          FROM resource_photos p WHERE p.resource_id = r.id), '[]') AS photos,
              coalesce((SELECT json_agg(json_build_object('kind', l.kind, 'label', l.label, 'url', l.url) ORDER BY l.position)
                          FROM resource_links l WHERE l.resource_id = r.id), '[]') AS links,
              ${bookingRulesJson('r')} AS rules, ${closuresJson('r')} AS closures, to_char(r.available_from, 'YYYY-MM-DD') AS "availableFrom",
              (SELECT json_agg(json_build_object('status', p.status, 'from', lower(p.during), 'to', upper(p.during)) ORDER BY lower(p.during) NULLS FIRST)
                 FROM resource_status_periods p WHERE p.resource_id = r.id) AS "statusHistory",
              r.checkin_margin_minutes AS "checkinMarginMinutes", r.auto_release_minutes AS "autoReleaseMinutes"
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
        WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** A new item with its opening hours and first day (the history trigger records those as in force since always). */
  async insert(
    manager: EntityManager,
    item: { organisationId: string; siteId: string; kind: string; capacity: number; nameFr: string | null; nameNl: string | null; nameEn: string | null; openingHours: unknown; availableFrom: string | null },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO resources (organisation_id, site_id, kind, capacity, name_fr, name_nl, name_en, opening_hours, available_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [item.organisationId, item.siteId, item.kind, item.capacity, item.nameFr, item.nameNl, item.nameEn, JSON.stringify(item.openingHours ?? []), item.availableFrom],
    );
    return id;
  }

  /** Sets the given columns (names from SCALAR_COLUMNS and RULE_COLUMNS only, never from input). */
  async update(manager: EntityManager, id: string, assignments: [string, unknown][]): Promise<void> {
    await manager.query(
      `UPDATE resources SET ${assignments.map(([column], i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...assignments.map(([, value]) => value)],
    );
  }

  /** Replaces one of the item's link lists. */
  async replaceLinks(manager: EntityManager, id: string, list: keyof typeof LINK_TABLES, ids: string[]): Promise<void> {
    const [table, column] = LINK_TABLES[list];
    await manager.query(`DELETE FROM ${table} WHERE resource_id = $1`, [id]);
    await manager.query(`INSERT INTO ${table} (resource_id, ${column}) SELECT $1, unnest($2::uuid[])`, [id, [...new Set(ids)]]);
  }

  /** Replaces the item's web links, in the order given. */
  async replaceWebLinks(manager: EntityManager, id: string, links: { kind: string; label: string; url: string }[]): Promise<void> {
    await manager.query('DELETE FROM resource_links WHERE resource_id = $1', [id]);
    for (const [position, link] of links.entries()) {
      await manager.query('INSERT INTO resource_links (resource_id, kind, label, url, position) VALUES ($1, $2, $3, $4, $5)', [id, link.kind, link.label, link.url, position]);
    }
  }

  async siteOf(manager: EntityManager, id: string): Promise<string> {
    const [{ site_id: siteId }] = await manager.query('SELECT site_id FROM resources WHERE id = $1', [id]);
    return siteId;
  }

  /** The item's first name in FR, NL, EN order; null when it has none. */
  async displayName(manager: EntityManager, id: string): Promise<string | null> {
    const [row] = await manager.query('SELECT coalesce(name_fr, name_nl, name_en) AS name FROM resources WHERE id = $1', [id]);
    return row.name;
  }

  /** The item's owner, its row locked (`lock`) or not; undefined when there is no such item. */
  async owner(manager: EntityManager, id: string, lock: boolean): Promise<string | undefined> {
    const [row] = await manager.query(`SELECT organisation_id FROM resources WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row?.organisation_id;
  }

  async lockStatus(manager: EntityManager, id: string): Promise<ResourceStatus> {
    const [row] = await manager.query('SELECT status FROM resources WHERE id = $1 FOR UPDATE', [id]);
    return row.status;
  }

  /** The new status and its event in the item's history. */
  async setStatus(manager: EntityManager, id: string, status: ResourceStatus, actorId: string, details: object): Promise<void> {
    await manager.query('UPDATE resources SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
    await manager.query('INSERT INTO resource_events (resource_id, actor_id, action, details) VALUES ($1, $2, $3, $4)', [id, actorId, 'status_changed', JSON.stringify(details)]);
  }

  /** The ids of the item (`resource`) or of every item of the site (`site`). */
  async itemIds(manager: EntityManager, scope: 'resource' | 'site', id: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM resources WHERE ${scope === 'resource' ? 'id' : 'site_id'} = $1`, [id]);
    return rows.map((row) => row.id);
  }

  /** How many of the clusters have the organisation as a member. */
  async memberClusterCount(manager: EntityManager, organisationId: string, clusterIds: string[]): Promise<number> {
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM cluster_members WHERE organisation_id = $1 AND cluster_id = ANY($2::uuid[])', [organisationId, clusterIds]);
    return n;
  }

  async credentialBelongsTo(manager: EntityManager, credentialId: string, organisationId: string): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM credentials WHERE id = $1 AND organisation_id = $2', [credentialId, organisationId]);
    return Boolean(row);
  }

  /** Items to print labels for, by site then name: one item, or an owner's items not retired (of one site, when given). */
  labelItems(
    manager: EntityManager,
    which: { resourceId: string } | { organisationId: string; siteId: string | null },
  ): Promise<{ id: string; organisationId: string; fr: string | null; nl: string | null; en: string | null; ownerName: string; siteName: string }[]> {
    const [where, values] = 'resourceId' in which
      ? ['r.id = $1', [which.resourceId]]
      : [`r.organisation_id = $1 AND r.status <> 'retired' AND ($2::uuid IS NULL OR r.site_id = $2)`, [which.organisationId, which.siteId]];
    return manager.query(
      `SELECT r.id, r.organisation_id AS "organisationId", r.name_fr AS fr, r.name_nl AS nl, r.name_en AS en, o.name AS "ownerName", s.name AS "siteName"
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
        WHERE ${where} ORDER BY s.name, coalesce(r.name_fr, r.name_nl, r.name_en), r.id`,
      values,
    );
  }
}

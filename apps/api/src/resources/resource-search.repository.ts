import { Injectable } from '@nestjs/common';
import type { BookingRules, Closure, ResourceCard } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';
import { closuresJson, namesJson, resourceOccupationsJson } from '../database/sql/fragments/resource-json';
import { HOLDING_STATUSES } from '../database/sql/fragments/booking-status';
import { distanceKm } from '../database/sql/fragments/distance';

/** What a catalogue page asks for, validated and resolved by ResourceSearchService. */
export interface CatalogueQuery {
  /** Retired items too, for those who manage them (`'all'`: coordinators; else the organisations managed). */
  includeInactive: boolean;
  retiredVisibleTo: 'all' | string[];
  /** The search's words joined by spaces, and its tsquery (searchTsquery). */
  text?: { words: string; tsquery: string };
  occupationId?: string;
  clusterId?: string;
  sector?: string;
  kind?: string;
  organisationId?: string;
  country?: string;
  place?: { latitude: number; longitude: number };
  radiusKm?: number;
  /** Open and unbooked for the whole window. */
  freeWindow?: { from: Date; to: Date };
  sort: 'relevance' | 'distance' | 'name';
  /** The range whose busy time each card carries (for its next free slot). */
  busy: { from: Date; to: Date };
  limit: number;
  offset: number;
}

export type CatalogueRow = ResourceCard & {
  total: number;
  rules: Pick<BookingRules, 'openingHours' | 'minDurationMinutes' | 'slotMinutes' | 'leadTimeMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;
  closures: Closure[];
  busy: [string, string][];
};

/** The languages of resources.search_document (resource-search.v1.sql.ts) besides `simple`. */
const STEMMED_CONFIGS = ['french', 'dutch', 'english'] as const;

const NAMES_TEXT = `f_unaccent(lower(coalesce(r.name_fr, '') || ' ' || coalesce(r.name_nl, '') || ' ' || coalesce(r.name_en, '')))`;

/** Labels of an item's occupations in the three languages, for typos (trigram similarity). */
const OCCUPATIONS_TEXT = `(SELECT f_unaccent(lower(string_agg(oc.label_fr || ' ' || oc.label_nl || ' ' || oc.label_en, ' ')))
    FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = r.id)`;

/** The catalogue's one query per page, and the stems its text search needs. */
@Injectable()
export class ResourceSearchRepository {
  /** Each word's stems in the three languages, as plainto_tsquery writes them. */
  async stems(manager: EntityManager, words: string[]): Promise<{ word: string; stems: string[] }[]> {
    return manager.query(
      `SELECT w AS word, ARRAY[${STEMMED_CONFIGS.map((config) => `plainto_tsquery('${config}', w)::text`).join(', ')}] AS stems FROM unnest($1::text[]) AS w`,
      [words],
    );
  }

  /** One page: filters, text relevance, distance, each card's data including its busy ranges. */
  search(manager: EntityManager, query: CatalogueQuery): Promise<CatalogueRow[]> {
    const params = new SqlParams();
    const param = (value: unknown) => params.add(value);
    const retiredVisible = () => (query.retiredVisibleTo === 'all' ? 'true' : `r.organisation_id = ANY(${param(query.retiredVisibleTo)}::uuid[])`);
    const where: string[] = [query.includeInactive ? `(r.status <> 'retired' OR ${retiredVisible()})` : `r.status = 'active'`];

    let rank = '0::real';
    if (query.text) {
      const text = param(query.text.words);
      const ts = `to_tsquery('simple', ${param(query.text.tsquery)})`;
      // Typos: close enough to a word of the names (trigram index) or of the occupations' labels.
      where.push(`(r.search_document @@ ${ts} OR ${text} <% ${NAMES_TEXT} OR ${text} <% ${OCCUPATIONS_TEXT})`);
      rank = `(ts_rank_cd(r.search_document, ${ts}) + word_similarity(${text}, ${NAMES_TEXT}))`;
    }
    if (query.occupationId) where.push(`EXISTS (SELECT 1 FROM resource_occupations x WHERE x.resource_id = r.id AND x.occupation_id = ${param(query.occupationId)})`);
    if (query.clusterId) where.push(`EXISTS (SELECT 1 FROM resource_clusters x WHERE x.resource_id = r.id AND x.cluster_id = ${param(query.clusterId)})`);
    if (query.sector) where.push(`r.sector = ${param(query.sector)}`);
    if (query.kind) where.push(`r.kind = ${param(query.kind)}`);
    if (query.organisationId) where.push(`r.organisation_id = ${param(query.organisationId)}`);
    if (query.country) where.push(`s.country = ${param(query.country)}`);

    let distance = 'NULL::float8';
    if (query.place) {
      distance = distanceKm('s', param(query.place.latitude), param(query.place.longitude));
      if (query.radiusKm) where.push(`${distance} <= ${param(query.radiusKm)}`);
    }
    if (query.freeWindow) where.push(this.freeWindowFilter(query.freeWindow, param));

    const order = {
      relevance: `rank DESC, ${query.place ? 'distance_km ASC NULLS LAST, ' : ''}name_sort`,
      distance: 'distance_km ASC NULLS LAST, rank DESC, name_sort',
      name: 'name_sort',
    }[query.sort];

    const from = param(query.busy.from.toISOString());
    const to = param(query.busy.to.toISOString());
    return manager.query(
      `SELECT r.id, ${namesJson('r')} AS names, r.kind, r.status, r.capacity, r.sector,
              json_build_object('id', o.id, 'name', o.name) AS organisation,
              json_build_object('id', s.id, 'name', s.name, 'city', s.city, 'country', s.country, 'timeZone', s.time_zone) AS site,
              (SELECT '/api/photos/' || p.id FROM resource_photos p WHERE p.resource_id = r.id ORDER BY p.position, p.created_at LIMIT 1) AS "photoUrl",
              ${resourceOccupationsJson('r')} AS occupations,
              r.required_credential_id IS NOT NULL AS "requiresCredential",
              round(${distance}::numeric, 1)::float8 AS "distanceKm", ${distance} AS distance_km, ${rank} AS rank,
              lower(coalesce(r.name_fr, r.name_nl, r.name_en)) AS name_sort,
              json_build_object('openingHours', r.opening_hours, 'minDurationMinutes', r.min_duration_minutes, 'slotMinutes', r.slot_minutes,
                                'leadTimeMinutes', r.lead_time_minutes, 'bufferBeforeMinutes', r.buffer_before_minutes,
                                'bufferAfterMinutes', r.buffer_after_minutes) AS rules,
              ${closuresJson('r')} AS closures,
              coalesce((SELECT json_agg(json_build_array(lower(b.blocked), upper(b.blocked)))
                          FROM bookings b WHERE b.resource_id = r.id AND b.status IN ${HOLDING_STATUSES}
                           AND b.blocked && tstzrange(${from}::timestamptz, ${to}::timestamptz)), '[]') AS busy,
              count(*) OVER ()::int AS total
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      params.values,
    );
  }

  /**
   * Items open and unbooked for the whole window [from, to): within one opening interval of that
   * local day, outside every closure, and overlapping no holding booking.
   */
  private freeWindowFilter(window: { from: Date; to: Date }, param: (value: unknown) => string): string {
    const from = `${param(window.from.toISOString())}::timestamptz`;
    const to = `${param(window.to.toISOString())}::timestamptz`;
    const localFrom = `(${from} AT TIME ZONE s.time_zone)`;
    const localTo = `(${to} AT TIME ZONE s.time_zone)`;
    return `(
      NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resource_id = r.id AND b.status IN ${HOLDING_STATUSES} AND b.blocked && tstzrange(${from}, ${to}))
      AND EXISTS (
        SELECT 1 FROM jsonb_to_recordset(r.opening_hours) AS oh(weekday int, start text, "end" text)
         WHERE oh.weekday = extract(isodow FROM ${localFrom})
           AND oh.start::time <= ${localFrom}::time
           AND (CASE WHEN ${localTo}::date > ${localFrom}::date THEN ${localTo} = date_trunc('day', ${localTo}) AND oh."end" = '24:00'
                     ELSE ${localTo}::time <= oh."end"::time END))
      AND NOT EXISTS (
        SELECT 1 FROM closures c
         WHERE (c.resource_id = r.id OR c.site_id = r.site_id)
           AND (CASE WHEN NOT c.yearly THEN ${localFrom}::date BETWEEN c.starts_on AND c.ends_on
                     WHEN to_char(c.starts_on, 'MM-DD') <= to_char(c.ends_on, 'MM-DD')
                       THEN to_char(${localFrom}, 'MM-DD') BETWEEN to_char(c.starts_on, 'MM-DD') AND to_char(c.ends_on, 'MM-DD')
                     ELSE to_char(${localFrom}, 'MM-DD') >= to_char(c.starts_on, 'MM-DD') OR to_char(${localFrom}, 'MM-DD') <= to_char(c.ends_on, 'MM-DD') END)
           AND (c.start_time IS NULL OR (c.start_time < ${localTo}::time AND c.end_time > ${localFrom}::time))))`;
  }
}

import { type AuthUser, organisationIds } from '../auth/auth-user';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode, firstFreeStart, freeSpans, openSpans, type BookingRules, type Closure, type ResourceCard, type ResourceSearchPage,
} from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { SearchResourcesQuery } from './dto/resource.dto';
import { resolvePlace } from './reference/postcodes';
import { NAMES_JSON, OCCUPATIONS_JSON } from './resource-queries';

const DAY = 86_400_000;
const NEXT_FREE_WINDOW_DAYS = 14;
const NAMES_TEXT = `f_unaccent(lower(coalesce(r.name_fr, '') || ' ' || coalesce(r.name_nl, '') || ' ' || coalesce(r.name_en, '')))`;

/** The words of a search, lower-cased and without accents (at most 8): "Soudure TIG" → ["soudure", "tig"]. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/** The languages of resources.search_document (resource-search.v1.sql.ts) besides `simple`. */
const STEMMED_CONFIGS = ['french', 'dutch', 'english'] as const;

/**
 * Every word must match, as a prefix of a word as typed, or through its stem in French, Dutch or
 * English: "lassen" → ('lassen':* | 'lass':*), which meets "lasser" and "lassimulator". A stem is
 * used only when it drops at most two letters (an inflection: -en, -s, -es, -e); a heavier cut
 * ("elevateur" → "elev") would also meet unrelated words ("élèves").
 */
export function searchTsquery(words: string[], stems: Map<string, string[]>): string {
  return words
    .map((word) => {
      const forms = new Set([word, ...(stems.get(word) ?? []).filter((stem) => stem.length > 0 && stem.length >= word.length - 2)]);
      return `(${[...forms].map((form) => `'${form}':*`).join(' | ')})`;
    })
    .join(' & ');
}

/** Labels of an item's occupations in the three languages, for typos (trigram similarity). */
const OCCUPATIONS_TEXT = `(SELECT f_unaccent(lower(string_agg(oc.label_fr || ' ' || oc.label_nl || ' ' || oc.label_en, ' ')))
    FROM resource_occupations ro JOIN occupations oc ON oc.id = ro.occupation_id WHERE ro.resource_id = r.id)`;

type SearchRow = ResourceCard & {
  total: number;
  rules: Pick<BookingRules, 'openingHours' | 'minDurationMinutes' | 'slotMinutes' | 'leadTimeMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;
  closures: Closure[];
  busy: [string, string][];
};

/**
 * The catalogue: one SQL query per page (filters, text relevance, distance, the data for each card
 * including the busy ranges of the next days), then each card's next free slot from the shared rules.
 */
@Injectable()
export class ResourceSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `user` (signed in or not) decides whether retired items show: only to those who manage them. */
  async search(query: SearchResourcesQuery, user?: AuthUser, now = this.clock.nowMs()): Promise<ResourceSearchPage> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const retiredVisible = () => (user?.isCoordinator ? 'true' : `r.organisation_id = ANY(${param(user ? organisationIds(user, 'manager') : [])}::uuid[])`);
    const where: string[] = [query.includeInactive ? `(r.status <> 'retired' OR ${retiredVisible()})` : `r.status = 'active'`];

    let rank = '0::real';
    if (query.q?.trim()) {
      const words = searchWords(query.q);
      // Only punctuation ("!", "&", ":*"…): nothing to search for, and a parameter no clause would use.
      if (words.length === 0) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'q', constraint: 'searchWords', args: [] }] });
      const text = param(words.join(' '));
      const ts = `to_tsquery('simple', ${param(searchTsquery(words, await this.stems(words)))})`;
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
    const place = query.near ? resolvePlace(query.near) : undefined;
    if (query.near && !place) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'near', constraint: 'unknownPlace', args: [query.near] }] });
    }
    if (place) {
      const lat = param(place.latitude);
      const lng = param(place.longitude);
      distance = `(6371 * 2 * asin(sqrt(power(sin(radians(s.latitude - ${lat}) / 2), 2)
                   + cos(radians(${lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lng}) / 2), 2))))`;
      if (query.radiusKm) where.push(`${distance} <= ${param(query.radiusKm)}`);
    }

    if (query.freeFrom || query.freeTo) where.push(this.freeWindowFilter(query, param));

    const order = {
      relevance: `rank DESC, ${distance === 'NULL::float8' ? '' : 'distance_km ASC NULLS LAST, '}name_sort`,
      distance: 'distance_km ASC NULLS LAST, rank DESC, name_sort',
      name: 'name_sort',
    }[query.sort ?? (place && !query.q ? 'distance' : 'relevance')];

    const from = param(new Date(now).toISOString());
    const to = param(new Date(now + NEXT_FREE_WINDOW_DAYS * DAY).toISOString());
    const rows: SearchRow[] = await this.dataSource.query(
      `SELECT r.id, ${NAMES_JSON} AS names, r.kind, r.status, r.capacity, r.sector,
              json_build_object('id', o.id, 'name', o.name) AS organisation,
              json_build_object('id', s.id, 'name', s.name, 'city', s.city, 'country', s.country, 'timeZone', s.time_zone) AS site,
              (SELECT '/api/photos/' || p.id FROM resource_photos p WHERE p.resource_id = r.id ORDER BY p.position, p.created_at LIMIT 1) AS "photoUrl",
              ${OCCUPATIONS_JSON} AS occupations,
              r.required_credential_id IS NOT NULL AS "requiresCredential",
              round(${distance}::numeric, 1)::float8 AS "distanceKm", ${distance} AS distance_km, ${rank} AS rank,
              lower(coalesce(r.name_fr, r.name_nl, r.name_en)) AS name_sort,
              json_build_object('openingHours', r.opening_hours, 'minDurationMinutes', r.min_duration_minutes, 'slotMinutes', r.slot_minutes,
                                'leadTimeMinutes', r.lead_time_minutes, 'bufferBeforeMinutes', r.buffer_before_minutes,
                                'bufferAfterMinutes', r.buffer_after_minutes) AS rules,
              coalesce((SELECT json_agg(json_build_object('startsOn', to_char(c.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'),
                                 'startTime', to_char(c.start_time, 'HH24:MI'), 'endTime', to_char(c.end_time, 'HH24:MI'), 'yearly', c.yearly, 'reason', c.reason))
                          FROM closures c WHERE c.resource_id = r.id OR c.site_id = r.site_id), '[]') AS closures,
              coalesce((SELECT json_agg(json_build_array(lower(b.blocked), upper(b.blocked)))
                          FROM bookings b WHERE b.resource_id = r.id AND b.status IN ('pending', 'confirmed')
                           AND b.blocked && tstzrange(${from}::timestamptz, ${to}::timestamptz)), '[]') AS busy,
              count(*) OVER ()::int AS total
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      params,
    );

    return {
      items: rows.map((row) => this.toCard(row, now)),
      total: rows[0]?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
      place: place ? { label: place.label, latitude: place.latitude, longitude: place.longitude } : null,
    };
  }

  /** Each word's stems in the three languages (empty for a stop word). */
  private async stems(words: string[]): Promise<Map<string, string[]>> {
    const rows: { word: string; stems: string[] }[] = await this.dataSource.query(
      `SELECT w AS word, ARRAY[${STEMMED_CONFIGS.map((config) => `plainto_tsquery('${config}', w)::text`).join(', ')}] AS stems FROM unnest($1::text[]) AS w`,
      [words],
    );
    return new Map(rows.map((row) => [row.word, row.stems.map((stem) => stem.replace(/'/g, '')).filter((stem) => /^[\p{L}\p{N}]+$/u.test(stem))]));
  }

  private toCard(row: SearchRow, now: number): ResourceCard {
    const { total: _t, rules, closures, busy, distance_km: _d, rank: _r, name_sort: _n, ...card } = row as SearchRow & Record<string, unknown>;
    const zone = row.site.timeZone;
    const notBefore = now + rules.leadTimeMinutes * 60_000;
    const open = openSpans(rules.openingHours, closures, zone, notBefore, now + NEXT_FREE_WINDOW_DAYS * DAY);
    const free = freeSpans(open, busy.map(([start, end]) => ({ start: Date.parse(start), end: Date.parse(end) })), {
      beforeMinutes: rules.bufferBeforeMinutes,
      afterMinutes: rules.bufferAfterMinutes,
    });
    const next = card.status === 'active' ? firstFreeStart(free, rules.minDurationMinutes, rules.slotMinutes, zone, notBefore) : undefined;
    return { ...(card as ResourceCard), nextFreeSlot: next === undefined ? null : new Date(next).toISOString() };
  }

  /**
   * Items open and unbooked for the whole window [freeFrom, freeTo): within one opening interval of
   * that local day, outside every closure, and overlapping no holding booking.
   */
  private freeWindowFilter(query: SearchResourcesQuery, param: (value: unknown) => string): string {
    if (!query.freeFrom || !query.freeTo || query.freeFrom >= query.freeTo) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'freeTo', constraint: 'closureOrder', args: [] }] });
    }
    const from = `${param(query.freeFrom.toISOString())}::timestamptz`;
    const to = `${param(query.freeTo.toISOString())}::timestamptz`;
    const localFrom = `(${from} AT TIME ZONE s.time_zone)`;
    const localTo = `(${to} AT TIME ZONE s.time_zone)`;
    return `(
      NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resource_id = r.id AND b.status IN ('pending', 'confirmed') AND b.blocked && tstzrange(${from}, ${to}))
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

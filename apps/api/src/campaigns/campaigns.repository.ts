import { Injectable } from '@nestjs/common';
import type { BookingAnswers, CampaignAllocationView, CampaignRequestView, CampaignStatus, ClassDetails, Closure, ResourceRules, Span } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { bookingRulesJson, closuresJson, namesJson } from '../database/sql/fragments/resource-json';
import type { CampaignRequestDto, CreateCampaignDto } from './dto/campaign.dto';

/** A campaign row with what access checks and views need. */
export interface CampaignRow {
  id: string;
  /** The opening organisation, or null for a cluster's campaign. */
  organisationId: string | null;
  organisationName: string | null;
  /** The cluster whose coordinators run it, or null for an organisation's campaign. */
  clusterId: string | null;
  clusterName: string | null;
  name: string;
  periodStart: string;
  periodEnd: string;
  windowOpensAt: Date;
  windowClosesAt: Date;
  publishBy: string;
  sessionMinutes: number;
  eligibleKinds: string[];
  eligibleLevels: ClassDetails['level'][];
  capPerOrganisation: number | null;
  capPerClass: number | null;
  status: CampaignStatus;
  seed: string | null;
  drawOrder: { id: string; name: string }[] | null;
  allocatedAt: Date | null;
  publishedAt: Date | null;
  copiedFromId: string | null;
  items: { id: string; names: { fr: string | null; nl: string | null; en: string | null }; kind: string; timeZone: string; organisation: { id: string; name: string } }[];
}

/** An item of a campaign with everything its free sessions are computed from. */
export interface CampaignItemContext {
  id: string;
  kind: string;
  zone: string;
  status: 'active' | 'maintenance' | 'retired';
  capacity: number;
  rules: ResourceRules;
  closures: Closure[];
  /** Blocked ranges of the item's holding bookings over the campaign period. */
  busy: { start: Date; end: Date }[];
}

/** A request as the allocation and the emails read it. */
export interface RequestRow {
  id: string;
  organisationId: string;
  organisationName: string;
  requestedById: string;
  resourceId: string | null;
  resourceKind: string | null;
  sessions: number;
  priority: number;
  preferredWeekdays: number[];
  preferredPart: 'any' | 'morning' | 'afternoon';
  earliest: string | null;
  latest: string | null;
  purpose: string;
  class: ClassDetails;
  pupils: number;
  createdAt: Date;
  unmetReason: 'cap' | 'no_slot' | 'adjusted' | null;
  answers: BookingAnswers;
}

const CAMPAIGN_COLUMNS = `c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.cluster_id AS "clusterId", cl.name AS "clusterName", c.name,
  to_char(c.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(c.period_end, 'YYYY-MM-DD') AS "periodEnd",
  c.window_opens_at AS "windowOpensAt", c.window_closes_at AS "windowClosesAt", to_char(c.publish_by, 'YYYY-MM-DD') AS "publishBy",
  c.session_minutes AS "sessionMinutes", c.eligible_kinds AS "eligibleKinds", c.eligible_levels AS "eligibleLevels",
  c.cap_per_organisation AS "capPerOrganisation", c.cap_per_class AS "capPerClass", c.status, c.seed,
  (SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY array_position(c.draw_order, d.id))
     FROM organisations d WHERE d.id = ANY(c.draw_order)) AS "drawOrder",
  c.allocated_at AS "allocatedAt", c.published_at AS "publishedAt", c.copied_from_id AS "copiedFromId",
  coalesce((SELECT json_agg(json_build_object('id', r.id, 'names', ${namesJson('r')}, 'kind', r.kind, 'timeZone', s.time_zone,
                                              'organisation', json_build_object('id', ro.id, 'name', ro.name)) ORDER BY coalesce(r.name_fr, r.name_nl, r.name_en))
     FROM campaign_items ci JOIN resources r ON r.id = ci.resource_id JOIN sites s ON s.id = r.site_id JOIN organisations ro ON ro.id = r.organisation_id
    WHERE ci.campaign_id = c.id), '[]') AS items`;

/** A campaign with its opening organisation or its cluster (exactly one is set). */
const CAMPAIGN_FROM = 'campaigns c LEFT JOIN organisations o ON o.id = c.organisation_id LEFT JOIN clusters cl ON cl.id = c.cluster_id';

/** The item `r` may be offered by the campaign `c`: its organisation's own, or offered in its cluster (as the trigger campaign_items_belong checks). */
const ITEM_BELONGS = (r: string, organisationId: string, clusterId: string) => `(${r}.organisation_id = ${organisationId}
  OR EXISTS (SELECT 1 FROM resource_clusters rc WHERE rc.resource_id = ${r}.id AND rc.cluster_id = ${clusterId}))`;

const CLASS_JSON = (alias: string) => `json_build_object('level', ${alias}.class_level, 'year', ${alias}.class_year, 'section', ${alias}.class_section,
  'teacher', ${alias}.class_teacher, 'trainerRequested', ${alias}.trainer_requested, 'module', ${alias}.class_module)`;

const REQUEST_VIEW = `q.id, q.campaign_id AS "campaignId", json_build_object('id', o.id, 'name', o.name) AS organisation,
  json_build_object('id', u.id, 'name', u.name) AS "requestedBy", q.resource_id AS "resourceId", q.resource_kind AS "resourceKind",
  q.sessions, q.priority, q.preferred_weekdays::int[] AS "preferredWeekdays", q.preferred_part AS "preferredPart",
  to_char(q.earliest, 'YYYY-MM-DD') AS earliest, to_char(q.latest, 'YYYY-MM-DD') AS latest, q.purpose, ${CLASS_JSON('q')} AS class,
  q.pupils, q.notes, q.allocated_sessions AS "allocatedSessions", q.unmet_sessions AS "unmetSessions", q.unmet_reason AS "unmetReason",
  q.created_at AS "createdAt", q.answers`;

/** Every statement of the campaigns feature, each taking the caller's (transaction's) manager. */
@Injectable()
export class CampaignsRepository {
  async insert(manager: EntityManager, dto: CreateCampaignDto, createdById: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO campaigns (organisation_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes,
                              eligible_kinds, eligible_levels, cap_per_organisation, cap_per_class, created_by_id, cluster_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [dto.organisationId ?? null, dto.name, dto.periodStart, dto.periodEnd, dto.windowOpensAt, dto.windowClosesAt, dto.publishBy, dto.sessionMinutes,
        dto.eligibleKinds, dto.eligibleLevels, dto.capPerOrganisation ?? null, dto.capPerClass ?? null, createdById, dto.clusterId ?? null],
    );
    return id;
  }

  /** Adds the items; returns how many belong to the campaign's organisation or are offered in its cluster (the others are not added). */
  async addItems(manager: EntityManager, campaignId: string, owner: { organisationId: string | null; clusterId: string | null }, resourceIds: string[]): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO campaign_items (campaign_id, resource_id)
       SELECT $1, r.id FROM resources r WHERE r.id = ANY($2::uuid[]) AND ${ITEM_BELONGS('r', '$3::uuid', '$4::uuid')} AND r.status <> 'retired' RETURNING resource_id`,
      [campaignId, resourceIds, owner.organisationId, owner.clusterId],
    );
    return rows.length;
  }

  /** `lock` takes the campaign's row FOR UPDATE: runs, adjustments, publication and requests of one campaign go one at a time. */
  async find(manager: EntityManager, id: string, lock = false): Promise<CampaignRow | undefined> {
    if (lock) await manager.query('SELECT 1 FROM campaigns WHERE id = $1 FOR UPDATE', [id]);
    const [row] = await manager.query(`SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM} WHERE c.id = $1`, [id]);
    return row;
  }

  /**
   * Campaigns run by one of `managed`, offering an item of one of `managed` (a cluster's campaign), or
   * open to one of `kinds` (the reader's organisations' kinds); all for coordinators.
   */
  list(manager: EntityManager, all: boolean, managed: string[], kinds: string[]): Promise<CampaignRow[]> {
    return manager.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM ${CAMPAIGN_FROM}
        WHERE $1 OR c.organisation_id = ANY($2::uuid[]) OR c.eligible_kinds && $3::text[]
           OR EXISTS (SELECT 1 FROM campaign_items ci JOIN resources r ON r.id = ci.resource_id WHERE ci.campaign_id = c.id AND r.organisation_id = ANY($2::uuid[]))
        ORDER BY c.window_closes_at DESC, c.name`,
      [all, managed, kinds],
    );
  }

  kindsOf(manager: EntityManager, organisationIds: string[]): Promise<{ id: string; kind: string }[]> {
    return manager.query('SELECT id, kind FROM organisations WHERE id = ANY($1::uuid[])', [organisationIds]);
  }

  /** Requests of the campaign: all, or those of `organisationIds`. */
  requestViews(manager: EntityManager, campaignId: string, organisationIds: string[] | null): Promise<CampaignRequestView[]> {
    return manager.query(
      `SELECT ${REQUEST_VIEW} FROM campaign_requests q JOIN organisations o ON o.id = q.organisation_id JOIN users u ON u.id = q.requested_by_id
        WHERE q.campaign_id = $1 AND ($2::uuid[] IS NULL OR q.organisation_id = ANY($2::uuid[]))
        ORDER BY o.name, q.priority, q.created_at`,
      [campaignId, organisationIds],
    );
  }

  /** All allocations (`scope` null), or those requested by one of `scope.requesters` or on an item of one of `scope.owners`. */
  allocationViews(manager: EntityManager, campaignId: string, scope: { requesters: string[]; owners: string[] } | null): Promise<CampaignAllocationView[]> {
    return manager.query(
      `SELECT a.id, a.request_id AS "requestId", json_build_object('id', o.id, 'name', o.name) AS organisation, a.resource_id AS "resourceId",
              lower(a.period) AS start, upper(a.period) AS "end", a.manual, a.booking_id AS "bookingId"
         FROM campaign_allocations a JOIN campaign_requests q ON q.id = a.request_id JOIN organisations o ON o.id = q.organisation_id
         JOIN resources r ON r.id = a.resource_id
        WHERE a.campaign_id = $1 AND ($2::boolean OR q.organisation_id = ANY($3::uuid[]) OR r.organisation_id = ANY($4::uuid[]))
        ORDER BY lower(a.period), a.resource_id`,
      [campaignId, scope === null, scope?.requesters ?? [], scope?.owners ?? []],
    );
  }

  async insertRequest(manager: EntityManager, campaignId: string, userId: string, dto: CampaignRequestDto, createdAt: Date): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO campaign_requests (campaign_id, organisation_id, requested_by_id, ${REQUEST_FIELDS}, created_at, updated_at)
       VALUES ($1, $2, $3, ${REQUEST_PLACEHOLDERS(4)}, $21, $21) RETURNING id`,
      [campaignId, dto.organisationId, userId, ...requestValues(dto), createdAt],
    );
    return id;
  }

  /** Rewrites a request of one of `organisationIds`; false when there is none. */
  async updateRequest(manager: EntityManager, campaignId: string, requestId: string, organisationIds: string[], dto: CampaignRequestDto): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE campaign_requests SET (${REQUEST_FIELDS}, updated_at) = (${REQUEST_PLACEHOLDERS(4)}, now())
        WHERE id = $1 AND campaign_id = $2 AND organisation_id = ANY($3::uuid[]) RETURNING id`,
      [requestId, campaignId, organisationIds, ...requestValues(dto)],
    );
    return rows.length > 0;
  }

  /** A request's answers, already checked against the questions of the items it accepts. */
  async setAnswers(manager: EntityManager, requestId: string, answers: BookingAnswers): Promise<void> {
    await manager.query('UPDATE campaign_requests SET answers = $2::jsonb WHERE id = $1', [requestId, JSON.stringify(answers)]);
  }

  async deleteRequest(manager: EntityManager, campaignId: string, requestId: string, organisationIds: string[]): Promise<boolean> {
    const [rows] = await manager.query(
      'DELETE FROM campaign_requests WHERE id = $1 AND campaign_id = $2 AND organisation_id = ANY($3::uuid[]) RETURNING id',
      [requestId, campaignId, organisationIds],
    );
    return rows.length > 0;
  }

  requestOrganisation(manager: EntityManager, campaignId: string, requestId: string, organisationIds: string[]): Promise<{ organisationId: string }[]> {
    return manager.query(
      'SELECT organisation_id AS "organisationId" FROM campaign_requests WHERE id = $1 AND campaign_id = $2 AND organisation_id = ANY($3::uuid[])',
      [requestId, campaignId, organisationIds],
    );
  }

  requests(manager: EntityManager, campaignId: string): Promise<RequestRow[]> {
    return manager.query(
      `SELECT q.id, q.organisation_id AS "organisationId", o.name AS "organisationName", q.requested_by_id AS "requestedById",
              q.resource_id AS "resourceId", q.resource_kind AS "resourceKind", q.sessions, q.priority, q.preferred_weekdays::int[] AS "preferredWeekdays",
              q.preferred_part AS "preferredPart", to_char(q.earliest, 'YYYY-MM-DD') AS earliest, to_char(q.latest, 'YYYY-MM-DD') AS latest,
              q.purpose, ${CLASS_JSON('q')} AS class, q.pupils, q.created_at AS "createdAt", q.unmet_reason AS "unmetReason", q.answers
         FROM campaign_requests q JOIN organisations o ON o.id = q.organisation_id WHERE q.campaign_id = $1 ORDER BY q.id`,
      [campaignId],
    );
  }

  /** The items with their rules, closures and the blocked time of their holding bookings over [from, to). */
  items(manager: EntityManager, campaignId: string, from: Date, to: Date): Promise<CampaignItemContext[]> {
    return manager.query(
      `SELECT r.id, r.kind, s.time_zone AS zone, r.status, r.capacity, ${bookingRulesJson('r')} AS rules, ${closuresJson('r')} AS closures,
              coalesce((SELECT json_agg(json_build_object('start', lower(b.blocked), 'end', upper(b.blocked)))
                          FROM bookings b WHERE b.resource_id = r.id AND b.status IN ('pending', 'confirmed') AND b.blocked && tstzrange($2, $3)), '[]') AS busy
         FROM campaign_items ci JOIN resources r ON r.id = ci.resource_id JOIN sites s ON s.id = r.site_id
        WHERE ci.campaign_id = $1 ORDER BY r.id`,
      [campaignId, from, to],
    );
  }

  /** Closes the window at `at` (opening it at `at` too if it had not opened yet). */
  async closeWindow(manager: EntityManager, campaignId: string, at: Date): Promise<void> {
    await manager.query('UPDATE campaigns SET window_closes_at = $2::timestamptz, window_opens_at = least(window_opens_at, $2::timestamptz - interval \'1 second\') WHERE id = $1', [campaignId, at]);
  }

  /** Replaces the proposal: the allocations, each request's outcome, the seed and the drawn order. */
  async saveProposal(
    manager: EntityManager,
    campaignId: string,
    proposal: { seed: string; order: string[]; at: Date; allocations: { requestId: string; resourceId: string; period: Span; blocked: Span }[]; outcomes: { requestId: string; allocated: number; unmet: number; reason: string | null }[] },
  ): Promise<void> {
    await manager.query('DELETE FROM campaign_allocations WHERE campaign_id = $1', [campaignId]);
    await manager.query(
      `INSERT INTO campaign_allocations (campaign_id, request_id, resource_id, period, blocked)
       SELECT $1, a."requestId", a."resourceId", tstzrange(to_timestamp(a.start / 1000.0), to_timestamp(a."end" / 1000.0)),
              tstzrange(to_timestamp(a."blockedStart" / 1000.0), to_timestamp(a."blockedEnd" / 1000.0))
         FROM jsonb_to_recordset($2::jsonb) AS a("requestId" uuid, "resourceId" uuid, start float8, "end" float8, "blockedStart" float8, "blockedEnd" float8)`,
      [campaignId, JSON.stringify(proposal.allocations.map((a) => ({
        requestId: a.requestId, resourceId: a.resourceId, start: a.period.start, end: a.period.end, blockedStart: a.blocked.start, blockedEnd: a.blocked.end,
      })))],
    );
    await manager.query(
      `UPDATE campaign_requests q SET allocated_sessions = o.allocated, unmet_sessions = o.unmet, unmet_reason = o.reason
         FROM jsonb_to_recordset($2::jsonb) AS o("requestId" uuid, allocated int, unmet int, reason text)
        WHERE q.id = o."requestId" AND q.campaign_id = $1`,
      [campaignId, JSON.stringify(proposal.outcomes)],
    );
    await manager.query(
      `UPDATE campaigns SET status = 'allocated', seed = $2, draw_order = $3::uuid[], allocated_at = $4 WHERE id = $1`,
      [campaignId, proposal.seed, proposal.order, proposal.at],
    );
  }

  /** Sessions already allocated to an organisation and to a class (same level, year and section) of it. */
  async allocatedCounts(manager: EntityManager, campaignId: string, organisationId: string, requestId: string): Promise<{ organisation: number; sameClass: number }> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS organisation,
              count(*) FILTER (WHERE q.class_level = t.class_level AND q.class_year IS NOT DISTINCT FROM t.class_year
                AND lower(regexp_replace(btrim(coalesce(q.class_section, '')), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(coalesce(t.class_section, '')), '\\s+', ' ', 'g')))::int AS "sameClass"
         FROM campaign_allocations a JOIN campaign_requests q ON q.id = a.request_id
         JOIN campaign_requests t ON t.id = $3
        WHERE a.campaign_id = $1 AND q.organisation_id = $2`,
      [campaignId, organisationId, requestId],
    );
    return row;
  }

  async insertAllocation(manager: EntityManager, campaignId: string, requestId: string, resourceId: string, period: Span, blocked: Span): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO campaign_allocations (campaign_id, request_id, resource_id, period, blocked, manual)
       VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($6, $7), true) RETURNING id`,
      [campaignId, requestId, resourceId, new Date(period.start), new Date(period.end), new Date(blocked.start), new Date(blocked.end)],
    );
    return id;
  }

  async deleteAllocation(manager: EntityManager, campaignId: string, allocationId: string): Promise<boolean> {
    const [rows] = await manager.query('DELETE FROM campaign_allocations WHERE id = $1 AND campaign_id = $2 RETURNING id', [allocationId, campaignId]);
    return rows.length > 0;
  }

  /** The allocations to publish, in the order their items are locked (item, then start). */
  toPublish(manager: EntityManager, campaignId: string): Promise<{ id: string; requestId: string; resourceId: string; start: Date; end: Date }[]> {
    return manager.query(
      `SELECT id, request_id AS "requestId", resource_id AS "resourceId", lower(period) AS start, upper(period) AS "end"
         FROM campaign_allocations WHERE campaign_id = $1 ORDER BY resource_id, lower(period)`,
      [campaignId],
    );
  }

  /** Links the bookings, counts each request's sessions again (manual changes included) and marks the campaign published. */
  async markPublished(manager: EntityManager, campaignId: string, bookings: { allocationId: string; bookingId: string }[], userId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE campaign_allocations a SET booking_id = b."bookingId"
         FROM jsonb_to_recordset($2::jsonb) AS b("allocationId" uuid, "bookingId" uuid) WHERE a.id = b."allocationId" AND a.campaign_id = $1`,
      [campaignId, JSON.stringify(bookings)],
    );
    await manager.query(
      `UPDATE campaign_requests q SET allocated_sessions = n.given, unmet_sessions = greatest(q.sessions - n.given, 0),
              unmet_reason = CASE WHEN q.sessions > n.given THEN coalesce(q.unmet_reason, 'adjusted') END
         FROM (SELECT q2.id, count(a.id)::int AS given FROM campaign_requests q2 LEFT JOIN campaign_allocations a ON a.request_id = q2.id
                WHERE q2.campaign_id = $1 GROUP BY q2.id) AS n
        WHERE q.id = n.id`,
      [campaignId],
    );
    await manager.query(`UPDATE campaigns SET status = 'published', published_at = $2, published_by_id = $3 WHERE id = $1`, [campaignId, at, userId]);
  }

  /** Requesters to tell, each with their requests' outcomes and sessions. */
  publishedResults(manager: EntityManager, campaignId: string): Promise<{
    email: string; name: string; locale: 'fr' | 'nl' | 'en';
    requests: { target: string; resourceKind: string | null; class: ClassDetails; asked: number; unmet: number; reason: 'cap' | 'no_slot' | 'adjusted' | null; sessions: { start: string; end: string; zone: string; names: { fr: string | null; nl: string | null; en: string | null } }[] }[];
  }[]> {
    return manager.query(
      `SELECT u.email, u.name, u.locale,
              json_agg(json_build_object(
                'target', (SELECT coalesce(r.name_fr, r.name_nl, r.name_en) FROM resources r WHERE r.id = q.resource_id),
                'resourceKind', q.resource_kind, 'class', ${CLASS_JSON('q')}, 'asked', q.sessions, 'unmet', q.unmet_sessions, 'reason', q.unmet_reason,
                'sessions', coalesce((SELECT json_agg(json_build_object('start', lower(a.period), 'end', upper(a.period), 'zone', s.time_zone, 'names', ${namesJson('r')}) ORDER BY lower(a.period))
                   FROM campaign_allocations a JOIN resources r ON r.id = a.resource_id JOIN sites s ON s.id = r.site_id WHERE a.request_id = q.id), '[]'))
                ORDER BY q.priority, q.created_at) AS requests
         FROM campaign_requests q JOIN users u ON u.id = q.requested_by_id
        WHERE q.campaign_id = $1 AND u.active
        GROUP BY u.id`,
      [campaignId],
    );
  }

  async copy(manager: EntityManager, campaignId: string, years: number, userId: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO campaigns (organisation_id, cluster_id, name, period_start, period_end, window_opens_at, window_closes_at, publish_by, session_minutes,
                              eligible_kinds, eligible_levels, cap_per_organisation, cap_per_class, copied_from_id, created_by_id)
       SELECT organisation_id, cluster_id, name, (period_start + make_interval(years => $2))::date, (period_end + make_interval(years => $2))::date,
              window_opens_at + make_interval(years => $2), window_closes_at + make_interval(years => $2), (publish_by + make_interval(years => $2))::date,
              session_minutes, eligible_kinds, eligible_levels, cap_per_organisation, cap_per_class, id, $3
         FROM campaigns WHERE id = $1 RETURNING id`,
      [campaignId, years, userId],
    );
    // Items retired since, or no longer offered in the cluster, are left out.
    await manager.query(
      `INSERT INTO campaign_items (campaign_id, resource_id)
       SELECT $1, ci.resource_id FROM campaign_items ci JOIN resources r ON r.id = ci.resource_id JOIN campaigns c ON c.id = ci.campaign_id
        WHERE ci.campaign_id = $2 AND r.status <> 'retired' AND ${ITEM_BELONGS('r', 'c.organisation_id', 'c.cluster_id')}`,
      [id, campaignId],
    );
    return id;
  }

  async clusterExists(manager: EntityManager, clusterId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM clusters WHERE id = $1', [clusterId]);
    return rows.length > 0;
  }
}

const REQUEST_FIELDS = `resource_id, resource_kind, sessions, priority, preferred_weekdays, preferred_part, earliest, latest, purpose,
  class_level, class_year, class_section, class_teacher, trainer_requested, class_module, pupils, notes`;
const REQUEST_PLACEHOLDERS = (from: number) => `$${from}, $${from + 1}, $${from + 2}, $${from + 3}, $${from + 4}::smallint[], $${from + 5}, $${from + 6}::date, $${from + 7}::date, $${from + 8},
  $${from + 9}, $${from + 10}, $${from + 11}, $${from + 12}, $${from + 13}, $${from + 14}, $${from + 15}, $${from + 16}`;

function requestValues(dto: CampaignRequestDto): unknown[] {
  const c = dto.class;
  return [
    dto.resourceId ?? null, dto.resourceKind ?? null, dto.sessions, dto.priority, dto.preferredWeekdays, dto.preferredPart, dto.earliest ?? null, dto.latest ?? null,
    dto.purpose, c.level, c.year, c.section, c.teacher, c.trainerRequested, c.module, dto.pupils, dto.notes ?? null,
  ];
}

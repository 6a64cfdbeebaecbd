import { Injectable } from '@nestjs/common';
import type { BreakdownCategory, BreakdownReportView, BreakdownStatus, DowntimeRow, TranslatedOptional } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';
import { namesJson } from '../database/sql/fragments/resource-json';

const VIEW = `b.id, json_build_object('id', r.id, 'names', ${namesJson('r')}, 'organisationId', r.organisation_id) AS resource,
  b.category, b.description, b.unusable, b.status, CASE WHEN b.photo_path IS NULL THEN NULL ELSE '/api/breakdowns/' || b.id || '/photo' END AS "photoUrl",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "reportedBy",
  b.reported_at AS "reportedAt", b.acknowledged_at AS "acknowledgedAt", b.resolved_at AS "resolvedAt", b.resolution_note AS "resolutionNote",
  r.status AS "itemStatus"`;
const JOINS = 'FROM breakdown_reports b JOIN resources r ON r.id = b.resource_id LEFT JOIN users u ON u.id = b.reported_by_id';

/** A report as the list reads it, before the service adds the bookings awaiting a decision and drops the item's status. */
export type BreakdownListRow = Omit<BreakdownReportView, 'awaitingDecision'> & { itemStatus: string };
/** A report as read for one person, with who reported it (for the access check). */
export type BreakdownRow = BreakdownListRow & { reporterId: string | null };

/** A report locked for a decision, with its item's owner and status. */
export interface LockedBreakdown {
  id: string;
  resource_id: string;
  status: BreakdownStatus;
  unusable: boolean;
  description: string;
  reported_at: Date;
  reported_by_id: string | null;
  organisation_id: string;
  item_status: string;
  photo_path: string | null;
  photo_type: string | null;
}

/** One line of an item's audit log. */
export interface ResourceEventRow {
  id: string;
  action: string;
  details: Record<string, unknown>;
  createdAt: Date;
  actorName: string | null;
}

/** Which reports a list holds: `visibleTo` limits it to the reports of those owners and those the person made. */
export interface BreakdownFilter {
  visibleTo?: { ownerIds: string[]; userId: string };
  resourceId?: string;
  status?: BreakdownStatus | 'unresolved';
}

/** The statements on `breakdown_reports` and the items' audit log (`resource_events`); each runs with the caller's manager. */
@Injectable()
export class BreakdownsRepository {
  /** The item's owner, status and names, locked until the transaction ends. */
  async lockItem(manager: EntityManager, resourceId: string): Promise<{ organisation_id: string; status: string; names: TranslatedOptional } | undefined> {
    const [item]: { organisation_id: string; status: string; names: TranslatedOptional }[] = await manager.query(
      `SELECT r.organisation_id, r.status, ${namesJson('r')} AS names FROM resources r WHERE r.id = $1 FOR UPDATE`, [resourceId],
    );
    return item;
  }

  async itemOwner(manager: EntityManager, resourceId: string): Promise<string | undefined> {
    const [item]: { organisation_id: string }[] = await manager.query('SELECT organisation_id FROM resources WHERE id = $1', [resourceId]);
    return item?.organisation_id;
  }

  /** Whether the person used the item: booked it, trains on it, or belongs to a booking organisation. */
  async hasBooked(manager: EntityManager, resourceId: string, person: { userId: string; organisationIds: string[] }): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM bookings WHERE resource_id = $1 AND status IN ('confirmed', 'completed', 'no_show')
          AND (booked_by_id = $2 OR trainer_id = $2 OR organisation_id = ANY($3::uuid[])) LIMIT 1`,
      [resourceId, person.userId, person.organisationIds],
    );
    return Boolean(row);
  }

  /** An `acknowledged` report is acknowledged by its reporter at once. */
  async insert(
    manager: EntityManager,
    report: { resourceId: string; reporterId: string; category: BreakdownCategory; description: string; unusable: boolean; at: Date; status: 'open' | 'acknowledged' },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO breakdown_reports (resource_id, reported_by_id, category, description, unusable, reported_at, status, acknowledged_at, acknowledged_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7 = 'acknowledged' THEN $6::timestamptz END, CASE WHEN $7 = 'acknowledged' THEN $2::uuid END) RETURNING id`,
      [report.resourceId, report.reporterId, report.category, report.description, report.unusable, report.at, report.status],
    );
    return id;
  }

  /** The newest first, at most 500. */
  list(manager: EntityManager, filter: BreakdownFilter): Promise<BreakdownListRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.visibleTo) {
      where.push(`(r.organisation_id = ANY(${params.add(filter.visibleTo.ownerIds)}::uuid[]) OR b.reported_by_id = ${params.add(filter.visibleTo.userId)})`);
    }
    if (filter.resourceId) where.push(`b.resource_id = ${params.add(filter.resourceId)}`);
    if (filter.status === 'unresolved') where.push(`b.status <> 'resolved'`);
    else if (filter.status) where.push(`b.status = ${params.add(filter.status)}`);
    return manager.query(`SELECT ${VIEW} ${JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.reported_at DESC LIMIT 500`, params.values);
  }

  async get(manager: EntityManager, id: string): Promise<BreakdownRow | undefined> {
    const [row]: BreakdownRow[] = await manager.query(`SELECT ${VIEW}, b.reported_by_id AS "reporterId" ${JOINS} WHERE b.id = $1`, [id]);
    return row;
  }

  /** The report and its item, both locked until the transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<LockedBreakdown | undefined> {
    const [report]: LockedBreakdown[] = await manager.query(
      `SELECT b.id, b.resource_id, b.status, b.unusable, b.description, b.reported_at, b.reported_by_id, r.organisation_id, r.status AS item_status,
              b.photo_path, b.photo_type
         FROM breakdown_reports b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b, r`,
      [id],
    );
    return report;
  }

  /** The report's photo (a path under UPLOADS_DIR), replacing any earlier one. */
  async setPhoto(manager: EntityManager, id: string, photo: { path: string; type: string }): Promise<void> {
    await manager.query('UPDATE breakdown_reports SET photo_path = $2, photo_type = $3 WHERE id = $1', [id, photo.path, photo.type]);
  }

  /** Who may see the report's photo, and where it is. */
  async photo(manager: EntityManager, id: string): Promise<{ photo_path: string | null; photo_type: string | null; reported_by_id: string | null; organisation_id: string; status: BreakdownStatus } | undefined> {
    const [row] = await manager.query(
      `SELECT b.photo_path, b.photo_type, b.reported_by_id, b.status, r.organisation_id FROM breakdown_reports b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1`,
      [id],
    );
    return row;
  }

  async acknowledge(manager: EntityManager, id: string, by: { userId: string; at: Date }): Promise<void> {
    await manager.query(`UPDATE breakdown_reports SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by_id = $3 WHERE id = $1`, [id, by.at, by.userId]);
  }

  /** Resolved, and acknowledged then too if nobody had. */
  async resolve(manager: EntityManager, id: string, by: { userId: string; at: Date; note: string | null }): Promise<void> {
    await manager.query(
      `UPDATE breakdown_reports SET status = 'resolved', resolved_at = $2, resolved_by_id = $3, resolution_note = $4,
              acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by_id = coalesce(acknowledged_by_id, $3) WHERE id = $1`,
      [id, by.at, by.userId, by.note],
    );
  }

  async hasUnresolvedUnusable(manager: EntityManager, resourceId: string): Promise<boolean> {
    const [other] = await manager.query(`SELECT 1 FROM breakdown_reports WHERE resource_id = $1 AND unusable AND status <> 'resolved' LIMIT 1`, [resourceId]);
    return Boolean(other);
  }

  /**
   * Per item: reports in [from, to), downtime hours (the part of the range during which an unusable
   * report was open; an open one runs until `now`) and mean time to repair of the unusable reports
   * resolved in the range. `ownerIds` null: every owner.
   */
  downtime(manager: EntityManager, range: { from: Date; to: Date; now: Date }, owners: { ownerIds: string[] | null; organisationId: string | null }): Promise<DowntimeRow[]> {
    return manager.query(
      `SELECT r.id AS "resourceId", ${namesJson('r')} AS "resourceNames", r.organisation_id AS "organisationId", o.name AS "organisationName",
              count(*) FILTER (WHERE b.reported_at >= $1 AND b.reported_at < $2)::int AS reports,
              count(*) FILTER (WHERE b.unusable AND b.reported_at >= $1 AND b.reported_at < $2)::int AS "unusableReports",
              round((coalesce(sum(extract(epoch FROM upper(w) - lower(w))) FILTER (WHERE b.unusable AND NOT isempty(w)), 0) / 3600)::numeric, 2)::float8 AS "downtimeHours",
              round((avg(extract(epoch FROM b.resolved_at - b.reported_at)) FILTER (WHERE b.unusable AND b.resolved_at >= $1 AND b.resolved_at < $2) / 3600)::numeric, 2)::float8 AS "mttrHours"
         FROM breakdown_reports b
         JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = r.organisation_id
         CROSS JOIN LATERAL (SELECT tstzrange(b.reported_at, coalesce(b.resolved_at, greatest($3::timestamptz, b.reported_at))) * tstzrange($1, $2) AS w) win
        WHERE ($4::uuid[] IS NULL OR r.organisation_id = ANY($4::uuid[])) AND ($5::uuid IS NULL OR r.organisation_id = $5)
          AND b.reported_at < $2 AND (b.resolved_at IS NULL OR b.resolved_at >= $1)
        GROUP BY r.id, o.name ORDER BY "downtimeHours" DESC, o.name, r.id`,
      [range.from, range.to, range.now, owners.ownerIds, owners.organisationId],
    );
  }

  /** The item's audit log, oldest first. */
  events(manager: EntityManager, resourceId: string): Promise<ResourceEventRow[]> {
    return manager.query(
      `SELECT e.id::text, e.action, e.details, e.created_at AS "createdAt", u.name AS "actorName"
         FROM resource_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.resource_id = $1 ORDER BY e.id`,
      [resourceId],
    );
  }

  async logEvent(manager: EntityManager, event: { resourceId: string; actorId: string | null; action: string; details: object }): Promise<void> {
    await manager.query('INSERT INTO resource_events (resource_id, actor_id, action, details) VALUES ($1, $2, $3, $4)', [
      event.resourceId, event.actorId, event.action, JSON.stringify(event.details),
    ]);
  }
}

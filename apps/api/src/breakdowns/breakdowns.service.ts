import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type AffectedBookingsOutcome, type BreakdownReportView, type DowntimeRow } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser, canManage, organisationIds } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { NAMES_JSON } from '../resources/resource-queries';
import { ResourcesService } from '../resources/resources.service';
import { AcknowledgeBreakdownDto, CreateBreakdownDto, DowntimeQuery, ListBreakdownsQuery, ResolveBreakdownDto } from './dto/breakdown.dto';

const VIEW = `b.id, json_build_object('id', r.id, 'names', ${NAMES_JSON}, 'organisationId', r.organisation_id) AS resource,
  b.category, b.description, b.unusable, b.status, NULL AS "photoUrl",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "reportedBy",
  b.reported_at AS "reportedAt", b.acknowledged_at AS "acknowledgedAt", b.resolved_at AS "resolvedAt", b.resolution_note AS "resolutionNote"`;
const JOINS = 'FROM breakdown_reports b JOIN resources r ON r.id = b.resource_id LEFT JOIN users u ON u.id = b.reported_by_id';

const MAX_RANGE_DAYS = 800;

/**
 * Problems reported on an item. Anyone who has booked it (or vouches for one of its bookings), its
 * managers and coordinators may report; only managers (and coordinators) acknowledge and resolve. An
 * "unusable" report puts the item into maintenance from its report until it is resolved; its bookings
 * go through the closure flow (BookingDisruptions) when a manager reports or acknowledges it. Every
 * step is written to the item's audit log (`resource_events`).
 */
@Injectable()
export class BreakdownsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
  ) {}

  async report(user: AuthUser, resourceId: string, dto: CreateBreakdownDto): Promise<BreakdownReportView & { affectedBookings: AffectedBookingsOutcome }> {
    const { id, outcome } = await this.dataSource.transaction(async (manager) => {
      const [item] = await manager.query('SELECT organisation_id, status FROM resources WHERE id = $1 FOR UPDATE', [resourceId]);
      if (!item || (item.status === 'retired' && !canManage(user, item.organisation_id))) throw new DomainError(ErrorCode.NotFound);
      const manages = canManage(user, item.organisation_id);
      if (!manages && !(await this.hasBooked(manager, user, resourceId))) throw new DomainError(ErrorCode.Forbidden);
      const [{ id: created }] = await manager.query(
        `INSERT INTO breakdown_reports (resource_id, reported_by_id, category, description, unusable, reported_at, status, acknowledged_at, acknowledged_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7 = 'acknowledged' THEN $6::timestamptz END, CASE WHEN $7 = 'acknowledged' THEN $2::uuid END) RETURNING id`,
        [resourceId, user.id, dto.category, dto.description, dto.unusable ?? false, this.clock.now(), manages ? 'acknowledged' : 'open'],
      );
      await this.log(manager, resourceId, user, 'breakdown_reported', { reportId: created, category: dto.category, unusable: dto.unusable ?? false });
      let outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
      if (dto.unusable) {
        outcome = await this.resources.changeStatus(manager, user, resourceId, 'maintenance', dto.affectedBookings, 'breakdown', {
          defaultReason: dto.description, deferBookings: !manages,
        });
      }
      return { id: created as string, outcome };
    });
    return { ...(await this.get(user, id)), affectedBookings: outcome };
  }

  async list(user: AuthUser, query: ListBreakdownsQuery): Promise<BreakdownReportView[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (!user.isCoordinator) where.push(`(r.organisation_id = ANY(${param(organisationIds(user, 'manager'))}::uuid[]) OR b.reported_by_id = ${param(user.id)})`);
    if (query.resourceId) where.push(`b.resource_id = ${param(query.resourceId)}`);
    if (query.status === 'unresolved') where.push(`b.status <> 'resolved'`);
    else if (query.status) where.push(`b.status = ${param(query.status)}`);
    return this.dataSource.query(`SELECT ${VIEW} ${JOINS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.reported_at DESC LIMIT 500`, params);
  }

  async get(user: AuthUser, id: string): Promise<BreakdownReportView> {
    const [row] = await this.dataSource.query(`SELECT ${VIEW}, b.reported_by_id AS "reporterId" ${JOINS} WHERE b.id = $1`, [id]);
    // Coordinators see every report (canManage covers them).
    if (!row || !(canManage(user, row.resource.organisationId) || row.reporterId === user.id)) throw new DomainError(ErrorCode.NotFound);
    const { reporterId: _reporter, ...view } = row;
    return view;
  }

  /** Seen by a manager; for an unusable item, also the moment its bookings are decided. */
  async acknowledge(user: AuthUser, id: string, dto: AcknowledgeBreakdownDto): Promise<BreakdownReportView & { affectedBookings: AffectedBookingsOutcome }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const report = await this.lockManaged(manager, user, id);
      if (report.status === 'resolved') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: report.status } });
      let outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
      // A manager's own report was decided when made (and starts acknowledged); a booker's is decided here, once.
      if (report.status === 'open' && report.unusable && report.item_status === 'maintenance') {
        outcome = await this.resources.decideBookingsOfUnavailable(manager, user, report.resource_id, dto.affectedBookings, report.description);
      }
      if (report.status === 'open') {
        await manager.query(`UPDATE breakdown_reports SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by_id = $3 WHERE id = $1`, [id, this.clock.now(), user.id]);
        await this.log(manager, report.resource_id, user, 'breakdown_acknowledged', { reportId: id, cancelled: outcome.cancelled.length, kept: outcome.kept.length });
      }
      return outcome;
    });
    return { ...(await this.get(user, id)), affectedBookings: outcome };
  }

  /** Repaired: the item is back in service once no other unusable report on it is open. */
  async resolve(user: AuthUser, id: string, dto: ResolveBreakdownDto): Promise<BreakdownReportView> {
    await this.dataSource.transaction(async (manager) => {
      const report = await this.lockManaged(manager, user, id);
      if (report.status === 'resolved') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: report.status } });
      const resolvedAt = new Date(Math.max(this.clock.nowMs(), new Date(report.reported_at).getTime()));
      await manager.query(
        `UPDATE breakdown_reports SET status = 'resolved', resolved_at = $2, resolved_by_id = $3, resolution_note = $4,
                acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by_id = coalesce(acknowledged_by_id, $3) WHERE id = $1`,
        [id, resolvedAt, user.id, dto.note || null],
      );
      const hours = (resolvedAt.getTime() - new Date(report.reported_at).getTime()) / 3_600_000;
      await this.log(manager, report.resource_id, user, 'breakdown_resolved', { reportId: id, unusable: report.unusable, hours: Math.round(hours * 100) / 100 });
      if (report.unusable && report.item_status === 'maintenance') {
        const [other] = await manager.query(`SELECT 1 FROM breakdown_reports WHERE resource_id = $1 AND unusable AND status <> 'resolved' LIMIT 1`, [report.resource_id]);
        if (!other) await this.resources.changeStatus(manager, user, report.resource_id, 'active', undefined, 'breakdown');
      }
    });
    return this.get(user, id);
  }

  /**
   * Downtime hours (the part of [from, to) during which an "unusable" report was open) and mean time to
   * repair (report to resolution, over the unusable reports resolved in the range) per item: partners
   * see their items, coordinators every item. Separate from the usage reports' definitions on purpose.
   */
  async downtime(user: AuthUser, query: DowntimeQuery): Promise<DowntimeRow[]> {
    if (query.to <= query.from || query.to.getTime() - query.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'to', constraint: 'max', args: [MAX_RANGE_DAYS] }] });
    }
    const owners = user.isCoordinator ? null : organisationIds(user, 'manager');
    if (query.organisationId && owners && !owners.includes(query.organisationId)) throw new DomainError(ErrorCode.Forbidden);
    return this.dataSource.query(
      `SELECT r.id AS "resourceId", ${NAMES_JSON} AS "resourceNames", r.organisation_id AS "organisationId", o.name AS "organisationName",
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
      [query.from, query.to, this.clock.now(), owners, query.organisationId ?? null],
    );
  }

  /** The item's audit log: reports, acknowledgements, resolutions and status changes. */
  async events(user: AuthUser, resourceId: string) {
    const [item] = await this.dataSource.query('SELECT organisation_id FROM resources WHERE id = $1', [resourceId]);
    if (!item) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, item.organisation_id);
    return this.dataSource.query(
      `SELECT e.id::text, e.action, e.details, e.created_at AS "createdAt", u.name AS "actorName"
         FROM resource_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.resource_id = $1 ORDER BY e.id`,
      [resourceId],
    );
  }

  private async hasBooked(manager: EntityManager, user: AuthUser, resourceId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM bookings WHERE resource_id = $1 AND status IN ('confirmed', 'completed', 'no_show')
          AND (booked_by_id = $2 OR trainer_id = $2 OR organisation_id = ANY($3::uuid[])) LIMIT 1`,
      [resourceId, user.id, organisationIds(user)],
    );
    return Boolean(row);
  }

  private async lockManaged(manager: EntityManager, user: AuthUser, id: string) {
    const [report] = await manager.query(
      `SELECT b.id, b.resource_id, b.status, b.unusable, b.description, b.reported_at, b.reported_by_id, r.organisation_id, r.status AS item_status
         FROM breakdown_reports b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b, r`,
      [id],
    );
    if (!report) throw new DomainError(ErrorCode.NotFound);
    // The reporter and the owner's members may see the report but not decide it.
    if (!canManage(user, report.organisation_id) && report.reported_by_id === user.id) throw new DomainError(ErrorCode.Forbidden);
    assertManages(user, report.organisation_id);
    return report;
  }

  private log(manager: EntityManager, resourceId: string, user: AuthUser | null, action: string, details: object): Promise<unknown> {
    return manager.query('INSERT INTO resource_events (resource_id, actor_id, action, details) VALUES ($1, $2, $3, $4)', [resourceId, user?.id ?? null, action, JSON.stringify(details)]);
  }
}

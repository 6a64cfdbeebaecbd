import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type AffectedBookingsOutcome, type BreakdownReportView, type DowntimeRow } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser, canManage, organisationIds } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { checkedPhoto, moveUpload, type UploadedPhoto, withUpload } from '../resources/photo-upload';
import { ResourcesService } from '../resources/resources.service';
import { BookingNotifications } from '../notifications/booking-notifications.service';
import { type BreakdownListRow, BreakdownsRepository, type LockedBreakdown, type ResourceEventRow } from './breakdowns.repository';
import { AcknowledgeBreakdownDto, CreateBreakdownDto, DowntimeQuery, ListBreakdownsQuery, ResolveBreakdownDto } from './dto/breakdown.dto';

const MAX_RANGE_DAYS = 800;

/**
 * Problems reported on an item. Anyone who has booked it (or vouches for one of its bookings), its
 * managers and coordinators may report; only managers (and coordinators) acknowledge and resolve. An
 * "unusable" report puts the item into maintenance from its report until it is resolved; its bookings
 * go through the closure flow (BookingDisruptions) when a manager reports or acknowledges it. A report
 * by someone else is emailed to the managers at once (with the bookings waiting for their decision),
 * and those bookings are listed on the report until they decide. Every step is written to the item's
 * audit log (`resource_events`).
 */
@Injectable()
export class BreakdownsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ResourcesService,
    private readonly clock: Clock,
    private readonly breakdowns: BreakdownsRepository,
    private readonly notifications: BookingNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(user: AuthUser, resourceId: string, dto: CreateBreakdownDto): Promise<BreakdownReportView & { affectedBookings: AffectedBookingsOutcome }> {
    const { id, outcome } = await this.dataSource.transaction(async (manager) => {
      const item = await this.breakdowns.lockItem(manager, resourceId);
      if (!item || (item.status === 'retired' && !canManage(user, item.organisation_id))) throw new DomainError(ErrorCode.NotFound);
      const manages = canManage(user, item.organisation_id);
      if (!manages && !(await this.breakdowns.hasBooked(manager, resourceId, { userId: user.id, organisationIds: organisationIds(user) }))) {
        throw new DomainError(ErrorCode.Forbidden);
      }
      const created = await this.breakdowns.insert(manager, {
        resourceId, reporterId: user.id, category: dto.category, description: dto.description, unusable: dto.unusable ?? false,
        at: this.clock.now(), status: manages ? 'acknowledged' : 'open',
      });
      await this.log(manager, resourceId, user, 'breakdown_reported', { reportId: created, category: dto.category, unusable: dto.unusable ?? false });
      let outcome: AffectedBookingsOutcome = { cancelled: [], kept: [] };
      if (dto.unusable) {
        outcome = await this.resources.changeStatus(manager, user, resourceId, 'maintenance', dto.affectedBookings, 'breakdown', {
          defaultReason: dto.description, deferBookings: !manages,
        });
      }
      if (!manages) {
        // The managers hear of it now; for an unusable machine, with the bookings that wait for their decision.
        const bookings = dto.unusable ? await this.resources.bookingsAwaitingDecision(manager, [resourceId]) : [];
        await this.notifications.breakdownReported(manager, {
          id: created, resourceId, ownerId: item.organisation_id, names: item.names, reporterName: user.name, category: dto.category,
          description: dto.description, unusable: dto.unusable ?? false, bookings,
        });
      }
      return { id: created, outcome };
    });
    return { ...(await this.get(user, id)), affectedBookings: outcome };
  }

  async list(user: AuthUser, query: ListBreakdownsQuery): Promise<BreakdownReportView[]> {
    const rows = await this.breakdowns.list(this.dataSource.manager, {
      visibleTo: user.isCoordinator ? undefined : { ownerIds: organisationIds(user, 'manager'), userId: user.id },
      resourceId: query.resourceId,
      status: query.status,
    });
    return this.withAwaitingDecision(user, rows);
  }

  async get(user: AuthUser, id: string): Promise<BreakdownReportView> {
    const row = await this.breakdowns.get(this.dataSource.manager, id);
    // Coordinators see every report (canManage covers them).
    if (!row || !(canManage(user, row.resource.organisationId) || row.reporterId === user.id)) throw new DomainError(ErrorCode.NotFound);
    const { reporterId: _reporter, ...view } = row;
    const [withBookings] = await this.withAwaitingDecision(user, [view]);
    return withBookings;
  }

  /**
   * A booker's unusable report leaves the item's bookings to its managers, who decide when they
   * acknowledge it: until then its managers see them on the report (the same list a 409 would give).
   */
  private async withAwaitingDecision(user: AuthUser, rows: BreakdownListRow[]): Promise<BreakdownReportView[]> {
    const waiting = (row: BreakdownListRow) => row.status === 'open' && row.unusable && row.itemStatus === 'maintenance' && canManage(user, row.resource.organisationId);
    const resourceIds = [...new Set(rows.filter(waiting).map((row) => row.resource.id))];
    const bookings = await this.resources.bookingsAwaitingDecision(this.dataSource.manager, resourceIds);
    return rows.map((row) => {
      const { itemStatus: _status, ...view } = row;
      const awaitingDecision = waiting(row) ? bookings.filter((b) => b.resourceId === row.resource.id).map(({ zone: _zone, ...booking }) => booking) : [];
      return { ...view, awaitingDecision };
    });
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
        await this.breakdowns.acknowledge(manager, id, { userId: user.id, at: this.clock.now() });
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
      await this.breakdowns.resolve(manager, id, { userId: user.id, at: resolvedAt, note: dto.note || null });
      const hours = (resolvedAt.getTime() - new Date(report.reported_at).getTime()) / 3_600_000;
      await this.log(manager, report.resource_id, user, 'breakdown_resolved', { reportId: id, unusable: report.unusable, hours: Math.round(hours * 100) / 100 });
      if (report.unusable && report.item_status === 'maintenance') {
        if (!(await this.breakdowns.hasUnresolvedUnusable(manager, report.resource_id))) await this.resources.changeStatus(manager, user, report.resource_id, 'active', undefined, 'breakdown');
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
    return this.breakdowns.downtime(this.dataSource.manager, { from: query.from, to: query.to, now: this.clock.now() }, {
      ownerIds: owners, organisationId: query.organisationId ?? null,
    });
  }

  /** The item's audit log: reports, acknowledgements, resolutions and status changes. */
  async events(user: AuthUser, resourceId: string): Promise<ResourceEventRow[]> {
    const ownerId = await this.breakdowns.itemOwner(this.dataSource.manager, resourceId);
    if (!ownerId) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, ownerId);
    return this.breakdowns.events(this.dataSource.manager, resourceId);
  }

  /**
   * Whether the person may add a photo to the report: its reporter or the item's managers, while it is
   * not resolved (404 to those who cannot see it). Checked before the body is read (BreakdownPhotoGuard)
   * and again under the report's lock.
   */
  async assertMayAddPhoto(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const row = await this.breakdowns.photo(manager, id);
    if (!row || !(canManage(user, row.organisation_id) || row.reported_by_id === user.id)) throw new DomainError(ErrorCode.NotFound);
    if (row.status === 'resolved') throw new DomainError(ErrorCode.InvalidTransition, { params: { status: row.status } });
  }

  /**
   * Files the photo the upload storage streamed to a temporary file (same limits and type check as the
   * items' photos): moved into place in the transaction that records it, replacing an earlier one.
   */
  async addPhoto(user: AuthUser, id: string, upload: UploadedPhoto | undefined): Promise<BreakdownReportView> {
    const replaced = await withUpload(upload, () =>
      this.dataSource.transaction(async (manager) => {
        const report = await this.breakdowns.lock(manager, id);
        await this.assertMayAddPhoto(user, id, manager);
        if (!report) throw new DomainError(ErrorCode.NotFound);
        const { file, type, extension } = checkedPhoto(upload);
        const path = join('breakdowns', `${id}.${extension}`);
        await this.breakdowns.setPhoto(manager, id, { path, type });
        await this.log(manager, report.resource_id, user, 'breakdown_photo', { reportId: id });
        await moveUpload(file, join(this.config.uploadsDir, path));
        return report.photo_path && report.photo_path !== path ? report.photo_path : null;
      }),
    );
    if (replaced) await rm(join(this.config.uploadsDir, replaced), { force: true });
    return this.get(user, id);
  }

  /** The report's photo, for those who see the report (its reporter, the item's managers, coordinators). */
  async photoFile(user: AuthUser, id: string): Promise<{ path: string; contentType: string }> {
    const row = await this.breakdowns.photo(this.dataSource.manager, id);
    if (!row || !(canManage(user, row.organisation_id) || row.reported_by_id === user.id) || !row.photo_path || !row.photo_type) throw new DomainError(ErrorCode.NotFound);
    return { path: join(this.config.uploadsDir, row.photo_path), contentType: row.photo_type };
  }

  private async lockManaged(manager: EntityManager, user: AuthUser, id: string): Promise<LockedBreakdown> {
    const report = await this.breakdowns.lock(manager, id);
    if (!report) throw new DomainError(ErrorCode.NotFound);
    // The reporter and the owner's members may see the report but not decide it.
    if (!canManage(user, report.organisation_id) && report.reported_by_id === user.id) throw new DomainError(ErrorCode.Forbidden);
    assertManages(user, report.organisation_id);
    return report;
  }

  private log(manager: EntityManager, resourceId: string, user: AuthUser | null, action: string, details: object): Promise<void> {
    return this.breakdowns.logEvent(manager, { resourceId, actorId: user?.id ?? null, action, details });
  }
}

import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import {
  allocate, checkBookingRules, classKey, errorMessage, ErrorCode, type AllocationRequest, type BookingAnswers, type CampaignDetail, type CampaignView, type Locale,
} from '@equipole/shared';
import { translate } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, canManage, organisationIds, roleIn } from '../auth/auth-user';
import { BookingsService } from '../bookings/bookings.service';
import { QuestionsService } from '../bookings/questions.service';
import { slotTakenError, violationError } from '../bookings/booking-messages';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { CampaignResultParams } from '../notifications/email-templates';
import { MailerService } from '../notifications/mailer.service';
import { blockedSpan, candidateSlots, periodSpan, placedRules } from './campaign-slots';
import { CampaignsRepository, type CampaignRow, type RequestRow } from './campaigns.repository';
import { CampaignRequestDto, CopyCampaignDto, CreateCampaignDto, ManualAllocationDto, RunAllocationDto } from './dto/campaign.dto';

const LUXON_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/**
 * School-year campaigns (docs/campaigns.md). Every change to a campaign runs under a lock on its row,
 * so a run, an adjustment, a publication and the requests of one campaign happen one at a time.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CampaignsRepository,
    private readonly bookings: BookingsService,
    private readonly questions: QuestionsService,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * An organisation's managers open a campaign over its own items; a cluster's coordinators (every
   * cluster coordinator is a platform coordinator) over items offered in the cluster, of any partner.
   */
  async create(user: AuthUser, dto: CreateCampaignDto): Promise<CampaignDetail> {
    if ((dto.organisationId === undefined) === (dto.clusterId === undefined)) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: dto.clusterId ? 'clusterId' : 'organisationId', constraint: 'campaignOwner', args: [] }] });
    }
    if (dto.clusterId !== undefined) {
      if (!user.isCoordinator) throw new DomainError(ErrorCode.CoordinatorOnly, { details: { field: 'clusterId' } });
      if (!(await this.repository.clusterExists(this.dataSource.manager, dto.clusterId))) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'clusterId' } });
    } else if (!canManage(user, dto.organisationId!)) {
      throw new DomainError(roleIn(user, dto.organisationId!) ? ErrorCode.Forbidden : ErrorCode.NotFound, { details: { field: 'organisationId' } });
    }
    const problems = [
      dto.periodStart > dto.periodEnd && { field: 'periodEnd', constraint: 'closureOrder', args: [] },
      dto.windowOpensAt >= dto.windowClosesAt && { field: 'windowClosesAt', constraint: 'closureOrder', args: [] },
    ].filter(Boolean);
    if (problems.length) throw new DomainError(ErrorCode.ValidationFailed, { details: problems });
    const id = await this.dataSource.transaction(async (manager) => {
      const campaignId = await this.repository.insert(manager, dto, user.id);
      const owner = { organisationId: dto.organisationId ?? null, clusterId: dto.clusterId ?? null };
      const added = await this.repository.addItems(manager, campaignId, owner, [...new Set(dto.resourceIds)]);
      if (added !== new Set(dto.resourceIds).size) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'resourceIds' } });
      return campaignId;
    });
    return this.get(user, id);
  }

  async list(user: AuthUser): Promise<CampaignView[]> {
    const mine = organisationIds(user);
    const kinds = [...new Set((await this.repository.kindsOf(this.dataSource.manager, mine)).map((o) => o.kind))];
    const rows = await this.repository.list(this.dataSource.manager, user.isCoordinator, organisationIds(user, 'manager'), kinds);
    return rows.map((row) => this.view(user, row));
  }

  async get(user: AuthUser, id: string): Promise<CampaignDetail> {
    const manager = this.dataSource.manager;
    const campaign = await this.visible(manager, user, id);
    const scope = this.manages(user, campaign) ? null : organisationIds(user);
    // Requesters see what they got once it is published, not the proposal being adjusted; the managers
    // of a cluster campaign's items see every session on their own items, the proposal included.
    const allocationScope = scope && { requesters: campaign.status === 'published' ? scope : [], owners: this.hostedBy(user, campaign) };
    return {
      ...this.view(user, campaign),
      requests: await this.repository.requestViews(manager, id, scope),
      allocations: allocationScope && !allocationScope.requesters.length && !allocationScope.owners.length ? [] : await this.repository.allocationViews(manager, id, allocationScope),
    };
  }

  async submit(user: AuthUser, id: string, dto: CampaignRequestDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.openForRequests(manager, user, id, dto);
      const answers = await this.checkedAnswers(manager, campaign, dto);
      const requestId = await this.repository.insertRequest(manager, campaign.id, user.id, dto, this.clock.now());
      await this.repository.setAnswers(manager, requestId, answers);
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, requestId: string, dto: CampaignRequestDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.openForRequests(manager, user, id, dto);
      // A request stays with its organisation: the one in the body must be the one it was made for.
      const answers = await this.checkedAnswers(manager, campaign, dto);
      if (!(await this.repository.updateRequest(manager, campaign.id, requestId, [dto.organisationId], dto))) throw new DomainError(ErrorCode.NotFound);
      await this.repository.setAnswers(manager, requestId, answers);
    });
    return this.get(user, id);
  }

  async withdraw(user: AuthUser, id: string, requestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.visible(manager, user, id, true);
      const [request] = await this.repository.requestOrganisation(manager, id, requestId, organisationIds(user));
      if (!request) throw new DomainError(ErrorCode.NotFound);
      this.assertWindowOpen(campaign);
      await this.repository.deleteRequest(manager, id, requestId, [request.organisationId]);
    });
  }

  /** Ends the request window now (managers may close it early, e.g. once every school has answered). */
  async close(user: AuthUser, id: string): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.managed(manager, user, id);
      this.assertStatus(campaign, 'open');
      if (this.clock.nowMs() < new Date(campaign.windowClosesAt).getTime()) await this.repository.closeWindow(manager, id, this.clock.now());
    });
    return this.get(user, id);
  }

  /** Draws the order from the seed and allocates; replaces any earlier proposal. Managers only, once the window has closed. */
  async run(user: AuthUser, id: string, dto: RunAllocationDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.managed(manager, user, id);
      if (campaign.status === 'published' || this.clock.nowMs() < new Date(campaign.windowClosesAt).getTime()) {
        throw new DomainError(ErrorCode.CampaignState, { params: { status: campaign.status }, details: { status: campaign.status, windowClosesAt: campaign.windowClosesAt } });
      }
      const now = this.clock.nowMs();
      const widest = periodSpan(campaign.periodStart, campaign.periodEnd, 'UTC');
      const items = await this.repository.items(manager, id, new Date(widest.start - 2 * 86_400_000), new Date(widest.end + 2 * 86_400_000));
      const slots = items.flatMap((item) => candidateSlots(item, campaign, now));
      const zone = campaign.items[0]?.timeZone ?? 'Europe/Brussels';
      const requests = (await this.repository.requests(manager, id)).map((request) => this.allocationRequest(request, items, zone));
      const seed = dto.seed ?? randomBytes(8).toString('hex');
      const result = allocate({ seed, requests, slots, caps: { perOrganisation: campaign.capPerOrganisation, perClass: campaign.capPerClass } });
      await this.repository.saveProposal(manager, id, {
        seed, order: result.order, at: this.clock.now(), outcomes: result.outcomes,
        allocations: result.allocations.map((a) => ({ requestId: a.requestId, resourceId: a.resourceId, period: { start: a.start, end: a.end }, blocked: { start: a.blockedStart, end: a.blockedEnd } })),
      });
    });
    return this.get(user, id);
  }

  /** Adds one session by hand: the item's rules and bookings, the campaign's caps and its other sessions all apply. */
  async addAllocation(user: AuthUser, id: string, dto: ManualAllocationDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.managed(manager, user, id);
      this.assertStatus(campaign, 'allocated');
      const request = (await this.repository.requests(manager, id)).find((r) => r.id === dto.requestId);
      if (!request) throw new DomainError(ErrorCode.NotFound, { details: { field: 'requestId' } });
      const period = { start: dto.start.getTime(), end: dto.end.getTime() };
      const item = (await this.repository.items(manager, id, new Date(period.start - 2 * 86_400_000), new Date(period.end + 2 * 86_400_000))).find((i) => i.id === dto.resourceId);
      if (!item || !this.allocationRequest(request, [item], item.zone).resourceIds.includes(item.id)) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'resourceId' } });
      const range = periodSpan(campaign.periodStart, campaign.periodEnd, item.zone);
      if (period.end <= period.start || period.start < range.start || period.end > range.end) {
        throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'start', constraint: 'closureOrder', args: [] }] });
      }
      const rules = placedRules(item.rules);
      const violation = checkBookingRules({
        now: this.clock.nowMs(), period, zone: item.zone, rules, status: item.status, capacity: item.capacity, participants: request.pupils, closures: item.closures,
      });
      if (violation) throw violationError(violation);
      const blocked = blockedSpan(rules, period);
      const taken = item.busy.find((b) => new Date(b.start).getTime() < blocked.end && blocked.start < new Date(b.end).getTime());
      if (taken) throw slotTakenError(new Date(taken.start), new Date(taken.end), item.zone);
      const counts = await this.repository.allocatedCounts(manager, id, request.organisationId, request.id);
      if (campaign.capPerOrganisation !== null && counts.organisation >= campaign.capPerOrganisation) throw this.capError(campaign.capPerOrganisation, 'organisation');
      if (campaign.capPerClass !== null && counts.sameClass >= campaign.capPerClass) throw this.capError(campaign.capPerClass, 'class');
      // Another session of this campaign on the item: the exclusion constraint answers 409.
      await this.repository.insertAllocation(manager, id, request.id, item.id, period, blocked);
    });
    return this.get(user, id);
  }

  async removeAllocation(user: AuthUser, id: string, allocationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.managed(manager, user, id);
      this.assertStatus(campaign, 'allocated');
      if (!(await this.repository.deleteAllocation(manager, id, allocationId))) throw new DomainError(ErrorCode.NotFound);
    });
  }

  /**
   * Every allocation becomes a confirmed booking in one transaction, through the booking engine under
   * each item's lock; if any can no longer be booked (a booking made since the run, a new closure…),
   * nothing is booked and the answer lists them. Every requester is told what they got and what not.
   */
  async publish(user: AuthUser, id: string): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.managed(manager, user, id);
      this.assertStatus(campaign, 'allocated');
      const requests = new Map((await this.repository.requests(manager, id)).map((r) => [r.id, r]));
      const now = this.clock.nowMs();
      const booked: { allocationId: string; bookingId: string }[] = [];
      const questionIds = new Map<string, Set<string>>();
      const failures: { allocationId: string; code: string; message: string }[] = [];
      for (const allocation of await this.repository.toPublish(manager, id)) {
        const request = requests.get(allocation.requestId)!;
        try {
          const bookingId = await this.bookings.createPlaced(
            manager,
            { actorId: user.id, bookedById: request.requestedById, campaignId: id },
            {
              resourceId: allocation.resourceId, organisationId: request.organisationId, purpose: request.purpose as CampaignRequestDto['purpose'],
              participants: { pupils: request.pupils, apprentices: 0, jobSeekers: 0, trainers: 0, employees: 0 }, notes: undefined, class: request.class,
            },
            { start: new Date(allocation.start).getTime(), end: new Date(allocation.end).getTime() },
            now,
          );
          booked.push({ allocationId: allocation.id, bookingId });
          // The request's answers to this item's questions as they are now (a question removed since is left out).
          if (!questionIds.has(allocation.resourceId)) questionIds.set(allocation.resourceId, new Set((await this.questions.list(allocation.resourceId, manager)).map((q) => q.id)));
          const asked = questionIds.get(allocation.resourceId)!;
          await this.questions.save(manager, bookingId, Object.fromEntries(Object.entries(request.answers ?? {}).filter(([questionId]) => asked.has(questionId))));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const params = typeof error.params === 'function' ? error.params(user.locale) : error.params;
          failures.push({ allocationId: allocation.id, code: error.code, message: errorMessage(error.code, user.locale, params) });
        }
      }
      if (failures.length) throw new DomainError(ErrorCode.CampaignConflicts, { details: { allocations: failures }, params: { count: failures.length } });
      await this.repository.markPublished(manager, id, booked, user.id, this.clock.now());
      await this.notifyRequesters(manager, campaign);
    });
    return this.get(user, id);
  }

  async copy(user: AuthUser, id: string, dto: CopyCampaignDto): Promise<CampaignDetail> {
    const copyId = await this.dataSource.transaction(async (manager) => {
      await this.managed(manager, user, id);
      return this.repository.copy(manager, id, dto.years, user.id);
    });
    return this.get(user, copyId);
  }

  private async notifyRequesters(manager: EntityManager, campaign: CampaignRow): Promise<void> {
    const link = `${this.config.publicUrl}/campaigns/${campaign.id}`;
    for (const requester of await this.repository.publishedResults(manager, campaign.id)) {
      const locale = requester.locale;
      const format = (iso: string, zone: string, format: string) => DateTime.fromISO(iso, { zone }).setLocale(LUXON_LOCALE[locale]).toFormat(format);
      const params: CampaignResultParams = {
        name: requester.name, campaign: campaign.name, owner: campaign.organisationName ?? campaign.clusterName ?? '', link,
        requests: requester.requests.map((r) => ({
          target: r.target ?? r.resourceKind ?? '',
          classLabel: [r.class.year ? `${r.class.year}` : null, r.class.section].filter(Boolean).join(' ') || r.class.level,
          asked: r.asked,
          unmet: r.unmet,
          reason: r.reason,
          sessions: r.sessions.map((s) => `${format(s.start, s.zone, 'ccc d LLL yyyy HH:mm')}–${format(s.end, s.zone, 'HH:mm')}`),
        })),
      };
      await this.mailer.queue(manager, { email: requester.email, locale }, { kind: 'campaign_result', params }, { eventKey: `campaign:${campaign.id}:published` });
    }
  }

  /** The items a request can be served on: its item, or every item of its kind, that holds its pupils. */
  private allocationRequest(request: RequestRow, items: { id: string; kind: string; capacity: number }[], zone: string): AllocationRequest {
    const day = (iso: string | null, plus = 0) => (iso ? DateTime.fromISO(iso, { zone }).plus({ days: plus }).toMillis() : null);
    return {
      id: request.id,
      organisationId: request.organisationId,
      classKey: classKey(request.organisationId, request.class),
      resourceIds: items.filter((i) => (request.resourceId ? i.id === request.resourceId : i.kind === request.resourceKind) && i.capacity >= request.pupils).map((i) => i.id),
      sessions: request.sessions,
      priority: request.priority,
      createdAt: new Date(request.createdAt).getTime(),
      preferredWeekdays: request.preferredWeekdays,
      preferredPart: request.preferredPart,
      earliest: day(request.earliest),
      latest: day(request.latest, 1),
    };
  }

  private capError(limit: number, scope: 'organisation' | 'class'): DomainError {
    return new DomainError(ErrorCode.CampaignCapReached, { details: { limit, scope }, params: (locale) => ({ limit, scope: translate(locale, `campaign.scope.${scope}`) }) });
  }

  private assertStatus(campaign: CampaignRow, status: CampaignRow['status']): void {
    if (campaign.status !== status) throw new DomainError(ErrorCode.CampaignState, { params: { status: campaign.status }, details: { status: campaign.status } });
  }

  private assertWindowOpen(campaign: CampaignRow): void {
    const now = this.clock.nowMs();
    if (campaign.status !== 'open' || now < new Date(campaign.windowOpensAt).getTime() || now >= new Date(campaign.windowClosesAt).getTime()) {
      const when = (instant: Date, locale: Locale) => DateTime.fromJSDate(new Date(instant), { zone: campaign.items[0]?.timeZone ?? 'Europe/Brussels' })
        .setLocale(LUXON_LOCALE[locale]).toFormat('d LLLL yyyy HH:mm');
      throw new DomainError(ErrorCode.CampaignWindowClosed, {
        details: { windowOpensAt: campaign.windowOpensAt, windowClosesAt: campaign.windowClosesAt },
        params: (locale) => ({ opens: when(campaign.windowOpensAt, locale), closes: when(campaign.windowClosesAt, locale) }),
      });
    }
  }

  /** The checks of a new or edited request, under the campaign's lock: membership, window, eligibility, target. */
  private async openForRequests(manager: EntityManager, user: AuthUser, id: string, dto: CampaignRequestDto): Promise<CampaignRow> {
    if (!roleIn(user, dto.organisationId)) throw new DomainError(ErrorCode.NotFound, { details: { field: 'organisationId' } });
    const campaign = await this.visible(manager, user, id, true);
    this.assertWindowOpen(campaign);
    const [organisation] = await this.repository.kindsOf(manager, [dto.organisationId]);
    if (!campaign.eligibleKinds.includes(organisation.kind) || (campaign.eligibleLevels.length > 0 && !campaign.eligibleLevels.includes(dto.class.level))) {
      throw new DomainError(ErrorCode.CampaignNotEligible, { details: { eligibleKinds: campaign.eligibleKinds, eligibleLevels: campaign.eligibleLevels } });
    }
    if ((dto.resourceId === undefined) === (dto.resourceKind === undefined)) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'resourceId', constraint: 'isDefined', args: [] }] });
    }
    if (!campaign.items.some((item) => item.id === dto.resourceId || item.kind === dto.resourceKind)) {
      throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: dto.resourceId ? 'resourceId' : 'resourceKind' } });
    }
    if (dto.earliest && dto.latest && dto.earliest > dto.latest) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'latest', constraint: 'closureOrder', args: [] }] });
    }
    return campaign;
  }

  /**
   * A request's answers checked against the questions of every item it accepts (its item, or every
   * campaign item of its kind): it may be served on any of them. 400 field by field, as for a booking.
   */
  private async checkedAnswers(manager: EntityManager, campaign: CampaignRow, dto: CampaignRequestDto): Promise<BookingAnswers> {
    const accepted = campaign.items.filter((item) => (dto.resourceId ? item.id === dto.resourceId : item.kind === dto.resourceKind)).map((item) => item.id);
    return (await this.questions.checkedForItems(manager, accepted, dto.answers)).answers;
  }

  /**
   * Managers of the running organisation, or coordinators (a cluster's campaign: only they). Members of
   * the running organisation get 403, managers of a cluster campaign's items 403 (coordinators only),
   * everyone else 404.
   */
  private async managed(manager: EntityManager, user: AuthUser, id: string): Promise<CampaignRow> {
    const campaign = await this.repository.find(manager, id, true);
    if (!campaign || !this.canSee(user, campaign, [])) throw new DomainError(ErrorCode.NotFound);
    if (!this.manages(user, campaign)) {
      if (campaign.clusterId) throw new DomainError(ErrorCode.CoordinatorOnly);
      throw new DomainError(roleIn(user, campaign.organisationId!) ? ErrorCode.Forbidden : ErrorCode.NotFound);
    }
    return campaign;
  }

  /** Runs, adjusts and publishes it: the running organisation's managers, or coordinators (the only ones for a cluster's campaign). */
  private manages(user: AuthUser, campaign: CampaignRow): boolean {
    return campaign.clusterId ? user.isCoordinator : canManage(user, campaign.organisationId!);
  }

  /** The reader's managed organisations that own an item of the campaign. */
  private hostedBy(user: AuthUser, campaign: CampaignRow): string[] {
    const owners = new Set(campaign.items.map((item) => item.organisation.id));
    return organisationIds(user, 'manager').filter((id) => owners.has(id));
  }

  private async visible(manager: EntityManager, user: AuthUser, id: string, lock = false): Promise<CampaignRow> {
    const campaign = await this.repository.find(manager, id, lock);
    const kinds = campaign ? (await this.repository.kindsOf(manager, organisationIds(user))).map((o) => o.kind) : [];
    if (!campaign || !this.canSee(user, campaign, kinds)) throw new DomainError(ErrorCode.NotFound);
    return campaign;
  }

  /**
   * Coordinators, members of the running organisation, managers of an item's owner (a cluster's
   * campaign), and members of an organisation of an eligible kind.
   */
  private canSee(user: AuthUser, campaign: CampaignRow, kinds: string[]): boolean {
    return user.isCoordinator || Boolean(campaign.organisationId && roleIn(user, campaign.organisationId)) || this.hostedBy(user, campaign).length > 0
      || kinds.some((kind) => campaign.eligibleKinds.includes(kind));
  }

  private view(user: AuthUser, row: CampaignRow): CampaignView {
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
    return {
      id: row.id, name: row.name,
      organisation: row.organisationId ? { id: row.organisationId, name: row.organisationName! } : null,
      cluster: row.clusterId ? { id: row.clusterId, name: row.clusterName! } : null,
      periodStart: row.periodStart, periodEnd: row.periodEnd, windowOpensAt: iso(row.windowOpensAt)!, windowClosesAt: iso(row.windowClosesAt)!,
      publishBy: row.publishBy, sessionMinutes: row.sessionMinutes, eligibleKinds: row.eligibleKinds, eligibleLevels: row.eligibleLevels,
      capPerOrganisation: row.capPerOrganisation, capPerClass: row.capPerClass, status: row.status, seed: row.seed, drawOrder: row.drawOrder,
      allocatedAt: iso(row.allocatedAt), publishedAt: iso(row.publishedAt), copiedFromId: row.copiedFromId, items: row.items,
      canManage: this.manages(user, row),
    };
  }
}

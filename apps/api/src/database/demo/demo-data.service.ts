import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DateTime } from 'luxon';
import { expandSeries, normaliseRegistrationNumber, openSpans, type BookingPurpose, type BookingStatus, type Closure } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { JOBS_ZONE } from '../../jobs/job-schedule';
import { BookingNotifications } from '../../notifications/booking-notifications.service';
import {
  DEMO_BOOKERS, DEMO_CLUSTERS, DEMO_CREDENTIALS, DEMO_GRANTS, DEMO_ORGANISATIONS, DEMO_RESOURCE_CLOSURES, DEMO_SITE_CLOSURES, DEMO_PASSWORD, DEMO_RESOURCES, DEMO_SITES, DEMO_USERS,
  OPENING_PROFILES,
} from './demo-catalogue';

export interface DemoDataSummary {
  organisations: number;
  users: number;
  resources: number;
  bookings: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so that every fresh demo looks the same. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Version-4-shaped UUIDs from their own seeded stream, so that ids never shift the demo's other draws. */
function uuidGenerator(seed: number): () => string {
  const random = randomGenerator(seed);
  return () => {
    const hex = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

const PURPOSE_WEIGHTS: [BookingPurpose, number][] = [
  ['course', 0.6], ['occupation_discovery', 0.15], ['trainer_training', 0.1], ['exam', 0.1], ['company_demo', 0.05],
];

@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: BookingNotifications,
    private readonly clock: Clock,
  ) {}

  /** Loads the demo territory into an empty database; does nothing once any organisation exists. */
  async seedIfEmpty(now: DateTime = this.clock.dateTime()): Promise<DemoDataSummary | undefined> {
    const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const summary = await this.dataSource.transaction(async (manager) => {
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM organisations');
      if (count > 0) return undefined;
      return this.seed(manager, passwordHash, now);
    });
    if (summary) this.logger.log({ summary }, 'Demo data loaded');
    return summary;
  }

  private async seed(manager: EntityManager, passwordHash: string, now: DateTime): Promise<DemoDataSummary> {
    // Same seed and same `now`: the same rows, ids included, and the same emails.
    const random = randomGenerator(20131);
    const nextId = uuidGenerator(2014);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

    const orgIds = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, nextId()]));
    await insertRows(manager, 'organisations',
      ['id', 'kind', 'name', 'country', 'address', 'postcode', 'city', 'latitude', 'longitude', 'registration_number', 'contact_email', 'website'],
      DEMO_ORGANISATIONS.map((o) => [orgIds.get(o.key), o.kind, o.name, o.country, o.address, o.postcode, o.city, o.latitude, o.longitude, o.registrationNumber ? normaliseRegistrationNumber(o.registrationNumber) : null, o.contactEmail, o.website ?? null]));

    const userIds = new Map(DEMO_USERS.map((u) => [u.email, nextId()]));
    await insertRows(manager, 'users', ['id', 'email', 'name', 'locale', 'password_hash', 'is_coordinator'],
      DEMO_USERS.map((u) => [userIds.get(u.email), u.email, u.name, u.locale, passwordHash, u.coordinator ?? false]));
    await insertRows(manager, 'memberships', ['user_id', 'organisation_id', 'role'],
      DEMO_USERS.flatMap((u) => u.memberships.map((m) => [userIds.get(u.email), orgIds.get(m.organisation), m.role])));

    // The occupations come from the reference catalogue, loaded at start-up before any demo data.
    const occupationRows: { id: string; code: string }[] = await manager.query('SELECT id, code FROM occupations');
    const occupationIds = new Map(occupationRows.map((o) => [o.code, o.id]));
    const missing = DEMO_RESOURCES.flatMap((r) => r.occupations).filter((code) => !occupationIds.has(code));
    if (missing.length > 0) throw new Error(`Demo data needs occupations missing from the catalogue: ${[...new Set(missing)].join(', ')}`);

    const clusterIds = new Map(DEMO_CLUSTERS.map((c) => [c.key, nextId()]));
    await insertRows(manager, 'clusters', ['id', 'name', 'description_fr', 'description_nl', 'description_en', 'sector', 'lead_organisation_id', 'start_date', 'status'],
      DEMO_CLUSTERS.map((c) => [clusterIds.get(c.key), c.name, c.fr, c.nl, c.en, c.sector, orgIds.get(c.lead), c.startDate, c.status]));
    await insertRows(manager, 'cluster_occupations', ['cluster_id', 'occupation_id'],
      DEMO_CLUSTERS.flatMap((c) => c.occupations.map((o) => [clusterIds.get(c.key), occupationIds.get(o)])));
    await insertRows(manager, 'cluster_members', ['cluster_id', 'organisation_id'],
      DEMO_CLUSTERS.flatMap((c) => c.members.map((m) => [clusterIds.get(c.key), orgIds.get(m)])));
    const coordinator = DEMO_USERS.find((u) => u.coordinator)!;
    await insertRows(manager, 'cluster_coordinators', ['cluster_id', 'user_id'],
      DEMO_CLUSTERS.map((c) => [clusterIds.get(c.key), userIds.get(coordinator.email)]));

    const siteIds = new Map(DEMO_SITES.map((s) => [s.key, nextId()]));
    await insertRows(manager, 'sites', ['id', 'organisation_id', 'name', 'address', 'postcode', 'city', 'country', 'region', 'latitude', 'longitude', 'time_zone'],
      DEMO_SITES.map((s) => [siteIds.get(s.key), orgIds.get(s.owner), s.name, s.address, s.postcode, s.city, s.country, s.region, s.latitude, s.longitude, s.timeZone]));

    const credentialIds = new Map(DEMO_CREDENTIALS.map((c) => [c.key, nextId()]));
    await insertRows(manager, 'credentials', ['id', 'organisation_id', 'name_fr', 'name_nl', 'name_en'],
      DEMO_CREDENTIALS.map((c) => [credentialIds.get(c.key), orgIds.get(c.owner), c.fr, c.nl, c.en]));
    await insertRows(manager, 'credential_grants', ['credential_id', 'user_id', 'expires_on'],
      DEMO_GRANTS.map((g) => [credentialIds.get(g.credential), userIds.get(g.user), now.plus({ months: g.months }).toISODate()]));

    const resources = DEMO_RESOURCES.map((r) => ({ ...r, id: nextId(), site: DEMO_SITES.find((s) => s.key === r.site)! }));
    await insertRows(manager, 'resources',
      ['id', 'organisation_id', 'site_id', 'kind', 'name_fr', 'name_nl', 'name_en', 'description_fr', 'capacity', 'sector', 'with_operator',
        'cost_model', 'hourly_rate', 'opening_hours', 'slot_minutes', 'min_duration_minutes', 'max_duration_minutes', 'lead_time_minutes',
        'horizon_days', 'buffer_after_minutes', 'approval_mode', 'quota_week_minutes', 'access_policy', 'cancel_cutoff_hours', 'required_credential_id',
        'available_from'],
      resources.map((r) => [r.id, orgIds.get(r.owner), siteIds.get(r.site.key), r.kind, r.fr, r.nl, r.en, r.descriptionFr, r.capacity, r.sector,
        r.withOperator ?? false, r.costModel ?? 'free', r.hourlyRate ?? null, JSON.stringify(OPENING_PROFILES[r.hours]), 30, 60, 480, 1440,
        90, r.bufferAfter, r.approval, r.approval === 'automatic' ? 20 * 60 : null, r.clusters.length > 0 ? 'clusters' : 'all', 24,
        r.credential ? credentialIds.get(r.credential) : null,
        // On the platform since the first day of the demo's bookings (91 days back): reports count open time from then on.
        now.setZone(r.site.timeZone).minus({ days: 91 }).toISODate()]));

    const closuresBySite = new Map<string, Closure[]>();
    for (const c of DEMO_SITE_CLOSURES) {
      closuresBySite.set(c.site, [...(closuresBySite.get(c.site) ?? []), { startsOn: c.startsOn, endsOn: c.endsOn, startTime: null, endTime: null, yearly: true, reason: c.reason }]);
    }
    await insertRows(manager, 'closures', ['site_id', 'starts_on', 'ends_on', 'yearly', 'reason'],
      DEMO_SITE_CLOSURES.map((c) => [siteIds.get(c.site), c.startsOn, c.endsOn, true, c.reason]));
    const closuresByResource = new Map<string, Closure[]>();
    for (const c of DEMO_RESOURCE_CLOSURES) {
      const resource = resources.find((r) => r.fr === c.resource)!;
      const day = now.setZone(resource.site.timeZone).startOf('day').plus({ days: c.fromDay });
      const closure: Closure = {
        startsOn: day.toISODate()!, endsOn: day.plus({ days: c.days - 1 }).toISODate()!,
        startTime: c.startTime ?? null, endTime: c.endTime ?? null, yearly: false, reason: c.reason,
      };
      closuresByResource.set(resource.id, [...(closuresByResource.get(resource.id) ?? []), closure]);
    }
    await insertRows(manager, 'closures', ['resource_id', 'starts_on', 'ends_on', 'start_time', 'end_time', 'yearly', 'reason'],
      [...closuresByResource].flatMap(([resourceId, list]) => list.map((c) => [resourceId, c.startsOn, c.endsOn, c.startTime, c.endTime, false, c.reason])));
    await insertRows(manager, 'resource_occupations', ['resource_id', 'occupation_id'],
      resources.flatMap((r) => r.occupations.map((o) => [r.id, occupationIds.get(o)])));
    await insertRows(manager, 'resource_clusters', ['resource_id', 'cluster_id'],
      resources.flatMap((r) => r.clusters.map((c) => [r.id, clusterIds.get(c)])));

    const orgKind = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o.kind]));
    const bookings: unknown[][] = [];
    // A term-long series: the Athénée's welding class every Tuesday 08:30–12:00 in the Tournai workshop.
    const seriesResource = resources.find((r) => r.fr.startsWith('Atelier de soudure MIG/MAG'))!;
    const seriesId = nextId();
    const seriesLocalToday = now.setZone(seriesResource.site.timeZone).startOf('day');
    const seriesPattern = {
      weekdays: [2], intervalWeeks: 1, startTime: '08:30', endTime: '12:00',
      startsOn: seriesLocalToday.minus({ weeks: 8 }).toISODate()!, endsOn: seriesLocalToday.plus({ weeks: 8 }).toISODate()!,
    };
    const isSeriesMorning = (resourceId: string, start: DateTime) => resourceId === seriesResource.id && start.weekday === 2 && start.hour < 12;
    for (const resource of resources) {
      const zone = resource.site.timeZone;
      const profile = OPENING_PROFILES[resource.hours];
      const today = now.setZone(zone).startOf('day');
      const closures = [...(closuresBySite.get(resource.site.key) ?? []), ...(closuresByResource.get(resource.id) ?? [])];
      for (let offset = -91; offset <= 91; offset++) {
        const day = today.plus({ days: offset });
        // Book only inside the day's open spans (opening hours minus closures), one session per span at most.
        for (const span of openSpans(profile, closures, zone, day.toMillis(), day.plus({ days: 1 }).toMillis())) {
          const future = offset > 0;
          if (random() > (future ? 0.4 - offset / 400 : 0.5)) continue;
          const open = DateTime.fromMillis(span.start, { zone });
          const close = DateTime.fromMillis(span.end, { zone });
          if (isSeriesMorning(resource.id, open)) continue;
          const start = open.plus({ minutes: random() < 0.3 ? 30 : 0 });
          const hours = 2 + Math.floor(random() * 5) / 2;
          const end = DateTime.min(start.plus({ hours }), close);
          if (end.diff(start, 'minutes').minutes < 60) continue;

          const booker = pick(DEMO_BOOKERS.filter((b) => b.organisation !== resource.owner || random() < 0.1));
          const status = pickStatus(random(), end < now, start > now);
          const participants = participantsFor(orgKind.get(booker.organisation)!, resource.capacity, random);
          const purpose = weighted(PURPOSE_WEIGHTS, random());
          const attended = status === 'completed';
          const shrink = (n: number) => (attended ? Math.max(0, n - (random() < 0.3 ? 1 : 0)) : null);
          const blockedEnd = end.plus({ minutes: resource.bufferAfter });
          bookings.push([
            nextId(), resource.id, orgIds.get(booker.organisation), userIds.get(booker.user),
            `[${start.toISO()},${end.toISO()})`, `[${start.toISO()},${blockedEnd.toISO()})`, status, purpose,
            occupationIds.get(pick(resource.occupations)),
            participants.pupils, participants.apprentices, participants.jobSeekers, participants.trainers, participants.employees,
            attended ? start.toISO() : null, attended ? end.toISO() : null,
            shrink(participants.pupils), shrink(participants.apprentices), shrink(participants.jobSeekers),
            attended ? participants.trainers : null, shrink(participants.employees),
            status === 'declined' ? 'Machine réservée pour la production ce jour-là.' : status === 'cancelled' ? 'Sortie annulée par l’école.' : null,
            start.minus({ days: 10 + Math.floor(random() * 20) }).toISO(), null,
          ]);
        }
      }
    }
    await insertRows(manager, 'booking_series',
      ['id', 'resource_id', 'organisation_id', 'booked_by_id', 'weekdays', 'interval_weeks', 'start_time', 'end_time', 'starts_on', 'ends_on', 'mode'],
      [[seriesId, seriesResource.id, orgIds.get('athenee'), userIds.get('formateur@athenee-collines.test'), seriesPattern.weekdays, 1,
        seriesPattern.startTime, seriesPattern.endTime, seriesPattern.startsOn, seriesPattern.endsOn, 'skip_conflicts']]);
    for (const occurrence of expandSeries(seriesPattern, seriesResource.site.timeZone)) {
      const start = DateTime.fromMillis(occurrence.start);
      const end = DateTime.fromMillis(occurrence.end);
      const past = end < now;
      bookings.push([
        nextId(), seriesResource.id, orgIds.get('athenee'), userIds.get('formateur@athenee-collines.test'),
        `[${start.toISO()},${end.toISO()})`, `[${start.toISO()},${end.plus({ minutes: seriesResource.bufferAfter }).toISO()})`,
        past ? 'completed' : 'confirmed', 'course', occupationIds.get('welder'), 10, 2, 0, 1, 0,
        past ? start.toISO() : null, past ? end.toISO() : null, past ? 9 : null, past ? 2 : null, past ? 0 : null, past ? 1 : null, past ? 0 : null,
        null, now.minus({ weeks: 9 }).toISO(), seriesId,
      ]);
    }
    await insertRows(manager, 'bookings',
      ['id', 'resource_id', 'organisation_id', 'booked_by_id', 'period', 'blocked', 'status', 'purpose', 'occupation_id',
        'expected_pupils', 'expected_apprentices', 'expected_job_seekers', 'expected_trainers', 'expected_employees',
        'actual_start', 'actual_end', 'actual_pupils', 'actual_apprentices', 'actual_job_seekers', 'actual_trainers', 'actual_employees',
        'status_reason', 'created_at', 'series_id'],
      bookings);

    // Unmet demand: requests waiting for slots that are taken.
    const taken = bookings.filter((b) => b[6] === 'confirmed' && b[23] === null);
    const waiting = taken.filter((_, index) => index % 12 === 5).slice(0, 8).map((b) => {
      const booker = pick(DEMO_BOOKERS.filter((x) => orgIds.get(x.organisation) !== b[2]));
      return [b[1], orgIds.get(booker.organisation), userIds.get(booker.user), b[4], 'occupation_discovery', b[8]];
    });
    await insertRows(manager, 'waitlist_entries', ['resource_id', 'organisation_id', 'user_id', 'period', 'purpose', 'occupation_id'], waiting);

    // Past unmet demand for the reports: waitlist entries never served, and requests refused because the slot was taken.
    const otherBooker = (b: unknown[], index: number) => {
      const others = DEMO_BOOKERS.filter((x) => orgIds.get(x.organisation) !== b[2]);
      return others[index % others.length];
    };
    const completed = bookings.filter((b) => b[6] === 'completed' && b[23] === null);
    await insertRows(manager, 'waitlist_entries', ['resource_id', 'organisation_id', 'user_id', 'period', 'purpose', 'occupation_id', 'status', 'resolved_at'],
      completed.filter((_, index) => index % 25 === 3).slice(0, 24).map((b, index) => {
        const booker = otherBooker(b, index);
        return [b[1], orgIds.get(booker.organisation), userIds.get(booker.user), b[4], 'course', b[8], 'expired', /^\[([^,]+),/.exec(b[4] as string)![1]];
      }));
    await insertRows(manager, 'booking_refusals', ['resource_id', 'organisation_id', 'user_id', 'period', 'code', 'created_at'],
      completed.filter((_, index) => index % 25 === 11).slice(0, 24).map((b, index) => {
        const booker = otherBooker(b, index + 3);
        return [b[1], orgIds.get(booker.organisation), userIds.get(booker.user), b[4], 'SLOT_TAKEN', b[22]];
      }));

    await this.seedEmails(manager, now);
    return { organisations: orgIds.size, users: userIds.size, resources: resources.length, bookings: bookings.length };
  }

  /**
   * A few emails of each kind in the outbox, written by the real notification code, so the coordinators'
   * Emails page shows what the platform sends (they stay there without SMTP_URL, or go to Mailpit).
   */
  private async seedEmails(manager: EntityManager, now: DateTime): Promise<void> {
    const upcoming = (status: string, limit: number): Promise<{ id: string; bookedById: string; ownerId: string }[]> =>
      manager.query(
        `SELECT b.id, b.booked_by_id AS "bookedById", r.organisation_id AS "ownerId" FROM bookings b JOIN resources r ON r.id = b.resource_id
          WHERE b.status = $1 AND lower(b.period) > $2 AND b.series_id IS NULL
            -- Owners with a manager: requests and cancellations are written to them.
            AND EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = r.organisation_id AND m.role = 'manager')
          ORDER BY lower(b.period), b.id LIMIT $3`,
        [status, now.toJSDate(), limit],
      );
    const pending = await upcoming('pending', 3);
    for (const booking of pending) await this.notifications.created(manager, booking.id);
    const confirmed = await upcoming('confirmed', 3);
    for (const booking of confirmed) await this.notifications.created(manager, booking.id);
    for (const booking of await upcoming('cancelled', 1)) {
      const [{ id: eventId }] = await manager.query(
        `INSERT INTO booking_events (booking_id, actor_id, action, details) VALUES ($1, $2, 'cancelled', '{}') RETURNING id::text`,
        [booking.id, booking.bookedById],
      );
      await this.notifications.cancelled(manager, booking.id, eventId, booking.bookedById, 'confirmed');
    }
    if (confirmed[0]) await this.notifications.reminder(manager, confirmed[0].id);
    // Today's digest for every owner with requests ahead, as the morning job writes it: an owner
    // without managers gets none, so picking one owner would make the demo depend on the hour.
    const day = now.setZone(JOBS_ZONE).toISODate()!;
    for (const ownerId of await this.notifications.pendingOwners(manager, now.toJSDate())) {
      await this.notifications.digest(manager, ownerId, day, now.toJSDate());
    }
  }
}

function pickStatus(roll: number, past: boolean, future: boolean): BookingStatus {
  if (past) return roll < 0.78 ? 'completed' : roll < 0.86 ? 'no_show' : roll < 0.94 ? 'cancelled' : roll < 0.97 ? 'declined' : 'expired';
  if (future) return roll < 0.7 ? 'confirmed' : roll < 0.9 ? 'pending' : 'cancelled';
  return 'confirmed';
}

function weighted<T>(options: [T, number][], roll: number): T {
  let cumulative = 0;
  for (const [value, weight] of options) {
    cumulative += weight;
    if (roll < cumulative) return value;
  }
  return options[options.length - 1][0];
}

function participantsFor(kind: string, capacity: number, random: () => number) {
  const group = Math.max(1, Math.min(capacity - 1, Math.round(capacity * (0.5 + random() * 0.5))));
  const none = { pupils: 0, apprentices: 0, jobSeekers: 0, trainers: 1, employees: 0 };
  switch (kind) {
    case 'school': {
      const apprentices = Math.floor(group * (random() < 0.3 ? 0.5 : 0));
      return { ...none, pupils: group - apprentices, apprentices };
    }
    case 'public_service':
      return { ...none, jobSeekers: group };
    case 'training_centre': {
      const employees = Math.floor(group * random() * 0.5);
      return { ...none, jobSeekers: group - employees, employees };
    }
    default:
      return { ...none, employees: group };
  }
}

/** Multi-row INSERTs in chunks, well under PostgreSQL's 65,535 parameters a statement. */
async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const values = chunk.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flat());
  }
}

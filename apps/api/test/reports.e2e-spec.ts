import { DateTime } from 'luxon';
import { INDICATOR_VERSION } from '@equipole/shared';
import { ScheduledJobs } from '../src/jobs/scheduled-jobs.service';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A hand-computed fixture for every indicator (docs/indicators.md).
 *
 * Report period: Monday 24 – Sunday 30 March 2025, the week Europe switches to summer time on Sunday
 * (Brussels 02:00 → 03:00, London 01:00 → 02:00). Previous period: 17–23 March.
 *
 *   Owner BE (BE) owns A (site Halle, Europe/Brussels, WAL) and C (same site, never booked).
 *   Owner FR (FR) owns B (site Quai, Europe/London — for a second zone — HDF).
 *   School FR (FR) and School BE (BE) book them; Owner BE also books its own A.
 *
 * Open hours, current week:
 *   A  Mon–Fri 08–12 + 13–17, Sun 00–24. Mon 8 + Tue 8 + Wed 4 (closed 13–17 that day) + Thu 8
 *      + Fri 0 (the site's yearly closure on 28 March) + Sun 23 (DST day)                    = 51
 *   B  Mon–Sat 09–17, Sun 00–04. Mon 8 + Tue 0 (closed) + Wed 8 + Thu 8 + Fri 8 + Sat 8
 *      + Sun 3 (00–04 London loses 01–02)                                                       = 43
 *   C  Mon–Fri 09–12 on A's site: Mon–Thu 4 × 3 + Fri 0 (yearly site closure)                  = 12
 *                                                                                          total 106
 * Previous week: A 5 × 8 + Sun 24 = 64; B 6 × 8 + 4 = 52; C 5 × 3 = 15                    total 131
 */
const BXL = 'Europe/Brussels';
const LON = 'Europe/London';
const at = (zone: string, local: string) => DateTime.fromISO(local, { zone }).toISO()!;
const WEEK = 'from=2025-03-24&to=2025-03-30';

describe('occupancy reports', () => {
  let t: TestApp;
  let ownerBE: string;
  let ownerFR: string;
  let schoolFR: string;
  let schoolBE: string;
  let resourceA: string;
  let resourceB: string;
  let resourceC: string;
  let clusterId: string;
  let welder: string;
  let electrician: string;
  const cookies: Record<'coordinator' | 'managerFR' | 'memberSchoolBE' | 'memberOwnerBE' | 'englishCoordinator', string> = {} as never;

  const get = (path: string, cookie = cookies.coordinator) => t.http().get(path).set('Cookie', cookie);

  beforeAll(async () => {
    t = await startTestApp();
    const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    ownerBE = await createOrganisation(t.dataSource, { name: 'Centre Escaut', kind: 'training_centre', country: 'BE' });
    ownerFR = await createOrganisation(t.dataSource, { name: 'Transports Lys', kind: 'company', country: 'FR' });
    schoolFR = await createOrganisation(t.dataSource, { name: 'Lycée du Beffroi', kind: 'school', country: 'FR' });
    schoolBE = await createOrganisation(t.dataSource, { name: 'Athénée des Collines', kind: 'school', country: 'BE' });
    const booker = await createUser(t.dataSource, { memberships: [[schoolFR, 'member']] });
    cookies.coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    cookies.englishCoordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true, locale: 'en' })).email);
    cookies.managerFR = await signIn(t, (await createUser(t.dataSource, { memberships: [[ownerFR, 'manager']] })).email);
    cookies.memberSchoolBE = await signIn(t, (await createUser(t.dataSource, { memberships: [[schoolBE, 'member']] })).email);
    cookies.memberOwnerBE = await signIn(t, (await createUser(t.dataSource, { memberships: [[ownerBE, 'member']] })).email);

    [{ id: welder }] = await q(`SELECT id FROM occupations WHERE code = 'welder'`);
    [{ id: electrician }] = await q(`SELECT id FROM occupations WHERE code = 'industrial-electrician'`);
    const [{ id: halle }] = await q(`INSERT INTO sites (organisation_id, name, country, region, time_zone) VALUES ($1, 'Halle', 'BE', 'WAL', $2) RETURNING id`, [ownerBE, BXL]);
    const [{ id: quai }] = await q(`INSERT INTO sites (organisation_id, name, country, region, time_zone) VALUES ($1, 'Quai', 'FR', 'HDF', $2) RETURNING id`, [ownerFR, LON]);
    const weekdays = (days: number[], start: string, end: string) => days.map((weekday) => ({ weekday, start, end }));
    const resource = async (owner: string, site: string, kind: string, name: string, hours: object[]) =>
      (await q(`INSERT INTO resources (organisation_id, site_id, kind, name_fr, sector, opening_hours, available_from) VALUES ($1, $2, $3, $4, 'industry', $5, '2025-01-01') RETURNING id`,
        [owner, site, kind, name, JSON.stringify(hours)]))[0].id as string;
    resourceA = await resource(ownerBE, halle, 'workshop', 'Atelier A', [...weekdays([1, 2, 3, 4, 5], '08:00', '12:00'), ...weekdays([1, 2, 3, 4, 5], '13:00', '17:00'), { weekday: 7, start: '00:00', end: '24:00' }]);
    resourceB = await resource(ownerFR, quai, 'vehicle', 'Camion B', [...weekdays([1, 2, 3, 4, 5, 6], '09:00', '17:00'), { weekday: 7, start: '00:00', end: '04:00' }]);
    resourceC = await resource(ownerBE, halle, 'simulator', 'Simulateur C', weekdays([1, 2, 3, 4, 5], '09:00', '12:00'));
    await q(`INSERT INTO resource_occupations (resource_id, occupation_id) VALUES ($1, $2), ($3, $4)`, [resourceA, welder, resourceB, electrician]);
    [{ id: clusterId }] = await q(`INSERT INTO clusters (name, sector) VALUES ('Pôle logistique', 'logistics') RETURNING id`);
    await q('INSERT INTO resource_clusters (resource_id, cluster_id) VALUES ($1, $2)', [resourceB, clusterId]);

    await q(`INSERT INTO closures (resource_id, starts_on, ends_on, start_time, end_time, reason) VALUES ($1, '2025-03-26', '2025-03-26', '13:00', '17:00', 'Entretien')`, [resourceA]);
    await q(`INSERT INTO closures (site_id, starts_on, ends_on, yearly, reason) VALUES ($1, '2000-03-28', '2000-03-28', true, 'Fête locale')`, [halle]);
    await q(`INSERT INTO closures (resource_id, starts_on, ends_on, reason) VALUES ($1, '2025-03-25', '2025-03-25', 'Contrôle technique')`, [resourceB]);

    const booking = async (
      resourceId: string, organisationId: string, zone: string, start: string, end: string, status: string,
      extra: { actual?: [string, string]; occupation?: string; pupils?: number; apprentices?: number; jobSeekers?: number; trainers?: number; employees?: number } = {},
    ) => {
      const completed = status === 'completed';
      await q(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, occupation_id,
                               actual_start, actual_end, actual_pupils, actual_apprentices, actual_job_seekers, actual_trainers, actual_employees)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), $6, 'course', $7, $8, $9, $10, $11, $12, $13, $14)`,
        [resourceId, organisationId, booker.id, at(zone, start), at(zone, end), status, extra.occupation ?? null,
          extra.actual ? at(zone, extra.actual[0]) : null, extra.actual ? at(zone, extra.actual[1]) : null,
          ...(['pupils', 'apprentices', 'jobSeekers', 'trainers', 'employees'] as const).map((k) => (completed ? extra[k] ?? 0 : null))],
      );
    };
    // Current week on A.
    await booking(resourceA, schoolFR, BXL, '2025-03-24T08:00', '2025-03-24T12:00', 'completed', { actual: ['2025-03-24T08:00', '2025-03-24T11:00'], occupation: welder, pupils: 10, trainers: 1 }); // b1
    await booking(resourceA, ownerBE, BXL, '2025-03-25T08:00', '2025-03-25T12:00', 'completed', { actual: ['2025-03-25T08:00', '2025-03-25T12:00'], employees: 4 }); // b2, own use
    await booking(resourceA, schoolFR, BXL, '2025-03-29T10:00', '2025-03-30T12:00', 'completed', { actual: ['2025-03-29T10:00', '2025-03-30T12:00'], occupation: welder, apprentices: 2 }); // b3, multi-day over DST
    await booking(resourceA, schoolFR, BXL, '2025-03-27T08:00', '2025-03-27T10:00', 'no_show'); // b4
    await booking(resourceA, schoolFR, BXL, '2025-03-27T13:00', '2025-03-27T15:00', 'cancelled'); // b5
    await booking(resourceA, schoolBE, BXL, '2025-03-27T14:00', '2025-03-27T16:00', 'declined'); // b6
    await booking(resourceA, schoolFR, BXL, '2025-03-24T13:00', '2025-03-24T14:30', 'expired'); // b7
    await booking(resourceA, schoolBE, BXL, '2025-03-27T10:00', '2025-03-27T12:00', 'completed', { actual: ['2025-03-27T10:00', '2025-03-27T12:00'], trainers: 1 }); // b12
    // Current week on B (London).
    await booking(resourceB, schoolBE, LON, '2025-03-24T09:00', '2025-03-24T13:00', 'completed', { actual: ['2025-03-24T09:30', '2025-03-24T13:00'], occupation: electrician, pupils: 8, trainers: 1 }); // b8
    await booking(resourceB, schoolBE, LON, '2025-03-26T09:00', '2025-03-26T17:00', 'confirmed'); // b9
    await booking(resourceB, schoolBE, LON, '2025-03-28T09:00', '2025-03-28T11:00', 'no_show'); // b10
    await booking(resourceB, schoolBE, LON, '2025-03-30T00:00', '2025-03-30T04:00', 'completed', { actual: ['2025-03-30T00:00', '2025-03-30T04:00'], occupation: welder, jobSeekers: 2 }); // b11
    // Previous week: the first completed booking ever between Owner BE and School FR.
    await booking(resourceA, schoolFR, BXL, '2025-03-17T08:00', '2025-03-17T12:00', 'completed', { actual: ['2025-03-17T08:00', '2025-03-17T12:00'], occupation: welder, pupils: 5 }); // p1
    // Unmet demand besides b6 and b7: a waitlist entry never served, one withdrawn, a conflict refusal and a quota refusal.
    await q(`INSERT INTO waitlist_entries (resource_id, organisation_id, user_id, period, purpose, status) VALUES ($1, $2, $3, tstzrange($4, $5), 'course', 'waiting'), ($1, $2, $3, tstzrange($4, $5), 'course', 'cancelled')`,
      [resourceA, schoolBE, booker.id, at(BXL, '2025-03-25T08:00'), at(BXL, '2025-03-25T10:00')]);
    await q(`INSERT INTO booking_refusals (resource_id, organisation_id, period, code) VALUES ($1, $2, tstzrange($3, $4), 'SLOT_TAKEN'), ($1, $2, tstzrange($3, $4), 'QUOTA_EXCEEDED')`,
      [resourceB, schoolFR, at(LON, '2025-03-26T10:00'), at(LON, '2025-03-26T12:00')]);
  });
  afterAll(() => t.close());

  it('computes every summary indicator exactly, for the period and the previous one', async () => {
    const { body } = await get(`/api/reports/summary?${WEEK}`).expect(200);
    expect(body).toMatchObject({ indicatorVersion: INDICATOR_VERSION, scope: 'network', from: '2025-03-24', to: '2025-03-30', previousComparable: true });
    expect(body.current).toEqual({
      openHours: 106,
      // A: b1 4 + b2 4 + b3 11 (only Sunday 00–12 is open: 11 h on the DST day) + b12 2 = 21; B: b8 4 + b9 8 + b11 3 = 15. No-show, cancelled, declined, expired: 0.
      bookedHours: 36,
      occupancyRate: 0.3396, // 36 / 106
      // A: b1 3 + b2 4 + b3 11 + b12 2 = 20; B: b8 3.5 + b11 3 = 6.5
      usedHours: 26.5,
      usageRate: 0.25, // 26.5 / 106
      completedBookings: 6, // b1 b2 b3 b12 b8 b11
      noShows: 2, // b4 b10
      noShowRate: 0.25, // 2 / (6 + 2)
      // b1 11 × 3 = 33; b2 4 × 4 = 16; b3 2 × 11 = 22; b12 1 × 2 = 2; b8 9 × 3.5 = 31.5; b11 2 × 3 = 6
      learnerHours: 110.5,
      mutualisedHours: 22.5, // used by non-owners: b1 3 + b3 11 + b12 2 + b8 3.5 + b11 3
      mutualisationRate: 0.625, // 22.5 / 36
      partnerships: 3, // Escaut–Beffroi, Escaut–Athénée, Lys–Athénée
      newPartnerships: 2, // Escaut–Beffroi began on 17 March (previous week)
      crossBorderPartnerships: 2, // Escaut (BE)–Beffroi (FR), Lys (FR)–Athénée (BE)
      shortageHours: 17, // welder in WAL: b1 3 + b3 11; welder in HDF: b11 3; the electrician (b8) is not in shortage in HDF
      unmetHours: 7.5, // declined b6 2 + expired b7 1.5 + waitlist 2 + conflict refusal 2
    });
    expect(body.previous).toEqual({
      from: '2025-03-17', to: '2025-03-23',
      openHours: 131, bookedHours: 4, occupancyRate: 0.0305, usedHours: 4, usageRate: 0.0305, // 4 / 131
      completedBookings: 1, noShows: 0, noShowRate: 0, learnerHours: 20, mutualisedHours: 4, mutualisationRate: 1,
      partnerships: 1, newPartnerships: 1, crossBorderPartnerships: 1, shortageHours: 4, unmetHours: 0,
    });
  });

  it('lists every item with its occupancy, the unused one at 0 %', async () => {
    const { body } = await get(`/api/reports/equipment?${WEEK}`).expect(200);
    expect(body.indicatorVersion).toBe(INDICATOR_VERSION);
    const rows = body.items.map((i: Record<string, unknown>) => [i.id, i.openHours, i.bookedHours, i.usedHours, i.occupancyRate, i.usageRate, i.completedBookings, i.noShows]);
    expect(rows).toEqual([
      [resourceC, 12, 0, 0, 0, 0, 0, 0],
      [resourceB, 43, 15, 6.5, 0.3488, 0.1512, 2, 1], // 15 / 43, 6.5 / 43
      [resourceA, 51, 21, 20, 0.4118, 0.3922, 4, 1], // 21 / 51, 20 / 51
    ]);
    expect(body.items[1]).toMatchObject({ kind: 'vehicle', owner: { name: 'Transports Lys', country: 'FR' }, site: { name: 'Quai', timeZone: LON, region: 'HDF' } });
  });

  it('splits the week by local weekday and hour, with the missing hour of the DST Sunday', async () => {
    const { body } = await get(`/api/reports/heatmap?${WEEK}`).expect(200);
    const cell = (weekday: number, hour: number) => body.cells.find((c: { weekday: number; hour: number }) => c.weekday === weekday && c.hour === hour);
    // Sunday: A is open every local hour but 02 (which does not exist in Brussels), B at 00, 02 and 03 (01 does not exist in London).
    expect(cell(7, 0)).toEqual({ weekday: 7, hour: 0, openHours: 2, bookedHours: 2, occupancyRate: 1 });
    expect(cell(7, 1)).toEqual({ weekday: 7, hour: 1, openHours: 1, bookedHours: 1, occupancyRate: 1 });
    expect(cell(7, 2)).toEqual({ weekday: 7, hour: 2, openHours: 1, bookedHours: 1, occupancyRate: 1 });
    expect(cell(7, 12)).toEqual({ weekday: 7, hour: 12, openHours: 1, bookedHours: 0, occupancyRate: 0 });
    // Monday 09: A, B and C open; b1 on A and b8 on B.
    expect(cell(1, 9)).toEqual({ weekday: 1, hour: 9, openHours: 3, bookedHours: 2, occupancyRate: 0.6667 });
    const sum = (key: 'openHours' | 'bookedHours') => body.cells.reduce((total: number, c: Record<string, number>) => total + c[key], 0);
    expect(sum('openHours')).toBe(106);
    expect(sum('bookedHours')).toBe(36);
  });

  it('gives the monthly trend in local months', async () => {
    const { body } = await get('/api/reports/trend?from=2025-03-17&to=2025-04-06').expect(200);
    // March: previous week 131 + report week 106 + Monday 31 (A 8, B 8, C 3) = 256 open; booked p1 4 + 36; used p1 4 + 26.5.
    // April 1–6: A Tue–Fri 32 + Sun 24 = 56, B Tue–Sat 40 + Sun 4 = 44, C 4 × 3 = 12 → 112.
    expect(body.months).toEqual([
      { month: '2025-03', openHours: 256, bookedHours: 40, usedHours: 30.5, occupancyRate: 0.1563, usageRate: 0.1191 }, // 40 / 256, 30.5 / 256
      { month: '2025-04', openHours: 112, bookedHours: 0, usedHours: 0, occupancyRate: 0, usageRate: 0 },
    ]);
  });

  // Whole months are read from per-item-month totals (report_booking_months, report_month_cells), the
  // days at either end from the per-day rows: March 2025 whole must equal its two halves, DST Sunday included.
  it('gives the same figures for a whole month as for its days', async () => {
    const whole = 'from=2025-03-01&to=2025-03-31';
    const halves = ['from=2025-03-01&to=2025-03-16', 'from=2025-03-17&to=2025-03-31'];
    type Cell = { weekday: number; hour: number; openHours: number; bookedHours: number };
    const heatmap = async (period: string) => (await get(`/api/reports/heatmap?${period}`).expect(200)).body.cells as Cell[];
    const key = (c: { weekday: number; hour: number }) => `${c.weekday}-${c.hour}`;
    const sumOf = (list: Cell[], field: 'openHours' | 'bookedHours') => list.reduce((total, c) => total + c[field], 0);
    // One after the other: a person computes at most MAX_CONCURRENT_REPORTS reports at once (429 beyond).
    const inTurn = async <T>(periods: string[], load: (period: string) => Promise<T>) => {
      const results: T[] = [];
      for (const period of periods) results.push(await load(period));
      return results;
    };
    let month: Cell[] = [];
    // The whole network (report_network_cells), one country and one cluster (report_month_cells).
    for (const filter of ['', '&country=BE', `&clusterId=${clusterId}`]) {
      const [wholeCells, first, second] = await inTurn([whole, ...halves], (period) => heatmap(`${period}${filter}`));
      const added = new Map<string, { openHours: number; bookedHours: number }>();
      for (const c of [...first, ...second]) {
        const sum = added.get(key(c)) ?? { openHours: 0, bookedHours: 0 };
        added.set(key(c), { openHours: sum.openHours + c.openHours, bookedHours: sum.bookedHours + c.bookedHours });
      }
      expect(wholeCells.length).toBeGreaterThan(0);
      for (const c of wholeCells) expect([filter, key(c), c.openHours, c.bookedHours]).toEqual([filter, key(c), added.get(key(c))!.openHours, added.get(key(c))!.bookedHours]);
      if (filter === '') month = wholeCells;
    }
    // Sunday 02:00: A on four Sundays (none on the 30th: 02:00 does not exist in Brussels), B on all five (London skips 01:00).
    expect(month.find((c) => c.weekday === 7 && c.hour === 2)).toMatchObject({ openHours: 9 });

    const items = async (period: string) => (await get(`/api/reports/equipment?${period}`).expect(200)).body.items as { id: string; openHours: number; bookedHours: number; usedHours: number }[];
    const [monthItems, firstItems, secondItems] = await inTurn([whole, ...halves], items);
    for (const item of monthItems) {
      const parts = [firstItems, secondItems].map((list) => list.find((i) => i.id === item.id)!);
      expect([item.id, item.openHours, item.bookedHours, item.usedHours]).toEqual([
        item.id, parts[0].openHours + parts[1].openHours, parts[0].bookedHours + parts[1].bookedHours, parts[0].usedHours + parts[1].usedHours,
      ]);
    }
    // With a booking filter, booked cells come from the booking days for the whole month too.
    const filtered = (await get(`/api/reports/heatmap?${whole}&bookingOrganisationId=${schoolBE}`).expect(200)).body.cells as { bookedHours: number; openHours: number }[];
    expect(filtered.reduce((total, c) => total + c.openHours, 0)).toBe(month.reduce((total, c) => total + c.openHours, 0));
    expect(filtered.reduce((total, c) => total + c.bookedHours, 0)).toBe(4 + 8 + 3 + 2); // b8, b9, b11 (00–04 on the DST Sunday: 3 h) on B, b12 on A

    // Retiring an item today leaves the network's past whole months as they were (it was active then).
    await t.dataSource.query(`UPDATE resources SET status = 'retired' WHERE id = $1`, [resourceC]);
    expect(sumOf(await heatmap(whole), 'openHours')).toBe(sumOf(month, 'openHours'));
    await t.dataSource.query(`UPDATE resources SET status = 'active' WHERE id = $1`, [resourceC]);
    expect(sumOf(await heatmap(whole), 'openHours')).toBe(sumOf(month, 'openHours'));
  });

  it('builds the partnership matrix with new and cross-border pairs', async () => {
    const { body } = await get(`/api/reports/partnerships?${WEEK}`).expect(200);
    expect(body.totals).toEqual({ partnerships: 3, newPartnerships: 2, crossBorderPartnerships: 2 });
    expect(body.pairs.map((p: Record<string, { name: string } | unknown>) => [(p.owner as { name: string }).name, (p.booker as { name: string }).name, p.completedBookings, p.usedHours, p.isNew, p.crossBorder])).toEqual([
      ['Centre Escaut', 'Athénée des Collines', 1, 2, true, false],
      ['Centre Escaut', 'Lycée du Beffroi', 2, 14, false, true],
      ['Transports Lys', 'Athénée des Collines', 2, 6.5, true, true],
    ]);
    expect(body.pairs[1].firstCompletedAt).toBe(new Date(at(BXL, '2025-03-17T08:00')).toISOString());
    expect(body.owners.map((o: { name: string }) => o.name)).toEqual(['Centre Escaut', 'Transports Lys']);
  });

  it('counts learner-hours by occupation and beneficiary type', async () => {
    const { body } = await get(`/api/reports/learners?${WEEK}`).expect(200);
    expect(body.totals).toEqual({ pupils: 58, apprentices: 22, jobSeekers: 6, trainers: 8.5, employees: 16, total: 110.5 });
    const byCode = Object.fromEntries(body.rows.map((r: { occupation: { code: string } | null; total: number }) => [r.occupation?.code ?? 'none', r]));
    // welder: b1 pupils 30 + trainers 3, b3 apprentices 22, b11 job seekers 6
    expect(byCode.welder).toMatchObject({ pupils: 30, apprentices: 22, jobSeekers: 6, trainers: 3, employees: 0, total: 61 });
    expect(byCode['industrial-electrician']).toMatchObject({ pupils: 28, trainers: 3.5, total: 31.5 });
    expect(byCode.none).toMatchObject({ employees: 16, trainers: 2, total: 18 });
  });

  it('counts used hours on occupations in shortage in the item’s region', async () => {
    const { body } = await get(`/api/reports/shortage?${WEEK}`).expect(200);
    expect(body).toMatchObject({ shortageHours: 17, usedHours: 26.5, shareOfUsedHours: 0.6415 }); // 17 / 26.5
    expect(body.rows.map((r: { occupation: { code: string }; region: string; usedHours: number; learnerHours: number }) => [r.occupation.code, r.region, r.usedHours, r.learnerHours]))
      .toEqual([['welder', 'WAL', 14, 55], ['welder', 'HDF', 3, 6]]);
  });

  it('adds up unmet demand by kind', async () => {
    const { body } = await get(`/api/reports/unmet?${WEEK}`).expect(200);
    expect(body.totals).toEqual({
      declined: { requests: 1, hours: 2 }, expired: { requests: 1, hours: 1.5 }, waitlist: { requests: 1, hours: 2 }, refused: { requests: 1, hours: 2 },
      total: { requests: 4, hours: 7.5 },
    });
    expect(body.items.map((i: { id: string; total: { hours: number } }) => [i.id, i.total.hours])).toEqual([[resourceA, 5.5], [resourceB, 2]]);
  });

  it('applies the filters', async () => {
    const summary = async (filter: string) => (await get(`/api/reports/summary?${WEEK}&${filter}`).expect(200)).body.current;
    expect(await summary(`clusterId=${clusterId}`)).toMatchObject({ openHours: 43, bookedHours: 15 });
    // Equipment linked to welding (A) and bookings made for welding on it (b1 4 + b3 11).
    expect(await summary(`occupationId=${welder}`)).toMatchObject({ openHours: 51, bookedHours: 15, usedHours: 14 });
    expect(await summary('country=FR')).toMatchObject({ openHours: 43 });
    expect(await summary('kind=simulator')).toMatchObject({ openHours: 12, bookedHours: 0, occupancyRate: 0 });
    expect(await summary(`ownerOrganisationId=${ownerBE}`)).toMatchObject({ openHours: 63, bookedHours: 21 });
    expect(await summary(`bookingOrganisationId=${schoolBE}`)).toMatchObject({ openHours: 106, bookedHours: 17, partnerships: 2 });
    expect(await summary('sector=energy')).toMatchObject({ openHours: 0, occupancyRate: null });
  });

  it('shows a manager its own equipment only and a member its organisation’s own usage', async () => {
    const partner = await get(`/api/reports/summary?${WEEK}`, cookies.managerFR).expect(200);
    expect(partner.body.scope).toBe('partner');
    expect(partner.body.current).toMatchObject({ openHours: 43, bookedHours: 15, usedHours: 6.5, partnerships: 1 });
    const items = (await get(`/api/reports/equipment?${WEEK}`, cookies.managerFR).expect(200)).body.items;
    expect(items.map((i: { id: string }) => i.id)).toEqual([resourceB]);
    // School BE booked A (b12) and B (b8 b9 b11): open 51 + 43; booked 2 + 4 + 8 + 3.
    const school = await get(`/api/reports/summary?${WEEK}`, cookies.memberSchoolBE).expect(200);
    expect(school.body.scope).toBe('school');
    expect(school.body.current).toMatchObject({ openHours: 94, bookedHours: 17, usedHours: 8.5, unmetHours: 4 }); // declined b6 2 + waitlist 2
    await get(`/api/reports/summary?${WEEK}&ownerOrganisationId=${ownerBE}`, cookies.managerFR).expect(404);
    await get(`/api/reports/summary?${WEEK}&scope=partner`, cookies.memberOwnerBE).expect(403);
    await get(`/api/reports/summary?${WEEK}&scope=network`, cookies.managerFR).expect(403);
    await get(`/api/reports/summary?${WEEK}&bookingOrganisationId=${schoolFR}`, cookies.memberSchoolBE).expect(404);
    await t.http().get(`/api/reports/summary?${WEEK}`).expect(401);
  });

  it('rejects bad periods with a translated message', async () => {
    const bad = await get('/api/reports/summary?from=2025-02-30&to=2025-03-30').set('Accept-Language', 'fr').expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'from', message: 'Date invalide.' })]);
    const order = await get('/api/reports/summary?from=2025-03-30&to=2025-03-24').expect(400);
    expect(order.body.details).toEqual([expect.objectContaining({ field: 'to', message: 'La date de fin doit être égale ou postérieure à la date de début.' })]);
    const long = await get('/api/reports/trend?from=2020-01-01&to=2025-01-01', cookies.englishCoordinator).expect(400);
    expect(long.body.details).toEqual([expect.objectContaining({ field: 'to', message: 'The period cannot be longer than 1096 days.' })]);
    await get(`/api/reports/summary?${WEEK}&country=DE`).expect(400);
    await get(`/api/reports/nothing.csv?${WEEK}`).expect(404);
  });

  it('exports CSV with a BOM, the separator and decimal mark of the language, and translated headers', async () => {
    const fr = await get(`/api/reports/equipment.csv?${WEEK}&lang=fr`).expect(200);
    expect(fr.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(fr.headers['x-indicator-version']).toBe(INDICATOR_VERSION);
    expect(fr.headers['content-disposition']).toContain('equipole-equipment-2025-03-24-2025-03-30.csv');
    const frLines = fr.text.split('\r\n');
    expect(frLines[0].charCodeAt(0)).toBe(0xfeff);
    expect(frLines[0].slice(1)).toBe('Équipement;Type;Propriétaire;Site;Pays;Heures d’ouverture;Heures réservées;Heures utilisées;Taux d’occupation (%);Taux d’utilisation (%);Réservations réalisées;Absences');
    expect(frLines[3]).toBe('Atelier A;Atelier;Centre Escaut;Halle;BE;51;21;20;41,2;39,2;4;1');

    const en = await get(`/api/reports/equipment.csv?${WEEK}`, cookies.englishCoordinator).expect(200);
    const enLines = en.text.split('\r\n');
    expect(enLines[0].slice(1)).toBe('Equipment,Type,Owner,Site,Country,Open hours,Booked hours,Used hours,Occupancy rate (%),Usage rate (%),Completed bookings,No-shows');
    expect(enLines[2]).toBe('Camion B,Vehicle,Transports Lys,Quai,FR,43,15,6.5,34.9,15.1,2,1');

    const nl = await get(`/api/reports/summary.csv?${WEEK}&lang=nl`).expect(200);
    const nlLines = nl.text.split('\r\n');
    expect(nlLines[0].slice(1)).toBe('Indicator;Periode;Vorige periode;Verschil;Eenheid van het verschil');
    expect(nlLines).toContain('Bezettingsgraad (%);34;3,1;30,9;procentpunten');
    expect(nlLines).toContain('Partnerschappen;3;1;200;% van de vorige periode');
  });
  // Bookings cut at local days (report_booking_days) and the first completed booking of each pair
  // (report_partnerships) are derived data too: a booking written, changed or deleted shows in the very next report.
  it('follows booking changes at once, through the cached booking days and partnerships', async () => {
    const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    const itemC = async () => (await get(`/api/reports/equipment?${WEEK}`).expect(200)).body.items.find((i: { id: string }) => i.id === resourceC);
    const pairOwnerBESchoolBE = async () =>
      (await get(`/api/reports/partnerships?${WEEK}`).expect(200)).body.pairs.find(
        (p: { owner: { id: string }; booker: { id: string } }) => p.owner.id === ownerBE && p.booker.id === schoolBE,
      );
    expect(await itemC()).toMatchObject({ bookedHours: 0, usedHours: 0, completedBookings: 0 });
    expect(await pairOwnerBESchoolBE()).toMatchObject({ isNew: true, completedBookings: 1 });

    const [{ id: onC }] = await q(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, actual_start, actual_end, actual_pupils)
       SELECT $1, $2, booked_by_id, tstzrange($3, $4), tstzrange($3, $4), 'completed', 'course', $3, $5, 6 FROM bookings LIMIT 1 RETURNING id`,
      [resourceC, schoolBE, at(BXL, '2025-03-25T09:00'), at(BXL, '2025-03-25T11:00'), at(BXL, '2025-03-25T10:00')],
    );
    expect(await itemC()).toMatchObject({ bookedHours: 2, usedHours: 1, completedBookings: 1 });
    expect(await pairOwnerBESchoolBE()).toMatchObject({ isNew: true, completedBookings: 2, usedHours: 3 });

    // An earlier completed booking between the two makes the pair no longer new; cancelling it makes it new again.
    const [{ id: earlier }] = await q(
      `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose)
       SELECT $1, $2, booked_by_id, tstzrange($3, $4), tstzrange($3, $4), 'completed', 'course' FROM bookings LIMIT 1 RETURNING id`,
      [resourceC, schoolBE, at(BXL, '2025-01-13T09:00'), at(BXL, '2025-01-13T10:00')],
    );
    expect(await pairOwnerBESchoolBE()).toMatchObject({ isNew: false, firstCompletedAt: new Date(at(BXL, '2025-01-13T09:00')).toISOString() });
    await q(`UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [earlier]);
    expect(await pairOwnerBESchoolBE()).toMatchObject({ isNew: true, firstCompletedAt: new Date(at(BXL, '2025-03-25T09:00')).toISOString() });

    await q(`UPDATE bookings SET actual_end = $2 WHERE id = $1`, [onC, at(BXL, '2025-03-25T11:00')]);
    expect(await itemC()).toMatchObject({ bookedHours: 2, usedHours: 2 });
    await q(`UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [onC]);
    expect(await itemC()).toMatchObject({ bookedHours: 0, usedHours: 0, completedBookings: 0 });
    expect(await pairOwnerBESchoolBE()).toMatchObject({ completedBookings: 1, firstCompletedAt: new Date(at(BXL, '2025-03-27T10:00')).toISOString() });
  });

  // Runs last: it changes the fixture. The open time is derived data cached per item and day
  // (report_open_days); every change that alters it must show in the very next report.
  it('follows changes of closures and opening hours at once, through the cached open time', async () => {
    const openHoursOfC = async () => {
      const { body } = await get(`/api/reports/equipment?${WEEK}`).expect(200);
      return body.items.find((i: { id: string }) => i.id === resourceC).openHours;
    };
    expect(await openHoursOfC()).toBe(12);

    // A closure recorded for a past day is a fact about that day; removing it today keeps it for the days before today.
    const closure = await t.http().post(`/api/resources/${resourceC}/closures`).set('Cookie', cookies.coordinator)
      .send({ startsOn: '2025-03-24', endsOn: '2025-03-24', startTime: '09:00', endTime: '10:00', reason: 'Calibration', recordPast: true }).expect(201);
    expect(await openHoursOfC()).toBe(11);
    await t.http().delete(`/api/closures/${closure.body.id}`).set('Cookie', cookies.coordinator).expect(204);
    expect(await openHoursOfC()).toBe(11);

    // New opening hours apply from today on: the past week keeps its 11 h, the item's first day moved into it takes days away.
    const { body: item } = await get(`/api/resources/${resourceC}`).expect(200);
    const openingHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '13:00' }));
    await t.http().patch(`/api/resources/${resourceC}`).set('Cookie', cookies.coordinator)
      .send({ rules: { ...item.rules, openingHours } }).expect(200);
    expect(await openHoursOfC()).toBe(11);
    await t.http().patch(`/api/resources/${resourceC}`).set('Cookie', cookies.coordinator).send({ availableFrom: '2025-03-26' }).expect(200);
    expect(await openHoursOfC()).toBe(6); // Wed and Thu × 3 h (Friday: the site's yearly holiday)

    await t.dataSource.query(`UPDATE sites SET time_zone = 'Europe/London' WHERE id = (SELECT site_id FROM resources WHERE id = $1)`, [resourceC]);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM report_open_days WHERE resource_id = $1', [resourceC]);
    expect(n).toBe(0);
  });
  it('has a job that computes the open time of the usual report months ahead of any report', async () => {
    const jobs = t.app.get(ScheduledJobs);
    const now = new Date('2025-04-15T12:00:00Z');
    expect(await jobs.fillReportCache(now)).toMatchObject({ itemMonths: expect.any(Number) });
    const months = await t.dataSource.query(
      `SELECT to_char(min(month), 'YYYY-MM') AS first, to_char(max(month), 'YYYY-MM') AS last, count(*)::int AS n FROM report_open_months WHERE resource_id = $1`, [resourceA]);
    expect(months).toEqual([{ first: '2023-04', last: '2025-06', n: 27 }]);
    expect(await jobs.fillReportCache(now)).toEqual({ itemMonths: 0 });
  });
});


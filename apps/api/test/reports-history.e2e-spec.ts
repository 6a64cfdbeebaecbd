import { DateTime } from 'luxon';
import { INDICATOR_VERSION } from '@equipole/shared';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { now } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Indicators 1.1: the worked example of docs/indicators.md, "Worked example (1.1)". Hand-computed.
 *
 * Period: Monday 2 – Sunday 15 June 2025 (two weeks, no DST change), all items in Brussels, owned by
 * Centre Ouest; the history is written by the triggers, with business time set in each transaction.
 *
 *   D  Mon–Fri 08–16 since 1 January; from Monday 9 June, Mon–Fri 08–12.  week 1: 5 × 8, week 2: 5 × 4 = 60
 *   E  Mon–Fri 09–17, on the platform from Wednesday 11 June.             Wed–Fri of week 2: 3 × 8      = 24
 *   F  Mon–Fri 08–18, in maintenance from Wed 4 June 12:00 to Wed 11 June 12:00.
 *      Mon 10 + Tue 10 + Wed 08–12 4; Wed 11 12–18 6 + Thu 10 + Fri 10                                   = 50
 *   G  Mon–Fri 10–14, retired on Saturday 7 June 00:00.                   week 1: 5 × 4                 = 20
 *                                                                                                  total 154
 */
const BXL = 'Europe/Brussels';
const at = (local: string) => DateTime.fromISO(local, { zone: BXL }).toISO()!;
const PERIOD = 'from=2025-06-02&to=2025-06-15';
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

describe('indicators 1.1: item history', () => {
  let t: TestApp;
  let coordinator: string;
  const items: Record<'D' | 'E' | 'F' | 'G', string> = {} as never;
  const get = (path: string) => t.http().get(path).set('Cookie', coordinator);
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  /** Runs `sql` in a transaction whose business time is `instant`, as the API does with its Clock. */
  const asOf = (instant: string, sql: string, params: unknown[]) =>
    t.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('equipole.now', $1, true)`, [at(instant)]);
      await manager.query(sql, params);
    });

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganisation(t.dataSource, { name: 'Centre Ouest', kind: 'training_centre', country: 'BE' });
    const school = await createOrganisation(t.dataSource, { name: 'École Sud', kind: 'school', country: 'FR' });
    const other = await createOrganisation(t.dataSource, { name: 'Institut Tertre', kind: 'school', country: 'BE' });
    const booker = await createUser(t.dataSource, { memberships: [[school, 'member']] });
    coordinator = await signIn(t, (await createUser(t.dataSource, { coordinator: true })).email);
    const [{ id: site }] = await q(`INSERT INTO sites (organisation_id, name, country, region, time_zone) VALUES ($1, 'Ouest', 'BE', 'WAL', $2) RETURNING id`, [owner, BXL]);
    const item = async (name: string, kind: string, hours: object[], availableFrom: string) =>
      (await q(`INSERT INTO resources (organisation_id, site_id, kind, name_fr, opening_hours, available_from) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [owner, site, kind, name, JSON.stringify(hours), availableFrom]))[0].id as string;
    items.D = await item('Tour D', 'machine', weekdays('08:00', '16:00'), '2025-01-01');
    items.E = await item('Simulateur E', 'simulator', weekdays('09:00', '17:00'), '2025-06-11');
    items.F = await item('Fraiseuse F', 'machine', weekdays('08:00', '18:00'), '2025-01-01');
    items.G = await item('Presse G', 'machine', weekdays('10:00', '14:00'), '2025-01-01');
    await asOf('2025-06-09T07:00', 'UPDATE resources SET opening_hours = $2 WHERE id = $1', [items.D, JSON.stringify(weekdays('08:00', '12:00'))]);
    await asOf('2025-06-04T12:00', `UPDATE resources SET status = 'maintenance' WHERE id = $1`, [items.F]);
    await asOf('2025-06-11T12:00', `UPDATE resources SET status = 'active' WHERE id = $1`, [items.F]);
    await asOf('2025-06-07T00:00', `UPDATE resources SET status = 'retired' WHERE id = $1`, [items.G]);

    const booking = (item: string, organisation: string, start: string, end: string, status: string, checkedIn?: [string, string]) =>
      q(`INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, actual_start, actual_end, actual_pupils)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), $6, 'course', $7, $8, $9)`,
      [item, organisation, booker.id, at(start), at(end), status, checkedIn ? at(checkedIn[0]) : null, checkedIn ? at(checkedIn[1]) : null, checkedIn ? 5 : null]);
    await booking(items.D, school, '2025-06-03T08:00', '2025-06-03T12:00', 'completed', ['2025-06-03T07:00', '2025-06-03T13:00']); // b1: check-in beyond the booking
    await booking(items.D, school, '2025-06-10T08:00', '2025-06-10T12:00', 'completed', ['2025-06-10T08:00', '2025-06-10T10:00']); // b2
    await booking(items.F, school, '2025-06-12T08:00', '2025-06-12T18:00', 'confirmed'); // b3
    await booking(items.E, school, '2025-06-12T09:00', '2025-06-12T12:00', 'completed', ['2025-06-12T09:00', '2025-06-12T12:00']); // b4
    await booking(items.G, school, '2025-06-02T10:00', '2025-06-02T14:00', 'completed', ['2025-06-02T10:00', '2025-06-02T14:00']); // b5
    await booking(items.F, owner, '2025-06-02T08:00', '2025-06-02T10:00', 'completed', ['2025-06-02T08:00', '2025-06-02T10:00']); // b6: the owner's own use
    await booking(items.D, other, '2025-06-04T08:00', '2025-06-04T10:00', 'confirmed'); // b7
    // Unmet demand: Institut Tertre's retries for the slot it holds (b7); École Sud's two identical refusals and an overlapping
    // declined request on F; its request on E still pending after its start (the expiry job never ran).
    const refusal = (item: string, organisation: string, start: string, end: string) =>
      q(`INSERT INTO booking_refusals (resource_id, organisation_id, period, code) VALUES ($1, $2, tstzrange($3, $4), 'SLOT_TAKEN')`, [item, organisation, at(start), at(end)]);
    for (let i = 0; i < 3; i++) await refusal(items.D, other, '2025-06-04T08:00', '2025-06-04T10:00');
    for (let i = 0; i < 2; i++) await refusal(items.F, school, '2025-06-13T14:00', '2025-06-13T16:00');
    await booking(items.F, school, '2025-06-13T15:00', '2025-06-13T17:00', 'declined');
    await booking(items.E, school, '2025-06-13T09:00', '2025-06-13T11:00', 'pending');
  });
  afterAll(() => t.close());

  it('computes open time from the history: availability, opening-hours versions, maintenance and retirement', async () => {
    const { body } = await get(`/api/reports/equipment?${PERIOD}`).expect(200);
    const rows = Object.fromEntries(body.items.map((i: Record<string, unknown>) => [i.id, [i.openHours, i.bookedHours, i.usedHours, i.occupancyRate, i.usageRate]]));
    expect(rows).toEqual({
      [items.D]: [60, 10, 6, 0.1667, 0.1], // b1 4 + b2 4 + b7 2; used b1 4 (check-in clipped to the booking) + b2 2
      [items.E]: [24, 3, 3, 0.125, 0.125],
      [items.F]: [50, 12, 2, 0.24, 0.04], // b3 10 + b6 2
      [items.G]: [20, 4, 4, 0.2, 0.2], // retired on the 7th: still in the week it was active
    });
    // Week 2 alone: G was retired all along, so it is not listed; E only from its first day.
    const week2 = (await get('/api/reports/equipment?from=2025-06-09&to=2025-06-15').expect(200)).body.items;
    expect(week2.map((i: { id: string; openHours: number }) => [i.id, i.openHours]).sort()).toEqual(
      [[items.D, 20], [items.E, 24], [items.F, 26]].sort(),
    );
  });

  it('keeps every rate at or under 100 % and states the summary with its comparability', async () => {
    const { body } = await get(`/api/reports/summary?${PERIOD}`).expect(200);
    expect(body).toMatchObject({ indicatorVersion: INDICATOR_VERSION, previousComparable: true });
    expect(body.current).toMatchObject({
      openHours: 154,
      bookedHours: 29, occupancyRate: 0.1883, // 29 / 154
      usedHours: 15, usageRate: 0.0974, // 15 / 154
      completedBookings: 5, noShows: 0,
      mutualisedHours: 13, mutualisationRate: 0.4483, // b1 4 + b2 2 + b4 3 + b5 4 (not the owner's b6) = 13 / 29
      unmetHours: 5,
    });
    // The simulators alone (E): on the platform only from 11 June, so the previous fortnight is not comparable.
    const simulators = (await get(`/api/reports/summary?${PERIOD}&kind=simulator`).expect(200)).body;
    expect(simulators.previousComparable).toBe(false);
    expect(simulators.current).toMatchObject({ openHours: 24 });
  });

  it('counts unmet demand once per organisation and overlap, never while the organisation holds the slot', async () => {
    const { body } = await get(`/api/reports/unmet?${PERIOD}`).expect(200);
    expect(body.totals).toEqual({
      // F: two identical refusals and the overlapping declined request, 14–17, once, as declined; E: the pending request after its start.
      declined: { requests: 1, hours: 3 }, expired: { requests: 1, hours: 2 }, waitlist: { requests: 0, hours: 0 }, refused: { requests: 0, hours: 0 },
      total: { requests: 2, hours: 5 },
    });
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([items.F, items.E]);
  });

  it('gives a past period the same figures after the item’s opening hours, status, closures or retirement change today', async () => {
    const blocks = async () => {
      const result: Record<string, unknown> = {};
      for (const block of ['summary', 'equipment', 'heatmap', 'trend', 'unmet']) result[block] = (await get(`/api/reports/${block}?${PERIOD}`).expect(200)).body;
      return result;
    };
    // A week ahead in business time: what today's changes are allowed to change.
    const today = now(BXL);
    const ahead = `from=${today.plus({ days: 7 }).toISODate()}&to=${today.plus({ days: 13 }).toISODate()}`;
    const openAhead = async (item: string) =>
      (await get(`/api/reports/equipment?${ahead}`).expect(200)).body.items.find((i: { id: string }) => i.id === item)?.openHours ?? null;
    const before = await blocks();
    const aheadD = await openAhead(items.D);
    expect(aheadD).toBeGreaterThan(0);

    const send = (method: 'patch' | 'post' | 'delete', path: string, body?: object) =>
      t.http()[method](path).set('Cookie', coordinator).send(body ?? {});
    const { body: itemD } = await get(`/api/resources/${items.D}`).expect(200);
    expect(itemD.availableFrom).toBe('2025-01-01');
    await send('patch', `/api/resources/${items.D}`, { rules: { ...itemD.rules, openingHours: weekdays('08:00', '10:00') } }).expect(200);
    // The derived rows were forgotten in the same transaction as the change.
    expect((await q('SELECT count(*)::int AS n FROM report_open_months WHERE resource_id = $1', [items.D]))[0].n).toBe(0);
    expect(await openAhead(items.D)).toBe(aheadD / 2); // 08–12 → 08–10 from today on

    const closure = await send('post', `/api/resources/${items.F}/closures`, { startsOn: '2030-01-01', endsOn: '2030-01-01', reason: 'Inventaire' }).expect(201);
    await send('delete', `/api/closures/${closure.body.id}`).expect(204);
    await openAhead(items.F);
    expect((await q('SELECT count(*)::int AS n FROM report_open_months WHERE resource_id = $1', [items.F]))[0].n).toBeGreaterThan(0);
    const { body: statusF } = await send('post', `/api/resources/${items.F}/status`, { status: 'maintenance' }).expect(200);
    expect((await q('SELECT count(*)::int AS n FROM report_open_months WHERE resource_id = $1', [items.F]))[0].n).toBe(0);
    expect(statusF.statusHistory.map((p: { status: string }) => p.status)).toEqual(['active', 'maintenance', 'active', 'maintenance']);
    expect(await openAhead(items.F)).toBe(0);
    await send('post', `/api/resources/${items.E}/status`, { status: 'retired' }).expect(200);
    expect(await openAhead(items.E)).toBeNull();

    expect(await blocks()).toEqual(before);
  });

  it('lets managers date an item’s first day on the platform, not after today', async () => {
    const today = now(BXL).toISODate()!;
    const tomorrow = now(BXL).plus({ days: 1 }).toISODate()!;
    const late = await t.http().patch(`/api/resources/${items.G}`).set('Cookie', coordinator).send({ availableFrom: tomorrow }).expect(400);
    expect(late.body.details).toEqual([{ field: 'availableFrom', constraint: 'availableFromRange', message: `Doit être entre le 2020-01-01 et aujourd’hui (${today}).` }]);
    await t.http().patch(`/api/resources/${items.G}`).set('Cookie', coordinator).send({ availableFrom: 'soon' }).expect(400);
    // Moved to 5 June, G keeps only Thursday and Friday of its last week.
    await t.http().patch(`/api/resources/${items.G}`).set('Cookie', coordinator).send({ availableFrom: '2025-06-05' }).expect(200);
    const { body } = await get(`/api/reports/equipment?${PERIOD}`).expect(200);
    expect(body.items.find((i: { id: string }) => i.id === items.G)).toMatchObject({ openHours: 8, bookedHours: 0 });
  });
});

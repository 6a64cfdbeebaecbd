import { DateTime } from 'luxon';
import { Client } from 'pg';
import { lastReportDay, MAX_CONCURRENT_REPORTS, REPORT_FIRST_DAY, REPORTS_BUSY_RETRY_SECONDS } from '@equipole/shared';
import { ReportSlots } from '../src/reports/report-slots';
import { reportSlotLock } from '../src/reports/reports.repository';
import { serverUrl } from './support/databases';
import { createOrganisation, createUser, signIn } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What a report may make the database do (issue 15): periods bounded to where data can be, derived
 * rows filled for the items the caller's report covers only, a few computations per person at once;
 * and CSVs whose cells a spreadsheet cannot run as formulas.
 *
 *   Centre A (BE) owns A1 and A2 on site Halle (Brussels).
 *   '=HYPERLINK("http://x","y")' (FR) owns B1 and B2 on site '@SUM(1)' (Paris).
 *   School S booked A1 on Monday 5 February 2024 and B1 on Monday 3 June 2024, both completed.
 */
const DERIVED_TABLES = [
  'report_open_months', 'report_open_days', 'report_booking_months', 'report_booking_days', 'report_month_cells', 'report_network_months', 'report_network_cells',
];
const HYPERLINK = '=HYPERLINK("http://x","y")';
const onServer = serverUrl() ? it : it.skip;

describe('report limits', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const items: Record<'A1' | 'A2' | 'B1' | 'B2', string> = {} as never;
  const users: Record<'coordinator' | 'englishCoordinator' | 'managerA' | 'memberS', { id: string; cookie: string }> = {} as never;
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const get = (path: string, who: keyof typeof users) => t.http().get(path).set('Cookie', users[who].cookie);

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of DERIVED_TABLES) result[table] = (await q(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    return result;
  };
  /** The items with derived rows for `month`, by name. */
  const filledItems = async (table: 'report_booking_months' | 'report_open_months', month: string) => {
    const rows: { id: string }[] = await q(`SELECT DISTINCT resource_id AS id FROM ${table} WHERE month = $1::date`, [month]);
    return rows.map((row) => Object.entries(items).find(([, id]) => id === row.id)![0]).sort();
  };
  const networkMonths = async (month: string) => (await q('SELECT count(*)::int AS n FROM report_network_months WHERE month = $1::date', [month]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    orgA = await createOrganisation(t.dataSource, { name: 'Centre A', kind: 'training_centre', country: 'BE' });
    orgB = await createOrganisation(t.dataSource, { name: HYPERLINK, kind: 'company', country: 'FR' });
    const school = await createOrganisation(t.dataSource, { name: 'École S', kind: 'school', country: 'BE' });
    const user = async (key: keyof typeof users, values: Parameters<typeof createUser>[1]) => {
      const { id, email } = await createUser(t.dataSource, values);
      users[key] = { id, cookie: await signIn(t, email) };
    };
    await user('coordinator', { coordinator: true });
    await user('englishCoordinator', { coordinator: true, locale: 'en' });
    await user('managerA', { memberships: [[orgA, 'manager']] });
    await user('memberS', { memberships: [[school, 'member']] });

    const [{ id: halle }] = await q(`INSERT INTO sites (organisation_id, name, country, region, time_zone) VALUES ($1, 'Halle', 'BE', 'WAL', 'Europe/Brussels') RETURNING id`, [orgA]);
    const [{ id: sum }] = await q(`INSERT INTO sites (organisation_id, name, country, region, time_zone) VALUES ($1, '@SUM(1)', 'FR', 'HDF', 'Europe/Paris') RETURNING id`, [orgB]);
    const hours = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '12:00' })));
    for (const [name, owner, site] of [['A1', orgA, halle], ['A2', orgA, halle], ['B1', orgB, sum], ['B2', orgB, sum]] as const) {
      [{ id: items[name] }] = await q(
        `INSERT INTO resources (organisation_id, site_id, kind, name_fr, sector, opening_hours, available_from) VALUES ($1, $2, 'machine', $3, 'industry', $4, '2020-01-01') RETURNING id`,
        [owner, site, `Machine ${name}`, hours],
      );
    }
    const completed = (item: string, zone: string, start: string, end: string) => {
      const [from, to] = [start, end].map((local) => DateTime.fromISO(local, { zone }).toISO());
      return q(
        `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, actual_start, actual_end, actual_pupils)
         VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'completed', 'course', $4, $5, 10)`,
        [item, school, users.memberS.id, from, to],
      );
    };
    await completed(items.A1, 'Europe/Brussels', '2024-02-05T09:00', '2024-02-05T11:00');
    await completed(items.B1, 'Europe/Paris', '2024-06-03T08:00', '2024-06-03T12:00');
  });
  afterAll(() => t.close());

  describe('periods', () => {
    it('refuses years 0001 and 9999 with a translated field error, and fills nothing', async () => {
      const before = await counts();
      const early = await get('/api/reports/summary?from=0001-01-01&to=0001-01-31', 'memberS').expect(400);
      expect(early.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(early.body.details).toEqual([
        { field: 'from', constraint: 'periodTooEarly', message: `Les rapports commencent le ${REPORT_FIRST_DAY} au plus tôt.` },
        { field: 'to', constraint: 'periodTooEarly', message: `Les rapports commencent le ${REPORT_FIRST_DAY} au plus tôt.` },
      ]);
      const late = await get('/api/reports/trend?from=9999-01-01&to=9999-12-31', 'englishCoordinator').expect(400);
      const last = lastReportDay(t.clock.dateTime().toISODate()!);
      expect(late.body.details).toEqual([
        { field: 'from', constraint: 'periodTooLate', message: `Reports end on ${last} at the latest (today plus the longest booking horizon).` },
        { field: 'to', constraint: 'periodTooLate', message: `Reports end on ${last} at the latest (today plus the longest booking horizon).` },
      ]);
      await get('/api/reports/equipment.csv?from=0001-01-01&to=0001-12-31', 'coordinator').expect(400);
      await get('/api/reports/heatmap?from=0000-01-01&to=0000-01-31', 'coordinator').expect(400);
      expect(await counts()).toEqual(before);
    });

    it('accepts the first report day and today plus the longest booking horizon, and nothing beyond', async () => {
      await get(`/api/reports/summary?from=${REPORT_FIRST_DAY}&to=2020-01-31`, 'memberS').expect(200);
      const dayBefore = await get('/api/reports/summary?from=2019-12-31&to=2020-01-31', 'memberS').expect(400);
      expect(dayBefore.body.details).toEqual([expect.objectContaining({ field: 'from', constraint: 'periodTooEarly' })]);

      const last = DateTime.fromISO(lastReportDay(t.clock.dateTime().toISODate()!), { zone: 'UTC' });
      await get(`/api/reports/equipment?from=${last.minus({ days: 30 }).toISODate()}&to=${last.toISODate()}`, 'managerA').expect(200);
      const beyond = await get(`/api/reports/equipment?from=${last.minus({ days: 30 }).toISODate()}&to=${last.plus({ days: 1 }).toISODate()}`, 'managerA').expect(400);
      expect(beyond.body.details).toEqual([expect.objectContaining({ field: 'to', constraint: 'periodTooLate' })]);
    });
  });

  describe('derived data', () => {
    it('fills, for a member, only the items its organisation booked', async () => {
      const { body } = await get('/api/reports/equipment?from=2024-02-01&to=2024-02-29', 'memberS').expect(200);
      expect(body.items.map((item: { id: string; bookedHours: number }) => [item.id, item.bookedHours])).toEqual([[items.A1, 2]]);
      expect(await filledItems('report_open_months', '2024-02-01')).toEqual(['A1']);
      expect(await filledItems('report_booking_months', '2024-02-01')).toEqual(['A1']);
      expect(await networkMonths('2024-02-01')).toBe(0);
    });

    it('fills, for a manager, only the equipment of the organisations it manages', async () => {
      const { body } = await get('/api/reports/equipment?from=2024-03-01&to=2024-03-31', 'managerA').expect(200);
      expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual([items.A1, items.A2].sort());
      expect(await filledItems('report_booking_months', '2024-03-01')).toEqual(['A1', 'A2']);
      expect(await networkMonths('2024-03-01')).toBe(0);
    });

    it('fills, for a coordinator, the items the filters keep, and every item (and the network’s cells) without filters', async () => {
      await get(`/api/reports/equipment?from=2024-04-01&to=2024-04-30&ownerOrganisationId=${orgB}`, 'coordinator').expect(200);
      expect(await filledItems('report_booking_months', '2024-04-01')).toEqual(['B1', 'B2']);
      await get('/api/reports/heatmap?from=2024-05-01&to=2024-05-31', 'coordinator').expect(200);
      expect(await filledItems('report_booking_months', '2024-05-01')).toEqual(['A1', 'A2', 'B1', 'B2']);
      expect(await networkMonths('2024-05-01')).toBe(1);
    });

    it('gives the network the same figures after partial fills as after a fill of every item', async () => {
      // February was filled for A1 only (the member's report): the network's heatmap completes it.
      const { body } = await get('/api/reports/heatmap?from=2024-02-01&to=2024-02-29', 'coordinator').expect(200);
      const sum = (key: 'openHours' | 'bookedHours') => body.cells.reduce((total: number, cell: Record<string, number>) => total + cell[key], 0);
      expect(sum('openHours')).toBe(4 * 21 * 4); // four items, 21 weekdays, 4 hours
      expect(sum('bookedHours')).toBe(2);
      expect(await filledItems('report_booking_months', '2024-02-01')).toEqual(['A1', 'A2', 'B1', 'B2']);
    });
  });

  describe('concurrent computations', () => {
    const PERIOD = 'from=2024-07-01&to=2024-07-31';

    it(`answers 429 with Retry-After to a person already running ${MAX_CONCURRENT_REPORTS} reports, and only to them`, async () => {
      const slots = t.app.get(ReportSlots);
      const held = Array.from({ length: MAX_CONCURRENT_REPORTS }, () => slots.reserve(users.managerA.id));
      try {
        const busy = await get(`/api/reports/summary?${PERIOD}`, 'managerA').expect(429);
        expect(busy.headers['retry-after']).toBe(String(REPORTS_BUSY_RETRY_SECONDS));
        expect(busy.body).toMatchObject({
          code: 'REPORTS_BUSY', details: { retryAfterSeconds: REPORTS_BUSY_RETRY_SECONDS },
          message: `Vous avez déjà ${MAX_CONCURRENT_REPORTS} rapports en cours de calcul. Réessayez dans ${REPORTS_BUSY_RETRY_SECONDS} secondes.`,
        });
        await get(`/api/reports/equipment.csv?${PERIOD}`, 'managerA').expect(429);
        await get(`/api/reports/summary?${PERIOD}`, 'memberS').expect(200);
        held.pop()!();
        await get(`/api/reports/summary?${PERIOD}`, 'managerA').expect(200);
      } finally {
        held.forEach((release) => release());
      }
    });

    // Another API instance is another connection: the person's slots are advisory locks in PostgreSQL.
    onServer('counts the reports a person runs through other API instances', async () => {
      const other = new Client({ connectionString: t.config.database.url });
      await other.connect();
      try {
        for (let slot = 0; slot < MAX_CONCURRENT_REPORTS; slot += 1) {
          await other.query(`SELECT pg_advisory_lock(${reportSlotLock('$1::text', '$2::text')})`, [users.managerA.id, String(slot)]);
        }
        const busy = await get(`/api/reports/trend?${PERIOD}`, 'managerA').expect(429);
        expect(busy.headers['retry-after']).toBe(String(REPORTS_BUSY_RETRY_SECONDS));
        await get(`/api/reports/trend?${PERIOD}`, 'coordinator').expect(200);
        await other.query(`SELECT pg_advisory_unlock(${reportSlotLock('$1::text', '$2::text')})`, [users.managerA.id, '0']);
        await get(`/api/reports/trend?${PERIOD}`, 'managerA').expect(200);
      } finally {
        await other.end();
      }
    });

    // Two reports of one person held mid-computation (their fill waits for a table lock): a third
    // is refused at once, and the two finish normally once the lock goes.
    onServer('refuses a third report while two of the same person are being computed', async () => {
      const blocker = new Client({ connectionString: t.config.database.url });
      await blocker.connect();
      const advisoryLocks = async () =>
        (await q(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n;
      let running: Promise<number>[] = [];
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE report_open_months IN EXCLUSIVE MODE');
        running = ['summary', 'heatmap'].map((block) => get(`/api/reports/${block}?from=2024-08-01&to=2024-08-31`, 'managerA').then((response) => response.status));
        for (let wait = 0; (await advisoryLocks()) < MAX_CONCURRENT_REPORTS; wait += 1) {
          if (wait > 200) throw new Error('the two reports never took their slots');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await get('/api/reports/equipment?from=2024-08-01&to=2024-08-31', 'managerA').expect(429);
      } finally {
        await blocker.query('COMMIT');
        await blocker.end();
      }
      expect(await Promise.all(running)).toEqual([200, 200]);
      expect(await advisoryLocks()).toBe(0);
    });
  });

  describe('CSV', () => {
    it('writes names that would start a formula as text, and negative figures as numbers', async () => {
      const equipment = await get('/api/reports/equipment.csv?from=2024-06-03&to=2024-06-09&lang=fr&ownerOrganisationId=' + orgB, 'coordinator').expect(200);
      const lines = equipment.text.split('\r\n');
      expect(lines).toContain(`Machine B1;Machine;"'=HYPERLINK(""http://x"",""y"")";'@SUM(1);FR;20;4;4;20;20;1;0`);
      expect(lines).toContain(`Machine B2;Machine;"'=HYPERLINK(""http://x"",""y"")";'@SUM(1);FR;20;0;0;0;0;0;0`);

      const english = await get(`/api/reports/partnerships.csv?from=2024-06-03&to=2024-06-09`, 'englishCoordinator').expect(200);
      expect(english.text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",FR,École S,BE,1,4,2024-06-03,yes,yes`);

      // The week after B1's booking: 100 % fewer booked hours than the week before, 5 points less occupancy.
      const summary = await get('/api/reports/summary.csv?from=2024-06-10&to=2024-06-16&lang=fr', 'coordinator').expect(200);
      expect(summary.text.split('\r\n')).toContain('Heures réservées;0;4;-100;% de la période précédente');
      expect(summary.text.split('\r\n')).toContain('Taux d’occupation (%);0;5;-5;points');
      expect(summary.text.split('\r\n')).toContain('Absences;0;0;0;% de la période précédente');
    });
  });
});

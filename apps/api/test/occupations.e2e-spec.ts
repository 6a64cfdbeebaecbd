import { BOOKING_STATUSES } from '@equipole/shared';
import { DemoDataService } from '../src/database/demo/demo-data.service';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /api/occupations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoDataService).seedIfEmpty();
  });
  afterAll(() => t.close());

  it('finds an occupation by its label in any language, ignoring accents and case', async () => {
    for (const search of ['ELECTRICIEN', 'élec', 'elektricien', 'Electrician']) {
      const response = await t.http().get('/api/occupations').query({ search }).expect(200);
      expect(response.body.items.map((o: { code: string }) => o.code)).toContain('industrial-electrician');
    }
  });

  it('filters by sector and carries the shortage flag of each region', async () => {
    const response = await t.http().get('/api/occupations?sector=logistics').expect(200);
    expect(response.body.total).toBeGreaterThanOrEqual(5);
    expect(response.body.items.every((o: { sector: string }) => o.sector === 'logistics')).toBe(true);
    const driver = response.body.items.find((o: { code: string }) => o.code === 'heavy-truck-driver');
    expect(driver.labels).toEqual({ fr: 'Conducteur·rice poids lourd', nl: 'Vrachtwagenchauffeur', en: 'Heavy truck driver' });
    expect(driver.shortage).toHaveLength(4);
    expect(driver.shortage.every((s: { inShortage: boolean }) => s.inShortage)).toBe(true);
  });

  it('pages over whole occupations, not over the rows of their shortage flags', async () => {
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM occupations');
    const all = await t.http().get('/api/occupations?limit=200').expect(200);
    expect(all.body.total).toBe(n);
    expect(all.body.items).toHaveLength(Math.min(n, 200));
    const first = await t.http().get('/api/occupations?limit=10').expect(200);
    const second = await t.http().get('/api/occupations?limit=10&offset=10').expect(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items.every((o: { shortage: unknown[] }) => o.shortage.length === 4)).toBe(true);
    const codes = [...first.body.items, ...second.body.items].map((o: { code: string }) => o.code);
    expect(new Set(codes).size).toBe(20);
    expect(codes).toEqual(all.body.items.slice(0, 20).map((o: { code: string }) => o.code));
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    const response = await t.http().get('/api/occupations').query({ search: '%' }).expect(200);
    expect(response.body.total).toBe(0);
  });
});

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads once into an empty database, with bookings before and after today and no overlap', async () => {
    const summary = await t.app.get(DemoDataService).seedIfEmpty();
    expect(summary).toMatchObject({ organisations: 12, users: 9 });
    expect(summary!.resources).toBeGreaterThanOrEqual(24);
    expect(await t.app.get(DemoDataService).seedIfEmpty()).toBeUndefined();

    const [span] = await t.dataSource.query(`
      SELECT min(lower(period)) < $1::timestamptz - interval '80 days' AS past, max(lower(period)) > $1::timestamptz + interval '80 days' AS future,
             count(DISTINCT status)::int AS statuses
      FROM bookings`, [t.clock.now()]);
    expect(span).toEqual({ past: true, future: true, statuses: BOOKING_STATUSES.length });
    const [overlaps] = await t.dataSource.query(`
      SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.resource_id = b.resource_id AND a.id < b.id AND a.blocked && b.blocked
      WHERE a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')`);
    expect(overlaps.n).toBe(0);
    const [extras] = await t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM waitlist_entries) AS waiting, (SELECT count(*)::int FROM bookings WHERE series_id IS NOT NULL) AS series,
             (SELECT count(*)::int FROM closures) AS closures, (SELECT count(*)::int FROM resources WHERE required_credential_id IS NOT NULL) AS guarded,
             (SELECT count(*)::int FROM bookings WHERE status = 'completed' AND actual_pupils IS NOT NULL) AS attended`);
    expect(extras.waiting).toBeGreaterThan(0);
    expect(extras.series).toBeGreaterThanOrEqual(16);
    expect(extras.closures).toBeGreaterThan(0);
    expect(extras.guarded).toBe(4);
    expect(extras.attended).toBeGreaterThan(100);
  });
});

/**
 * `npm run bench [-- --quick] [--seed N] [--runs N] [--instances N]`: builds a large territory in its own
 * PostgreSQL database, drives the real API over HTTP and prints a Markdown table of the
 * measurements against their targets (docs/performance.md explains each one).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { REPORT_BLOCKS } from '@equipole/shared';
import { DateTime } from 'luxon';
import pg from 'pg';
import { BENCH_PASSWORD, FULL_SCALE, generate, md5Uuid, QUICK_SCALE, reuseData, type GeneratedData } from './generate.js';
import { REPO_ROOT, startServer } from './lib/server.js';
import { measureLatency, medianOfRuns, type LatencySummary } from './lib/stats.js';
import { CHROMIUM_PATH, measureCalendarRender } from './lib/calendar.js';
import { initialJavaScriptGzipBytes } from './lib/web.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    /** Generate the data, keep it, and stop: for EXPLAIN (ANALYZE, BUFFERS) sessions on the bench database. */
    'generate-only': { type: 'boolean', default: false },
    /** Reuse the data a `--keep-data` or `--generate-only` run left in the database, instead of generating it again. */
    'reuse-data': { type: 'boolean', default: false },
    /** The database to create (default equipole_bench, or equipole_bench_quick with --quick). */
    database: { type: 'string' },
    /** Comma-separated scenarios to run: creation, contention, reads, reports, calendar (default: all). */
    only: { type: 'string' },
    /** API processes on the one database: creation and contention spread their requests over them. */
    instances: { type: 'string', default: '1' },
  },
});
const SCENARIOS = ['creation', 'contention', 'reads', 'reports', 'calendar'] as const;
const only = new Set(args.only ? args.only.split(',').map((name) => name.trim()) : SCENARIOS);
for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario "${name}" (${SCENARIOS.join(', ')})`);
const instances = Number(args.instances);
if (!Number.isInteger(instances) || instances < 1 || instances > 8) throw new Error(`--instances: a whole number from 1 to 8 (got "${args.instances}")`);
const quick = args.quick ?? false;
const scale = quick ? QUICK_SCALE : FULL_SCALE;
const runs = Number(args.runs ?? (quick ? 1 : 3));
const seed = Number(args.seed);
const durationSeconds = quick ? 2 : 10;
const readCount = quick ? 30 : 200;
const contentionRounds = quick ? 3 : 20;
const contentionRequests = quick ? 50 : 200;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = args.database ?? (quick ? 'equipole_bench_quick' : 'equipole_bench');
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`--database: "${databaseName}" is not a plain lower-case name`);

/** Slots each resource may use per measured round: 40 one-hour slots = one working week. */
const SLOTS_PER_ROUND = 40;

interface Row {
  scenario: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

const log = (message: string): void => console.error(message);

async function main(): Promise<void> {
  const startedAt = new Date();
  if (quick && !(await serverReachable(adminUrl))) {
    // `npm test` runs the quick bench; on a machine with only the embedded database there is nothing to measure.
    log(`Quick bench skipped: no PostgreSQL server answers at ${new URL(adminUrl).host} (set BENCH_DATABASE_URL).`);
    return;
  }
  const reuse = args['reuse-data'] ?? false;
  const benchUrl = reuse ? databaseUrl(adminUrl, databaseName) : await recreateDatabase(adminUrl, databaseName);
  log(`Database ${databaseName} on ${new URL(adminUrl).host}; scale ${JSON.stringify(scale)}; seed ${seed}`);

  // First start: the API migrates the empty database (or the kept one) and seeds the occupation catalogue.
  let server = await startServer(benchUrl);
  await server.stop();
  const pool = new pg.Pool({ connectionString: benchUrl, max: 50 });
  let data: GeneratedData;
  if (reuse) {
    data = await reuseData(pool);
    log(`Reusing the data in ${databaseName}: ${JSON.stringify(data.counts)}`);
  } else {
    log('Generating data…');
    data = await generate(pool, scale, seed, log);
    log(`Generated in ${data.seconds.toFixed(1)} s: ${JSON.stringify(data.counts)}`);
  }
  if (args['generate-only']) {
    await pool.end();
    log(`Data kept in the database ${databaseName}.`);
    return;
  }

  server = await startServer(benchUrl);
  // Further instances share the database and the secret (sessions made on one work on all).
  const others = await Promise.all(Array.from({ length: instances - 1 }, () => startServer(benchUrl)));
  const baseUrls = [server.baseUrl, ...others.map((other) => other.baseUrl)];
  const rows: Row[] = [];
  const results: Record<string, unknown> = { scale, seed, runs, instances, generation: data };
  const onInstances = instances > 1 ? ` on ${instances} API instances` : '';
  try {
    const cookie = await signIn(server.baseUrl, data.bookerEmail);
    const api = new ApiClient(server.baseUrl, cookie);
    const half = Math.floor(scale.resources / 2);
    const slots = new SlotAllocator(data.freeFromDay);

    // 1. Booking creation through the API, beside the raw INSERT on the same table.
    if (only.has('creation')) {
      const creation = await medianOfRuns(runs, async () => {
        const apiRun = await createBookingsOverHttp(baseUrls, cookie, data.bookerOrganisationId, half, slots);
        const rawRun = await createBookingsRaw(pool, data.bookerOrganisationId, half, scale.resources, slots);
        return { apiThroughput: apiRun.throughput, apiP50: apiRun.p50, apiP99: apiRun.p99, apiErrors: apiRun.errors, rawThroughput: rawRun.throughput, rawP50: rawRun.p50, rawP99: rawRun.p99 };
      });
      const ratio = creation.apiThroughput / creation.rawThroughput;
      results.creation = { ...creation, ratio };
      rows.push(
        { scenario: `1. Create bookings, 50 connections${onInstances}: API throughput`, target: '≥ 0.35 × raw INSERT', measured: `${creation.apiThroughput.toFixed(0)} req/s = ${ratio.toFixed(2)} × raw (${creation.rawThroughput.toFixed(0)} inserts/s)`, pass: ratio >= 0.35 && creation.apiErrors === 0 },
        { scenario: `1. Create bookings, 50 connections${onInstances}: API latency`, target: 'p99 < 100 ms', measured: `p50 ${creation.apiP50.toFixed(1)} ms, p99 ${creation.apiP99.toFixed(1)} ms (raw p50 ${creation.rawP50.toFixed(1)}, p99 ${creation.rawP99.toFixed(1)} ms)`, pass: creation.apiP99 < 100 },
      );
    }

    // 2. Contention: many requests for one slot, exactly one wins each round.
    if (only.has('contention')) {
      const contention = await contend(baseUrls, cookie, data.bookerOrganisationId, slots, contentionRounds, contentionRequests);
      results.contention = contention;
      rows.push({
        scenario: `2. Contention: ${contentionRequests} concurrent requests for one slot × ${contentionRounds}${onInstances}`,
        target: 'exactly 1 success per round',
        measured: `${contention.roundsWithOneSuccess}/${contentionRounds} rounds; others: ${JSON.stringify(contention.otherStatuses)}`,
        pass: contention.roundsWithOneSuccess === contentionRounds && Object.keys(contention.otherStatuses).every((status) => status === '409'),
      });
    }

    // 3–5. Read paths, one client, after a warm-up.
    const busy = md5Uuid('res1');
    const monday = DateTime.now().setZone('Europe/Brussels').startOf('week');
    const month = { from: monday.toISO()!, to: monday.plus({ days: 30 }).toISO()! };
    const week = { from: monday.toISO()!, to: monday.plus({ days: 7 }).toISO()! };
    const reads: [string, string, number, string][] = [
      ['3. Free slots of one resource over a month', `/api/resources/${busy}/availability?from=${enc(month.from)}&to=${enc(month.to)}`, 20, 'p95 < 20 ms'],
      [`3. Which of the ${scale.resources} items are free this week`, `/api/resources?freeFrom=${enc(week.from)}&freeTo=${enc(week.to)}&limit=20`, 150, 'p95 < 150 ms'],
      ['4. Calendar of one busy resource, one week', `/api/resources/${busy}/calendar?from=${enc(week.from)}&to=${enc(week.to)}`, 15, 'p95 < 15 ms'],
      ['5. Catalogue search, text and filters', `/api/resources?q=${enc('soudage')}&sector=industry&country=BE&limit=20`, 50, 'p95 < 50 ms'],
    ];
    for (const [scenario, path, limitMs, target] of only.has('reads') ? reads : []) {
      const summary = await medianOfRuns(runs, () => measureRead(api, path));
      results[scenario] = summary;
      rows.push({ scenario, target, measured: `p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`, pass: summary.p95 < limitMs });
    }

    // 6. Report blocks: seconds each at full scale, so five requests after one warm-up (which also
    // fills the open-time cache), in a single run.
    const coordinator = new ApiClient(server.baseUrl, await signIn(server.baseUrl, data.coordinatorEmail));
    for (const report of only.has('reports') ? reportScenarios() : []) {
      const summary = await measureRead(coordinator, report.path, 5, 1);
      results[report.scenario] = summary;
      rows.push({ scenario: report.scenario, target: `p95 < ${report.limitMs} ms`, measured: `p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms`, pass: summary.p95 < report.limitMs });
    }

    // Web: the equipment calendar's week view with 500 events, rendered in headless Chromium.
    if (only.has('calendar')) {
      const calendarItem = await calendarFixture(pool, data.bookerOrganisationId, CALENDAR_EVENTS);
      const renders = await measureCalendarRender(server.baseUrl, cookie, calendarItem, CALENDAR_EVENTS, quick ? 3 : 5);
      if (renders) {
        const sorted = [...renders].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        results.calendarRenderMs = renders;
        rows.push({ scenario: `Web: equipment calendar with ${CALENDAR_EVENTS} events rendered (Chromium)`, target: '< 300 ms', measured: `median ${median.toFixed(0)} ms of ${renders.length} (max ${sorted[sorted.length - 1].toFixed(0)} ms)`, pass: median < 300 });
      } else {
        rows.push({ scenario: `Web: equipment calendar with ${CALENDAR_EVENTS} events rendered (Chromium)`, target: '< 300 ms', measured: `not measured: no Chromium at ${CHROMIUM_PATH}`, pass: null });
      }
    }

    // 7. Memory of the API process after all of the above.
    const rss = server.rssBytes();
    results.rssBytes = rss;
    rows.push({ scenario: '7. API resident memory after the run', target: '< 300 MB', measured: `${(rss / 1024 / 1024).toFixed(0)} MB`, pass: rss < 300 * 1024 * 1024 });
  } finally {
    await Promise.all([server, ...others].map((running) => running.stop()));
    await pool.end();
  }

  // Web: initial JavaScript of the production build.
  try {
    const web = initialJavaScriptGzipBytes(join(REPO_ROOT, 'apps/web/dist'));
    results.webInitialJs = web;
    rows.push({ scenario: 'Web: initial JavaScript (gzip)', target: '< 250 kB', measured: `${(web.bytes / 1024).toFixed(1)} kB in ${web.files.length} files`, pass: web.bytes < 250 * 1024 });
  } catch (error) {
    rows.push({ scenario: 'Web: initial JavaScript (gzip)', target: '< 250 kB', measured: `not measured: ${(error as Error).message}`, pass: null });
  }

  if (!args['keep-data'] && !reuse) await dropDatabase(adminUrl, databaseName);
  const table = toMarkdown(rows, startedAt, data.seconds);
  console.log(table);
  const resultsDir = join(REPO_ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const partial = only.size < SCENARIOS.length;
  const file = join(resultsDir, `${startedAt.toISOString().slice(0, 10)}${quick ? '-quick' : ''}${partial ? '-partial' : ''}${instances > 1 ? `-x${instances}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt, quick, machine: machine(), rows, results }, null, 2)}\n`);
  log(`Results written to ${file}`);
  const failedContention = rows.find((row) => row.scenario.startsWith('2.'))?.pass === false;
  if (failedContention) {
    log('FAILED: the contention scenario did not give exactly one success per round.');
    process.exitCode = 1;
  }
}

/** Future working-day slots (08:00–12:00 and 13:00–17:00, one hour each) that no one has booked. */
class SlotAllocator {
  private next = 0;
  private readonly firstMonday: DateTime;
  private static readonly HOURS = [8, 9, 10, 11, 13, 14, 15, 16];

  constructor(freeFromDay: string) {
    const day = DateTime.fromISO(freeFromDay, { zone: 'Europe/Brussels' });
    this.firstMonday = day.startOf('week').plus({ weeks: 1 });
  }

  /** The n-th slot of each resource: resources share slot numbers, never a slot. */
  slot(index: number): { start: string; end: string } {
    const hour = SlotAllocator.HOURS[index % SlotAllocator.HOURS.length];
    const workingDay = Math.floor(index / SlotAllocator.HOURS.length);
    const day = this.firstMonday.plus({ weeks: Math.floor(workingDay / 5), days: workingDay % 5 });
    const start = day.set({ hour, minute: 0 });
    return { start: start.toUTC().toISO()!, end: start.plus({ hours: 1 }).toUTC().toISO()! };
  }

  /** A fresh slot number, never handed out before in this run. */
  take(): number {
    return this.next++;
  }
}

/**
 * 50 connections in all, shared out over the instances (each gets its own autocannon with its share):
 * the throughput is their sum, the latency the worst instance's percentile.
 */
async function createBookingsOverHttp(baseUrls: string[], cookie: string, organisationId: string, resourceCount: number, slots: SlotAllocator) {
  let counter = 0;
  const round = slots.take();
  // Each request books resource (counter mod n) at that resource's next slot of this round.
  const slotBase = round * SLOTS_PER_ROUND;
  const nextBody = (): string => {
    const index = counter++;
    const resource = md5Uuid(`res${1 + (index % resourceCount)}`);
    const { start, end } = slots.slot(slotBase + Math.floor(index / resourceCount));
    return JSON.stringify({ resourceId: resource, organisationId, purpose: 'course', start, end, participants: { pupils: 2 } });
  };
  const connectionsOf = (i: number) => Math.floor(50 / baseUrls.length) + (i < 50 % baseUrls.length ? 1 : 0);
  const run = (duration: number) =>
    Promise.all(
      baseUrls.map((baseUrl, i) =>
        autocannon({
          url: `${baseUrl}/api/bookings`,
          connections: connectionsOf(i),
          duration,
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
        }),
      ),
    );
  for (const baseUrl of baseUrls) {
    const probe = await fetch(`${baseUrl}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: nextBody() });
    if (probe.status !== 201) throw new Error(`Creating a booking answered ${probe.status}: ${await probe.text()}`);
  }
  await run(1); // warm-up
  const results = await run(durationSeconds);
  const errors = results.reduce((sum, result) => sum + result.non2xx + result.errors, 0);
  if (errors > 0) log(`Creation over HTTP: ${errors} non-2xx answers or errors (${JSON.stringify(results.map((result) => result.statusCodeStats))})`);
  return {
    throughput: results.reduce((sum, result) => sum + result.requests.average, 0),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    errors,
  };
}

async function createBookingsRaw(pool: pg.Pool, organisationId: string, firstResource: number, lastResource: number, slots: SlotAllocator) {
  const resourceCount = lastResource - firstResource;
  const slotBase = slots.take() * SLOTS_PER_ROUND;
  const { rows } = await pool.query<{ id: string }>(`SELECT user_id AS id FROM memberships WHERE organisation_id = $1 AND role = 'member'`, [organisationId]);
  const bookedBy = rows[0].id;
  let counter = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < deadline) {
        const index = counter++;
        const resource = md5Uuid(`res${firstResource + 1 + (index % resourceCount)}`);
        const { start, end } = slots.slot(slotBase + Math.floor(index / resourceCount));
        const t0 = performance.now();
        await pool.query(
          `INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, expected_pupils)
           VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'confirmed', 'course', 2)`,
          [resource, organisationId, bookedBy, start, end],
        );
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { throughput: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

/** Each round's requests go to the instances in turn. */
async function contend(baseUrls: string[], cookie: string, organisationId: string, slots: SlotAllocator, rounds: number, requests: number) {
  let roundsWithOneSuccess = 0;
  let sampleError: string | undefined;
  const otherStatuses: Record<string, number> = {};
  const slotBase = slots.take() * SLOTS_PER_ROUND;
  for (let round = 0; round < rounds; round += 1) {
    const { start, end } = slots.slot(slotBase + round);
    const body = JSON.stringify({ resourceId: md5Uuid('res2'), organisationId, purpose: 'course', start, end, participants: { pupils: 2 } });
    const statuses = await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        fetch(`${baseUrls[i % baseUrls.length]}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body }).then(async (response) => {
          const text = await response.text();
          if (response.status !== 201 && response.status !== 409 && !sampleError) sampleError = `${response.status} ${text}`;
          return response.status;
        }),
      ),
    );
    const successes = statuses.filter((status) => status === 201).length;
    if (successes === 1) roundsWithOneSuccess += 1;
    for (const status of statuses.filter((s) => s !== 201)) otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
  }
  if (sampleError) log(`Contention: unexpected answer ${sampleError}`);
  return { rounds, requests, roundsWithOneSuccess, otherStatuses, sampleError };
}

class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, accept: 'application/json' } });
    return response;
  }
}

async function measureRead(api: ApiClient, path: string, count = readCount, warmUp = Math.min(20, count)): Promise<LatencySummary & Record<string, number>> {
  const call = async (): Promise<void> => {
    const response = await api.get(path);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  };
  for (let i = 0; i < warmUp; i += 1) await call();
  return { ...(await measureLatency(call, count, 1)) };
}

const CALENDAR_EVENTS = 500;

/**
 * An item open day and night on another organisation's site, with `events` quarter-hour bookings
 * from this week's Monday in the site's zone (the week view the equipment page opens on).
 */
async function calendarFixture(pool: pg.Pool, bookerOrganisationId: string, events: number): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH site AS (SELECT id, organisation_id, time_zone FROM sites WHERE organisation_id <> $1 ORDER BY id LIMIT 1),
          item AS (
            INSERT INTO resources (organisation_id, site_id, kind, name_fr, sector, opening_hours)
            SELECT organisation_id, id, 'workshop', 'Calendrier chargé', 'industry',
                   (SELECT jsonb_agg(jsonb_build_object('weekday', d, 'start', '00:00', 'end', '24:00')) FROM generate_series(1, 7) AS d)
              FROM site RETURNING id
          ),
          booker AS (SELECT user_id FROM memberships WHERE organisation_id = $1 ORDER BY user_id LIMIT 1),
          monday AS (SELECT date_trunc('week', now() AT TIME ZONE site.time_zone) AT TIME ZONE site.time_zone AS at FROM site),
          added AS (
            INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, expected_pupils)
            SELECT item.id, $1, booker.user_id, tstzrange(monday.at + i * interval '15 minutes', monday.at + (i + 1) * interval '15 minutes'),
                   tstzrange(monday.at + i * interval '15 minutes', monday.at + (i + 1) * interval '15 minutes'), 'confirmed', 'course', 2
              FROM item, booker, monday, generate_series(0, $2 - 1) AS i
            RETURNING resource_id
          )
     SELECT DISTINCT resource_id AS id FROM added`,
    [bookerOrganisationId, events],
  );
  return rows[0].id;
}

/** Each report block over one year: the whole network (as a coordinator), then one cluster. */
function reportScenarios(): { scenario: string; path: string; limitMs: number }[] {
  const to = DateTime.now().startOf('month');
  const year = `from=${enc(to.minus({ years: 1 }).toISODate()!)}&to=${enc(to.minus({ days: 1 }).toISODate()!)}`;
  const cluster = md5Uuid('cluster1');
  return REPORT_BLOCKS.flatMap((block) => [
    { scenario: `6. Report "${block}", one year, all equipment`, path: `/api/reports/${block}?${year}&scope=network`, limitMs: 500 },
    { scenario: `6. Report "${block}", one year, one cluster`, path: `/api/reports/${block}?${year}&scope=network&clusterId=${cluster}`, limitMs: 150 },
  ]);
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
  if (response.status !== 204) throw new Error(`Signing in ${email} answered ${response.status}: ${await response.text()}`);
  return String(response.headers.get('set-cookie')).split(';')[0];
}

function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function recreateDatabase(url: string, name: string): Promise<string> {
  await dropDatabase(url, name);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(url, name);
}

async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function toMarkdown(rows: Row[], startedAt: Date, generationSeconds: number): string {
  const lines = [
    `Equipôle benchmark — ${startedAt.toISOString()} — ${quick ? 'quick' : 'full'} scale, median of ${runs} run(s), data generated in ${generationSeconds.toFixed(0)} s`,
    `Machine: ${machine().cpus} × ${machine().cpuModel}, ${machine().memoryGb} GB, Node ${process.version}`,
    '',
    '| Scenario | Target | Measured | Result |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.scenario} | ${row.target} | ${row.measured} | ${row.pass === null ? 'n/a' : row.pass ? 'pass' : '**miss**'} |`),
  ];
  return lines.join('\n');
}

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1024 ** 3) };
}

const enc = encodeURIComponent;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

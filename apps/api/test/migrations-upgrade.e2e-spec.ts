import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { databaseOptions } from '../src/database/database-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { MIGRATIONS } from '../src/database/migrations';
import { ConvergeReportFunctions1796169600000 } from '../src/database/migrations/1796169600000-ConvergeReportFunctions';
import { MIGRATIONS as MIGRATIONS_AT_BCCC2BE } from './fixtures/migrations-bccc2be';
import { MIGRATIONS as MIGRATIONS_AT_D4AFDE0 } from './fixtures/migrations-d4afde0';
import { databaseUrl, dropDatabase, serverUrl, templateDatabase, TEST_DATABASE_PREFIX, withAdminClient } from './support/databases';

/**
 * A database migrated while ReportOpenDays and ReportBookingDays were still being edited, then
 * upgraded with today's migrations, ends up with exactly the catalog and the report figures of a
 * fresh one. The fixtures are the migration files as they stood at those commits (git show).
 */

/** Each test migrates databases from scratch, more than the default minute on PGlite on a busy machine. */
const TIMEOUT = 180_000;

type MigrationClass = (typeof MIGRATIONS)[number] | (typeof MIGRATIONS_AT_BCCC2BE)[number];

const BEFORE_CONVERGENCE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ConvergeReportFunctions1796169600000));

/** A blank database for the time of `run`: created on the server and dropped after, or an in-memory PGlite. */
async function withBlankDatabase<T>(run: (url: string, poolSize: number) => Promise<T>): Promise<T> {
  const base = serverUrl();
  if (!base) {
    const embedded = await startEmbeddedPostgres({ maxConnections: 4 });
    try {
      // One connection: PGlite runs a single session, as the app does on it.
      return await run(embedded.url, 1);
    } finally {
      await embedded.stop();
    }
  }
  const name = `${TEST_DATABASE_PREFIX}${templateDatabase().split('_').pop()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  try {
    return await run(databaseUrl(base, name), 2);
  } finally {
    await dropDatabase(name);
  }
}

/** Runs the pending ones of `migrations` as the app does at start-up; returns the names it ran. */
async function migrate(url: string, poolSize: number, migrations: readonly MigrationClass[]): Promise<string[]> {
  const dataSource = new DataSource({ ...databaseOptions(url, poolSize), migrations: [...migrations] } as DataSourceOptions);
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function namesOf(migrations: readonly MigrationClass[]): string[] {
  return migrations.map((migration) => migration.name);
}

/** Everything a migration defines, one line per object, outside the system schemas and extensions. */
const CATALOG = {
  extensions: `SELECT extname || ' ' || extversion FROM pg_extension`,
  tables: `
    SELECT table_schema || '.' || table_name || ' ' || table_type FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  // The position counts too: report_compute_item_months inserts into report_booking_days without a column list.
  columns: `
    SELECT concat_ws(' ', table_schema || '.' || table_name || '.' || column_name, '#' || ordinal_position, data_type, udt_name,
                     character_maximum_length, numeric_precision, numeric_scale, 'default=' || column_default,
                     'nullable=' || is_nullable, 'generated=' || generation_expression)
      FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  views: `SELECT schemaname || '.' || viewname || ': ' || definition FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  functions: `
    SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
           || E'\n' || CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE pg_get_functiondef(p.oid) END
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  triggers: `
    SELECT pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  indexes: `SELECT schemaname || '.' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  constraints: `
    SELECT CASE WHEN c.conrelid <> 0 THEN c.conrelid::regclass::text ELSE c.contypid::regtype::text END
           || ' ' || c.conname || ' ' || c.contype::text || ': ' || pg_get_constraintdef(c.oid)
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`,
};
type Catalog = Record<keyof typeof CATALOG, string[]>;

async function catalogOf(client: Client): Promise<Catalog> {
  const catalog = {} as Catalog;
  for (const [part, sql] of Object.entries(CATALOG) as [keyof Catalog, string][]) {
    const { rows } = await client.query<{ line: string }>(`SELECT line FROM (${sql}) AS lines (line) ORDER BY line COLLATE "C"`);
    catalog[part] = rows.map((row) => row.line);
  }
  return catalog;
}

/** Per part, what only one side has: both lists empty when the catalogs are equal. */
function differences(upgraded: Catalog, fresh: Catalog): Record<string, { onlyUpgraded: string[]; onlyFresh: string[] }> {
  return Object.fromEntries(
    (Object.keys(CATALOG) as (keyof Catalog)[]).map((part) => [
      part,
      {
        onlyUpgraded: upgraded[part].filter((line) => !fresh[part].includes(line)),
        onlyFresh: fresh[part].filter((line) => !upgraded[part].includes(line)),
      },
    ]),
  );
}

function noDifferences(): Record<string, { onlyUpgraded: string[]; onlyFresh: string[] }> {
  return Object.fromEntries(Object.keys(CATALOG).map((part) => [part, { onlyUpgraded: [], onlyFresh: [] }]));
}

/** Filled lazily by report_fill_booking_days: a database upgraded from older functions must start without them. */
const LAZY_TABLES = [
  'report_open_months',
  'report_open_days',
  'report_booking_months',
  'report_booking_days',
  'report_month_cells',
  'report_network_months',
  'report_network_cells',
];
const DERIVED_TABLES = [...LAZY_TABLES, 'report_partnerships'];

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [OWNER, BOOKER, USER, SITE, ITEM, OTHER_ITEM] = [1, 2, 3, 4, 5, 6].map(id);
const BOOKINGS = [7, 8, 9, 10, 11].map(id);
const FROM_DAY = '2026-01-01';
const TO_DAY = '2026-05-01';

/** An owner with two items (one closed a day), a school booking them: completed, confirmed, no-show and declined, across a DST change. */
async function seed(client: Client): Promise<void> {
  await client.query(`
    INSERT INTO organisations (id, kind, name, country) VALUES ('${OWNER}', 'training_centre', 'Owner', 'BE'), ('${BOOKER}', 'school', 'School', 'BE');
    INSERT INTO users (id, email, name) VALUES ('${USER}', 'teacher@school.test', 'Teacher');
    INSERT INTO sites (id, organisation_id, name, country, region, time_zone) VALUES ('${SITE}', '${OWNER}', 'Workshop', 'BE', 'WAL', 'Europe/Brussels');
    INSERT INTO resources (id, organisation_id, site_id, kind, name_fr, opening_hours) VALUES
      ('${ITEM}', '${OWNER}', '${SITE}', 'machine', 'Tour', '[{"weekday":1,"start":"08:00","end":"12:00"},{"weekday":1,"start":"13:00","end":"17:00"},{"weekday":3,"start":"08:00","end":"17:00"}]'),
      ('${OTHER_ITEM}', '${OWNER}', '${SITE}', 'workshop', 'Atelier', '[{"weekday":2,"start":"09:00","end":"16:00"},{"weekday":7,"start":"01:00","end":"05:00"}]');
    INSERT INTO closures (resource_id, starts_on, ends_on, reason) VALUES ('${ITEM}', '2026-02-11', '2026-02-11', 'Maintenance');
    INSERT INTO bookings (id, resource_id, organisation_id, booked_by_id, period, blocked, status, purpose,
                          actual_start, actual_end, actual_pupils, actual_trainers) VALUES
      ('${BOOKINGS[0]}', '${ITEM}', '${BOOKER}', '${USER}', '[2026-02-09 09:00+01, 2026-02-11 15:00+01)', '[2026-02-09 09:00+01, 2026-02-11 15:00+01)', 'completed', 'course',
       '2026-02-09 08:30+01', '2026-02-11 14:00+01', 12, 1),
      ('${BOOKINGS[1]}', '${ITEM}', '${BOOKER}', '${USER}', '[2026-03-30 07:00+02, 2026-03-30 18:00+02)', '[2026-03-30 07:00+02, 2026-03-30 18:00+02)', 'confirmed', 'exam',
       NULL, NULL, NULL, NULL),
      ('${BOOKINGS[2]}', '${OTHER_ITEM}', '${BOOKER}', '${USER}', '[2026-03-29 00:00+01, 2026-03-31 12:00+02)', '[2026-03-29 00:00+01, 2026-03-31 12:00+02)', 'completed', 'course',
       '2026-03-29 02:00+01', '2026-03-31 10:00+02', 8, 2),
      ('${BOOKINGS[3]}', '${OTHER_ITEM}', '${OWNER}', '${USER}', '[2026-04-07 09:00+02, 2026-04-07 12:00+02)', '[2026-04-07 09:00+02, 2026-04-07 12:00+02)', 'no_show', 'other',
       NULL, NULL, NULL, NULL),
      ('${BOOKINGS[4]}', '${OTHER_ITEM}', '${BOOKER}', '${USER}', '[2026-04-14 09:00+02, 2026-04-14 12:00+02)', '[2026-04-14 09:00+02, 2026-04-14 12:00+02)', 'declined', 'course',
       NULL, NULL, NULL, NULL);
  `);
}

async function rowCounts(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DERIVED_TABLES) {
    const exists = await client.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
    if (!exists.rows[0].exists) continue;
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return counts;
}

/** The reports' derived rows once filled over the seeded months, each table sorted. */
async function filledReportRows(client: Client): Promise<Record<string, string[]>> {
  // Since ItemHistory1796601600000 an item has no open time before its first day on the platform: a fresh
  // database dates the seeded items today, an upgraded one from their first booking; both as a manager would.
  await client.query(`UPDATE resources SET available_from = $1::date`, [FROM_DAY]);
  await client.query(`SELECT report_fill_booking_days($1::date, $2::date)`, [FROM_DAY, TO_DAY]);
  const rows: Record<string, string[]> = {};
  for (const table of DERIVED_TABLES) {
    const result = await client.query<{ line: string }>(`SELECT to_jsonb(t)::text AS line FROM ${table} t ORDER BY to_jsonb(t)::text COLLATE "C"`);
    rows[table] = result.rows.map((row) => row.line);
  }
  return rows;
}

describe('upgrading a database migrated at an earlier commit', () => {
  let fresh: { catalog: Catalog; reportRows: Record<string, string[]> };

  beforeAll(async () => {
    fresh = await withBlankDatabase(async (url, poolSize) => {
      expect(await migrate(url, poolSize, MIGRATIONS)).toEqual(namesOf(MIGRATIONS));
      return withClient(url, async (client) => {
        const catalog = await catalogOf(client);
        await seed(client);
        return { catalog, reportRows: await filledReportRows(client) };
      });
    });
  }, TIMEOUT);

  it.each([
    ['bccc2be, the first ReportBookingDays', MIGRATIONS_AT_BCCC2BE, `SELECT report_fill_booking_days('${FROM_DAY}', '${TO_DAY}')`],
    ['d4afde0, the first ReportOpenDays (before 0a28e1f)', MIGRATIONS_AT_D4AFDE0, `SELECT report_fill_open_days('${FROM_DAY}', '${TO_DAY}')`],
  ])('converges from %s to the catalog and report figures of a fresh database', async (_commit, oldMigrations, oldFill) => {
    await withBlankDatabase(async (url, poolSize) => {
      expect(await migrate(url, poolSize, oldMigrations)).toEqual(namesOf(oldMigrations));
      await withClient(url, async (client) => {
        await seed(client);
        await client.query(oldFill);
        // The old functions did fill their tables: there is something to forget.
        expect((await rowCounts(client)).report_open_days).toBeGreaterThan(0);
      });

      // The migrations table matches by name: only the migrations the old commit did not have run.
      // Up to this one, they leave the old definitions behind: that is what it is for.
      const ranBefore = await migrate(url, poolSize, BEFORE_CONVERGENCE);
      const drifted = await withClient(url, catalogOf);
      expect(differences(drifted, fresh.catalog).functions.onlyUpgraded).not.toEqual([]);
      const ranAfter = await migrate(url, poolSize, MIGRATIONS);
      expect(ranAfter[0]).toBe(ConvergeReportFunctions1796169600000.name);
      expect([...ranBefore, ...ranAfter]).toEqual(namesOf(MIGRATIONS).filter((name) => !namesOf(oldMigrations).includes(name)));

      await withClient(url, async (client) => {
        const counts = await rowCounts(client);
        expect(LAZY_TABLES.filter((table) => counts[table] !== 0)).toEqual([]);
        expect(counts.report_partnerships).toBe(1);
        expect(differences(await catalogOf(client), fresh.catalog)).toEqual(noDifferences());
        expect(await filledReportRows(client)).toEqual(fresh.reportRows);
      });
    });
  }, TIMEOUT);

  it('changes nothing on a fresh database but forgetting derived rows, so its down has nothing to restore', async () => {
    await withBlankDatabase(async (url, poolSize) => {
      await migrate(url, poolSize, BEFORE_CONVERGENCE);
      const before = await withClient(url, catalogOf);
      expect(await migrate(url, poolSize, [...BEFORE_CONVERGENCE, ConvergeReportFunctions1796169600000])).toEqual([
        ConvergeReportFunctions1796169600000.name,
      ]);
      expect(differences(await withClient(url, catalogOf), before)).toEqual(noDifferences());
    });
  }, TIMEOUT);
});

import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import type { Pool } from 'pg';

export interface Scale {
  organisations: number;
  sites: number;
  resources: number;
  bookingsPerResource: number;
  /** Days of history before today, and days booked ahead of today. */
  pastDays: number;
  futureDays: number;
}

export const FULL_SCALE: Scale = { organisations: 200, sites: 300, resources: 2000, bookingsPerResource: 500, pastDays: 913, futureDays: 182 };
export const QUICK_SCALE: Scale = { organisations: 20, sites: 30, resources: 200, bookingsPerResource: 40, pastDays: 180, futureDays: 60 };

export const BENCH_PASSWORD = 'bench-password-not-secret';

export interface GeneratedData {
  seconds: number;
  counts: Record<string, number>;
  /** Signs in as a member of this organisation to create bookings. */
  bookerEmail: string;
  /** A platform coordinator: the reports over the whole network. */
  coordinatorEmail: string;
  bookerOrganisationId: string;
  /** First day (local) from which no generated booking exists: the creation scenarios book after it. */
  freeFromDay: string;
}

/**
 * Fills an empty, migrated database with a deterministic territory: every pseudo-random choice
 * is `bench_rand(key)`, a hash of the seed and the row's key, so the same seed gives the same
 * data whatever the query plan. Everything is generated inside PostgreSQL (INSERT … SELECT
 * over generate_series): no row travels through Node.
 */
export async function generate(pool: Pool, scale: Scale, seed: number, log: (message: string) => void): Promise<GeneratedData> {
  const started = performance.now();
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const step = async (label: string, sql: string, params: unknown[] = []): Promise<void> => {
    const stepStarted = performance.now();
    const result = await pool.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
  };

  // Deterministic ids that are valid version-4 UUIDs (the API validates them): md5 with the
  // version and variant digits set.
  await pool.query(`
    CREATE OR REPLACE FUNCTION bench_uuid(key text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$ SELECT overlay(overlay(md5(key) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`);
  await pool.query(`
    CREATE OR REPLACE FUNCTION bench_rand(key text) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT (hashtextextended(key, ${Number(seed)}) & 281474976710655)::double precision / 281474976710656 $$`);

  await step(
    'organisations',
    `INSERT INTO organisations (id, kind, name, country, postcode, city, latitude, longitude)
     SELECT bench_uuid('org' || i),
            (ARRAY['school','training_centre','company','sector_fund','public_service','company'])[1 + i % 6],
            'Organisation banc ' || lpad(i::text, 3, '0'),
            CASE WHEN bench_rand('org-country' || i) < 0.7 THEN 'BE' ELSE 'FR' END,
            (7500 + i)::text, 'Ville ' || i,
            50.3 + bench_rand('org-lat' || i) * 0.8, 2.9 + bench_rand('org-lng' || i) * 1.0
     FROM generate_series(1, $1) AS i`,
    [scale.organisations],
  );
  await step(
    'users',
    `INSERT INTO users (id, email, name, locale, password_hash)
     SELECT bench_uuid('user' || i || role), role || i || '@bench.test', initcap(role) || ' ' || i,
            (ARRAY['fr','nl','en'])[1 + i % 3], $2
     FROM generate_series(1, $1) AS i, unnest(ARRAY['manager','member']) AS role
     UNION ALL
     SELECT bench_uuid('coordinator'), 'coordinator@bench.test', 'Coordinator', 'fr', $2`,
    [scale.organisations, passwordHash],
  );
  await pool.query(`UPDATE users SET is_coordinator = true WHERE email = 'coordinator@bench.test'`);
  await step(
    'memberships',
    `INSERT INTO memberships (user_id, organisation_id, role)
     SELECT bench_uuid('user' || i || role), bench_uuid('org' || i), role
     FROM generate_series(1, $1) AS i, unnest(ARRAY['manager','member']) AS role`,
    [scale.organisations],
  );
  await step(
    'sites',
    `INSERT INTO sites (id, organisation_id, name, postcode, city, country, region, latitude, longitude, time_zone)
     SELECT bench_uuid('site' || s), o.id, 'Site ' || s, o.postcode, o.city, o.country,
            CASE WHEN o.country = 'FR' THEN 'HDF' WHEN s % 4 = 0 THEN 'VLA' ELSE 'WAL' END,
            o.latitude + 0.01 * (s % 7), o.longitude - 0.01 * (s % 5),
            CASE WHEN o.country = 'FR' THEN 'Europe/Paris' ELSE 'Europe/Brussels' END
     FROM generate_series(1, $1) AS s
     JOIN organisations o ON o.id = bench_uuid('org' || (1 + (s - 1) % $2))`,
    [scale.sites, scale.organisations],
  );
  await step(
    'resources',
    `WITH names (n, fr, nl, en, kind, sector) AS (VALUES
       (0, 'Tour CNC', 'CNC-draaibank', 'CNC lathe', 'machine', 'industry'),
       (1, 'Fraiseuse à commande numérique', 'CNC-freesmachine', 'CNC milling machine', 'machine', 'industry'),
       (2, 'Atelier de soudage', 'Laswerkplaats', 'Welding workshop', 'workshop', 'industry'),
       (3, 'Simulateur de conduite poids lourd', 'Vrachtwagensimulator', 'Truck driving simulator', 'simulator', 'logistics'),
       (4, 'Chariot élévateur', 'Vorkheftruck', 'Forklift truck', 'vehicle', 'logistics'),
       (5, 'Banc de diagnostic automobile', 'Diagnosebank voor auto''s', 'Car diagnostic bench', 'tool_kit', 'automotive'),
       (6, 'Plateau technique électricité', 'Technisch platform elektriciteit', 'Electrical training platform', 'workshop', 'energy'),
       (7, 'Cuisine pédagogique', 'Didactische keuken', 'Training kitchen', 'workshop', 'hospitality'),
       (8, 'Chambre de soins simulée', 'Gesimuleerde zorgkamer', 'Simulated care room', 'simulator', 'care'),
       (9, 'Échafaudage de formation', 'Opleidingssteiger', 'Training scaffold', 'tool_kit', 'construction'))
     INSERT INTO resources (id, organisation_id, site_id, kind, name_fr, name_nl, name_en, description_fr, description_en,
                            capacity, sector, opening_hours, slot_minutes, min_duration_minutes, max_duration_minutes,
                            lead_time_minutes, horizon_days, approval_mode, access_policy, cancel_cutoff_hours, available_from)
     SELECT bench_uuid('res' || r), s.organisation_id, s.id, names.kind,
            names.fr || ' ' || r, names.nl || ' ' || r, names.en || ' ' || r,
            'Équipement de formation n° ' || r || ' : ' || lower(names.fr) || ', accessible aux écoles et centres du territoire.',
            'Training equipment no. ' || r || ': ' || lower(names.en) || '.',
            4 + (r % 5) * 4, names.sector,
            '[{"weekday":1,"start":"08:00","end":"12:00"},{"weekday":1,"start":"13:00","end":"17:00"},
              {"weekday":2,"start":"08:00","end":"12:00"},{"weekday":2,"start":"13:00","end":"17:00"},
              {"weekday":3,"start":"08:00","end":"12:00"},{"weekday":3,"start":"13:00","end":"17:00"},
              {"weekday":4,"start":"08:00","end":"12:00"},{"weekday":4,"start":"13:00","end":"17:00"},
              {"weekday":5,"start":"08:00","end":"12:00"},{"weekday":5,"start":"13:00","end":"17:00"}]'::jsonb,
            30, 60, 480, 60, 730,
            CASE WHEN r % 10 < 6 THEN 'automatic' WHEN r % 10 < 9 THEN 'owner' ELSE 'cluster_automatic' END,
            'all', 24, '2020-01-01'
     FROM generate_series(1, $1) AS r
     JOIN sites s ON s.id = bench_uuid('site' || (1 + (r - 1) % $2))
     JOIN names ON names.n = r % 10`,
    [scale.resources, scale.sites],
  );
  await step(
    'resource occupations',
    `WITH occ AS (SELECT id, sector, row_number() OVER (PARTITION BY sector ORDER BY code) AS n, count(*) OVER (PARTITION BY sector) AS total FROM occupations)
     INSERT INTO resource_occupations (resource_id, occupation_id)
     SELECT DISTINCT r.id, occ.id
     FROM resources r, generate_series(0, 1) AS k
     JOIN occ ON true
     WHERE occ.sector = r.sector AND occ.n = 1 + (abs(hashtext(r.id::text)) + k) % occ.total`,
  );
  await step(
    'clusters',
    `INSERT INTO clusters (id, name, sector, status, start_date)
     SELECT bench_uuid('cluster' || c), 'Pôle banc ' || c, (ARRAY['industry','logistics','construction','energy','care'])[1 + c % 5], 'active', DATE '2024-09-01'
     FROM generate_series(1, 10) AS c`,
  );
  await step(
    'cluster members',
    `INSERT INTO cluster_members (cluster_id, organisation_id)
     SELECT bench_uuid('cluster' || (1 + i % 10)), bench_uuid('org' || i) FROM generate_series(1, $1) AS i`,
    [scale.organisations],
  );
  await step(
    'resource clusters',
    `INSERT INTO resource_clusters (resource_id, cluster_id)
     SELECT bench_uuid('res' || r), bench_uuid('cluster' || (1 + r % 10)) FROM generate_series(1, $1) AS r WHERE r % 3 <> 0`,
    [scale.resources],
  );
  await step(
    'site closures',
    `INSERT INTO closures (site_id, starts_on, ends_on, yearly, reason)
     SELECT id, DATE '2000-12-24', DATE '2000-12-31', true, 'Congé d''hiver' FROM sites`,
  );
  await step(
    'resource closures',
    `INSERT INTO closures (resource_id, starts_on, ends_on, yearly, reason)
     SELECT bench_uuid('res' || r), current_date + 400 + r % 30, current_date + 400 + r % 30, false, 'Maintenance préventive'
     FROM generate_series(1, $1) AS r WHERE r % 4 = 0`,
    [scale.resources],
  );
  // One booking per chosen working day of each resource: day index k·W/n over the W working days
  // of the window is strictly increasing in k, so no two bookings of a resource overlap.
  await step(
    'bookings',
    `WITH params AS (
       SELECT (date_trunc('week', current_date) - make_interval(days => $2))::date AS first_monday,
              (($2 + $3) / 7 * 5)::int AS working_days
     ),
     resource_info AS (
       SELECT r.id, r.organisation_id, r.capacity, s.time_zone, row_number() OVER (ORDER BY r.id) AS n,
              (SELECT array_agg(occupation_id ORDER BY occupation_id) FROM resource_occupations ro WHERE ro.resource_id = r.id) AS occupations
       FROM resources r JOIN sites s ON s.id = r.site_id
     ),
     slots AS (
       SELECT ri.*, k,
              p.first_monday + ((k * p.working_days / $1) / 5) * 7 + (k * p.working_days / $1) % 5 AS day,
              bench_rand(ri.id || ':' || k) AS x
       FROM resource_info ri, params p, generate_series(0, $1 - 1) AS k
     ),
     placed AS (
       SELECT slots.*,
              (day + CASE WHEN x < 0.5 THEN time '08:00' ELSE time '13:00' END) AT TIME ZONE time_zone AS starts,
              (day + CASE WHEN x < 0.5 THEN time '08:00' ELSE time '13:00' END + make_interval(hours => 2 + (k % 3))) AT TIME ZONE time_zone AS ends,
              CASE WHEN bench_rand('booker' || id || k) < 0.3 THEN organisation_id
                   ELSE bench_uuid('org' || (1 + floor(bench_rand('org' || id || k) * $4)::int)) END AS booker_org
       FROM slots
       WHERE NOT (extract(month FROM day) = 12 AND extract(day FROM day) >= 24)
     )
     INSERT INTO bookings (resource_id, organisation_id, booked_by_id, period, blocked, status, purpose, occupation_id,
                           expected_pupils, expected_apprentices, expected_job_seekers,
                           actual_start, actual_end, actual_pupils, actual_apprentices, actual_job_seekers, actual_trainers, actual_employees,
                           created_at)
     SELECT id, booker_org,
            (SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = booker_org AND m.role = 'member' LIMIT 1),
            tstzrange(starts, ends), tstzrange(starts, ends), status, purpose, occupations[1 + k % greatest(1, cardinality(occupations))],
            pupils, apprentices, job_seekers,
            CASE WHEN status = 'completed' THEN starts END, CASE WHEN status = 'completed' THEN ends END,
            CASE WHEN status = 'completed' THEN greatest(0, pupils - 1) END, CASE WHEN status = 'completed' THEN apprentices END,
            CASE WHEN status = 'completed' THEN job_seekers END, CASE WHEN status = 'completed' THEN 1 END, CASE WHEN status = 'completed' THEN 0 END,
            starts - interval '20 days'
     FROM (
       SELECT placed.*,
              CASE WHEN starts < now() THEN
                     CASE WHEN x2 < 0.78 THEN 'completed' WHEN x2 < 0.82 THEN 'no_show' WHEN x2 < 0.92 THEN 'cancelled' WHEN x2 < 0.97 THEN 'declined' ELSE 'expired' END
                   ELSE CASE WHEN x2 < 0.70 THEN 'confirmed' WHEN x2 < 0.85 THEN 'pending' ELSE 'cancelled' END
              END AS status,
              (ARRAY['course','course','course','trainer_training','occupation_discovery','exam','company_demo'])[1 + k % 7] AS purpose,
              CASE WHEN k % 3 = 0 THEN least(capacity, 4 + k % 8) ELSE 0 END AS pupils,
              CASE WHEN k % 3 = 1 THEN least(capacity, 3 + k % 6) ELSE 0 END AS apprentices,
              CASE WHEN k % 3 = 2 THEN least(capacity, 2 + k % 10) ELSE 0 END AS job_seekers
       FROM (SELECT placed.*, bench_rand('status' || id || k) AS x2 FROM placed) AS placed
     ) AS rows`,
    [scale.bookingsPerResource, scale.pastDays, scale.futureDays, scale.organisations],
  );
  await step(
    'booking series',
    `WITH picked AS (
       SELECT b.resource_id, b.organisation_id, b.booked_by_id, min(lower(b.period)) AS first, max(lower(b.period)) AS last,
              array_agg(b.id) AS ids
       FROM (SELECT b.*, row_number() OVER (PARTITION BY resource_id ORDER BY lower(period)) AS n FROM bookings b
             JOIN resources r ON r.id = b.resource_id WHERE hashtext(r.id::text) % 10 = 0) AS b
       WHERE n BETWEEN 10 AND 19
       GROUP BY b.resource_id, b.organisation_id, b.booked_by_id
     ), series AS (
       INSERT INTO booking_series (id, resource_id, organisation_id, booked_by_id, weekdays, start_time, end_time, starts_on, ends_on, mode)
       SELECT gen_random_uuid(), resource_id, organisation_id, booked_by_id, ARRAY[1]::smallint[], time '08:00', time '12:00', first::date, last::date, 'skip_conflicts'
       FROM picked RETURNING id, resource_id, organisation_id, booked_by_id
     )
     UPDATE bookings b SET series_id = series.id
     FROM series JOIN picked USING (resource_id, organisation_id, booked_by_id)
     WHERE b.id = ANY (picked.ids)`,
  );
  await step(
    'waitlist entries',
    `INSERT INTO waitlist_entries (resource_id, organisation_id, user_id, period, purpose, status)
     SELECT b.resource_id, bench_uuid('org' || (1 + abs(hashtext(b.id::text)) % $1)),
            bench_uuid('user' || (1 + abs(hashtext(b.id::text)) % $1) || 'member'), b.period, 'course', 'waiting'
     FROM bookings b WHERE b.status = 'confirmed' AND hashtext(b.id::text) % 50 = 0`,
    [scale.organisations],
  );
  await pool.query('ANALYZE');

  const counts: Record<string, number> = {};
  for (const table of ['organisations', 'sites', 'resources', 'bookings', 'closures', 'booking_series', 'waitlist_entries']) {
    const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    counts[table] = Number(rows[0].count);
  }
  const { rows } = await pool.query<{ day: string }>(`SELECT (current_date + $1::int + 7)::text AS day`, [scale.futureDays]);
  return {
    seconds: (performance.now() - started) / 1000,
    counts,
    bookerEmail: 'member1@bench.test',
    coordinatorEmail: 'coordinator@bench.test',
    bookerOrganisationId: md5Uuid('org1'),
    freeFromDay: rows[0].day,
  };
}

/**
 * The description of data an earlier run kept (`--keep-data`, `--generate-only`). The creation
 * scenarios book after every existing booking, so a reused database never hands out a taken slot.
 */
export async function reuseData(pool: Pool): Promise<GeneratedData> {
  const counts: Record<string, number> = {};
  for (const table of ['organisations', 'sites', 'resources', 'bookings', 'closures', 'booking_series', 'waitlist_entries']) {
    const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    counts[table] = Number(rows[0].count);
  }
  if (!counts.bookings) throw new Error('--reuse-data: the database holds no bookings; generate them first (--generate-only)');
  const { rows } = await pool.query<{ day: string }>(`SELECT (max(upper(period))::date + 7)::text AS day FROM bookings`);
  return { seconds: 0, counts, bookerEmail: 'member1@bench.test', coordinatorEmail: 'coordinator@bench.test', bookerOrganisationId: md5Uuid('org1'), freeFromDay: rows[0].day };
}

/** The uuid PostgreSQL's `bench_uuid(text)` gives. */
export function md5Uuid(text: string): string {
  const md5 = createHash('md5').update(text).digest('hex');
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

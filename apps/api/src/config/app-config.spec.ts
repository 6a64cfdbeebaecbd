import { ConfigError, ENV_KEYS, loadConfig } from './app-config';

const SECRET = 'a'.repeat(64);

describe('loadConfig', () => {
  it('has safe defaults for the embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      database: { embedded: true, poolSize: 10, url: undefined },
      demoData: true,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, without demo data unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app@db:5432/equipole', APP_SECRET: SECRET });
    expect(config.database).toEqual({ url: 'postgres://app@db:5432/equipole', embedded: false, poolSize: 10, poolWaitMs: 10_000 });
    expect(config.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', DEMO_DATA: 'true', APP_SECRET: SECRET }).demoData).toBe(true);
  });

  it('starts business time at EQUIPOLE_NOW outside production, and ignores it in production', () => {
    expect(loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-03-28T01:30:00+01:00' }).clock.startAt?.toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(loadConfig({ NODE_ENV: 'development', EQUIPOLE_NOW: '2028-02-29T12:00:00Z' }).clock.startAt?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(loadConfig({ EQUIPOLE_NOW: '2027-03-28T01:30:00+01:00' }).clock).toEqual({ ignored: '2027-03-28T01:30:00+01:00' });
    expect(loadConfig({ NODE_ENV: 'test' }).clock).toEqual({ startAt: undefined });
  });

  it('refuses an EQUIPOLE_NOW without an offset or that is no real instant', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-03-28T01:30:00' })).toThrow(/EQUIPOLE_NOW must be an ISO 8601 instant/);
    expect(() => loadConfig({ NODE_ENV: 'test', EQUIPOLE_NOW: '2027-02-30T01:30:00Z' })).toThrow(/EQUIPOLE_NOW/);
  });

  it('reads JOB_SCHEDULES over the default schedule and refuses unknown jobs or bad cron expressions', () => {
    expect(loadConfig({}).jobs.schedule).toMatchObject({ digest: '0 7 * * *', 'expire-pending': '*/5 * * * *' });
    const schedule = loadConfig({ JOB_SCHEDULES: ' digest=0 8 * * 1-5 ; reminders=*/10 * * * *;' }).jobs.schedule;
    expect(schedule).toMatchObject({ digest: '0 8 * * 1-5', reminders: '*/10 * * * *', backup: '30 2 * * *' });
    expect(() => loadConfig({ JOB_SCHEDULES: 'digests=0 7 * * *' })).toThrow(/JOB_SCHEDULES: unknown job "digests"/);
    expect(() => loadConfig({ JOB_SCHEDULES: 'digest=at seven' })).toThrow(/JOB_SCHEDULES: digest needs a cron expression/);
    expect(() => loadConfig({ JOB_SCHEDULES: 'digest' })).toThrow(/JOB_SCHEDULES: digest needs a cron expression/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: '70000', DATABASE_POOL_SIZE: 'many', PUBLIC_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_POOL_SIZE');
      expect(problems).toContain('PUBLIC_URL must be an http(s) URL');
    }
  });

  it('requires an APP_SECRET of 32 characters or more with a database server in production, and never echoes it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(/APP_SECRET: required with DATABASE_URL in production/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', APP_SECRET: 'too-short-secret' })).toThrow(/APP_SECRET must be at least 32 characters long .*\(got 16 characters\)/);
    expect(() => loadConfig({ APP_SECRET: 'too-short-secret' })).not.toThrow(/too-short-secret/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', APP_SECRET: SECRET }).secret.value).toBe(SECRET);
    // The embedded mode and development keep a generated secret in DATA_DIR.
    expect(loadConfig({ DATA_DIR: '/srv/equipole' }).secret).toEqual({ value: undefined, file: '/srv/equipole/app-secret' });
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/x' }).secret.value).toBeUndefined();
  });

  it('strips a trailing slash from PUBLIC_URL and treats empty values as unset', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://equipole.example.org/', DATABASE_URL: '' })).toMatchObject({
      publicUrl: 'https://equipole.example.org',
      database: { embedded: true },
    });
  });

  it('invites BOOTSTRAP_COORDINATOR_EMAIL (lower-cased, named after its address unless told) in French unless told', () => {
    expect(loadConfig({}).bootstrapCoordinator).toBeUndefined();
    expect(loadConfig({ BOOTSTRAP_COORDINATOR_EMAIL: ' Coordination@Territoire.example ' }).bootstrapCoordinator).toEqual({
      email: 'coordination@territoire.example', name: 'coordination', language: 'fr',
    });
    expect(loadConfig({ BOOTSTRAP_COORDINATOR_EMAIL: 'a@b.example', BOOTSTRAP_COORDINATOR_NAME: 'Ana', BOOTSTRAP_COORDINATOR_LANGUAGE: 'nl' }).bootstrapCoordinator)
      .toEqual({ email: 'a@b.example', name: 'Ana', language: 'nl' });
    expect(() => loadConfig({ BOOTSTRAP_COORDINATOR_EMAIL: 'not-an-address' })).toThrow(/BOOTSTRAP_COORDINATOR_EMAIL must be an email address/);
    expect(() => loadConfig({ BOOTSTRAP_COORDINATOR_EMAIL: 'a@b.example', BOOTSTRAP_COORDINATOR_LANGUAGE: 'de' })).toThrow(/BOOTSTRAP_COORDINATOR_LANGUAGE must be one of fr, nl, en/);
  });

  it('backs the embedded database up daily by default, a server never (pg_dump does)', () => {
    expect(loadConfig({ DATA_DIR: '/srv/equipole' }).backups).toEqual({ enabled: true, dir: '/srv/equipole/backups', keep: 7 });
    const server = { NODE_ENV: 'development', DATABASE_URL: 'postgres://db/x' } as const;
    expect(loadConfig(server).backups.enabled).toBe(false);
    expect(loadConfig({ BACKUPS: 'false', BACKUP_DIR: '/mnt/backups', BACKUP_KEEP: '30' }).backups).toEqual({ enabled: false, dir: '/mnt/backups', keep: 30 });
    expect(() => loadConfig({ ...server, BACKUPS: 'true' })).toThrow(/BACKUPS: automatic backups archive the embedded database/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP must be a whole number between 1 and 365/);
  });

  it('reads every variable the configuration class declares, each once', () => {
    expect(ENV_KEYS).toEqual(expect.arrayContaining([
      'NODE_ENV', 'PORT', 'HOST', 'PUBLIC_URL', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'DATABASE_POOL_WAIT_MS', 'METRICS_TOKEN', 'DATA_DIR',
      'DEMO_DATA', 'LOG_LEVEL', 'WEB_DIST_DIR', 'TRUST_PROXY', 'UPLOADS_DIR', 'MAX_PHOTO_MB',
      'SMTP_URL', 'MAIL_FROM', 'OUTBOX_POLL_MS', 'OUTBOX_RETRY_BASE_MS', 'SCHEDULED_JOBS', 'JOB_SCHEDULES', 'NO_SHOW_AFTER_HOURS', 'EQUIPOLE_NOW', 'APP_SECRET',
      'BOOTSTRAP_COORDINATOR_EMAIL', 'BOOTSTRAP_COORDINATOR_NAME', 'BOOTSTRAP_COORDINATOR_LANGUAGE', 'BACKUPS', 'BACKUP_DIR', 'BACKUP_KEEP',
    ]));
    expect(new Set(ENV_KEYS).size).toBe(ENV_KEYS.length);
    expect(loadConfig({ HOST: '0.0.0.0', SOMETHING_ELSE: 'x' }).host).toBe('0.0.0.0');
  });

  it('reads the privacy notice’s operator details and the retention periods, with documented defaults', () => {
    expect(loadConfig({}).privacy).toEqual({
      controller: { name: undefined, contactEmail: undefined, dpoAddress: undefined },
      retention: { notesMonths: 24, sessionsDays: 30, outboxDays: 90, inactiveMonths: 36, warningDays: 30, participantNamesMonths: 12 },
    });
    const privacy = loadConfig({ PRIVACY_CONTROLLER_NAME: ' Pôle Escaut ', PRIVACY_CONTACT_EMAIL: 'DPO@Escaut.test', RETENTION_INACTIVE_MONTHS: '0' }).privacy;
    expect(privacy.controller).toMatchObject({ name: 'Pôle Escaut', contactEmail: 'dpo@escaut.test' });
    expect(privacy.retention.inactiveMonths).toBe(0);
    expect(() => loadConfig({ PRIVACY_CONTACT_EMAIL: 'not an address' })).toThrow(/PRIVACY_CONTACT_EMAIL must be an email address/);
    expect(() => loadConfig({ RETENTION_NOTES_MONTHS: '0' })).toThrow(/RETENTION_NOTES_MONTHS must be a whole number of months between 1 and 240/);
    expect(() => loadConfig({ RETENTION_PARTICIPANT_NAMES_MONTHS: '0' })).toThrow(/RETENTION_PARTICIPANT_NAMES_MONTHS must be a whole number of months between 1 and 240/);
    expect(loadConfig({ RETENTION_PARTICIPANT_NAMES_MONTHS: '6' }).privacy.retention.participantNamesMonths).toBe(6);
    expect(() => loadConfig({ RETENTION_OUTBOX_DAYS: 'ninety' })).toThrow(/RETENTION_OUTBOX_DAYS/);
  });
});

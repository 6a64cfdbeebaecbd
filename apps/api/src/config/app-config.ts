import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { DateTime } from 'luxon';
import {
  getMetadataStorage, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, validateSync,
} from 'class-validator';
import { LOCALES, type Locale } from '@equipole/shared';
import { parseJobSchedules, type JobName } from '../jobs/job-schedule';

/** Shortest APP_SECRET accepted: 32 characters, e.g. `openssl rand -hex 32` (64). */
export const APP_SECRET_MIN_LENGTH = 32;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const DEMO_MODES = ['auto', 'true', 'false'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const BACKUP_KEEP_RULE = 'BACKUP_KEEP must be a whole number between 1 and 365';
const RETENTION_RULES = {
  RETENTION_NOTES_MONTHS: 'RETENTION_NOTES_MONTHS must be a whole number of months between 1 and 240',
  RETENTION_SESSIONS_DAYS: 'RETENTION_SESSIONS_DAYS must be a whole number of days between 1 and 3650',
  RETENTION_OUTBOX_DAYS: 'RETENTION_OUTBOX_DAYS must be a whole number of days between 1 and 3650',
  RETENTION_INACTIVE_MONTHS: 'RETENTION_INACTIVE_MONTHS must be a whole number of months between 0 (off) and 240',
  RETENTION_WARNING_DAYS: 'RETENTION_WARNING_DAYS must be a whole number of days between 1 and 365',
  RETENTION_PARTICIPANT_NAMES_MONTHS: 'RETENTION_PARTICIPANT_NAMES_MONTHS must be a whole number of months between 1 and 240',
};
const emailOrUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() || undefined : value;

/** Every environment variable the API reads, with its rule. Documented in docs/deployment.md. */
class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'production';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 100' })
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** How long a request waits for a free connection before it gets a 503 (the embedded mode has one). */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_WAIT_MS must be a whole number between 100 and 60000' })
  @Min(100)
  @Max(60_000)
  DATABASE_POOL_WAIT_MS = 10_000;

  /** Lets a Prometheus server elsewhere read /api/metrics (loopback always may). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  @IsString()
  DATA_DIR = './data';

  @IsIn(DEMO_MODES, { message: `DEMO_DATA must be one of ${DEMO_MODES.join(', ')}` })
  DEMO_DATA: (typeof DEMO_MODES)[number] = 'auto';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  UPLOADS_DIR?: string;

  @Transform(toInt)
  @IsInt({ message: 'MAX_PHOTO_MB must be a whole number between 1 and 50' })
  @Min(1)
  @Max(50)
  MAX_PHOTO_MB = 5;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Equipôle <no-reply@equipole.localhost>';

  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_POLL_MS must be a whole number between 50 and 600000' })
  @Min(50)
  @Max(600_000)
  OUTBOX_POLL_MS = 5000;

  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_RETRY_BASE_MS must be a whole number between 10 and 3600000' })
  @Min(10)
  @Max(3_600_000)
  OUTBOX_RETRY_BASE_MS = 30_000;

  @IsIn(DEMO_MODES, { message: `SCHEDULED_JOBS must be one of ${DEMO_MODES.join(', ')}` })
  SCHEDULED_JOBS: (typeof DEMO_MODES)[number] = 'auto';

  /** `name=cron` pairs separated by `;` over the default schedule (docs/deployment.md); checked in loadConfig. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JOB_SCHEDULES?: string;

  @Transform(toInt)
  @IsInt({ message: 'NO_SHOW_AFTER_HOURS must be a whole number between 0 and 720' })
  @Min(0)
  @Max(720)
  NO_SHOW_AFTER_HOURS = 48;

  @IsIn(['true', 'false'], { message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Starts business time at this instant (tests, demos); ignored in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'EQUIPOLE_NOW must be an ISO 8601 instant with its offset, e.g. 2027-03-28T01:30:00+01:00',
  })
  EQUIPOLE_NOW?: string;

  /** Keys of the sealed outbox bodies and of the device cookies (docs/architecture.md, "Security"). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(APP_SECRET_MIN_LENGTH, { message: `APP_SECRET must be at least ${APP_SECRET_MIN_LENGTH} characters long (e.g. openssl rand -hex 32)` })
  APP_SECRET?: string;

  /** Invited as the first coordinator at start-up while no coordinator exists (docs/operations.md). */
  @Transform(emailOrUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'BOOTSTRAP_COORDINATOR_EMAIL must be an email address' })
  @MaxLength(254)
  BOOTSTRAP_COORDINATOR_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'BOOTSTRAP_COORDINATOR_NAME must be at most 200 characters' })
  BOOTSTRAP_COORDINATOR_NAME?: string;

  @IsIn(LOCALES, { message: `BOOTSTRAP_COORDINATOR_LANGUAGE must be one of ${LOCALES.join(', ')}` })
  BOOTSTRAP_COORDINATOR_LANGUAGE: Locale = 'fr';

  /** The daily archive of the embedded database and the photos. */
  @IsIn(DEMO_MODES, { message: `BACKUPS must be one of ${DEMO_MODES.join(', ')}` })
  BACKUPS: (typeof DEMO_MODES)[number] = 'auto';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  BACKUP_DIR?: string;

  @Transform(toInt)
  @IsInt({ message: BACKUP_KEEP_RULE })
  @Min(1, { message: BACKUP_KEEP_RULE })
  @Max(365, { message: BACKUP_KEEP_RULE })
  BACKUP_KEEP = 7;

  /** Who answers for the personal data (the privacy notice); unset: the notice names "the operator of this installation". */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'PRIVACY_CONTROLLER_NAME must be at most 200 characters' })
  PRIVACY_CONTROLLER_NAME?: string;

  @Transform(emailOrUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'PRIVACY_CONTACT_EMAIL must be an email address' })
  @MaxLength(254)
  PRIVACY_CONTACT_EMAIL?: string;

  /** The data protection officer: an email or postal address, as written in the notice. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'PRIVACY_DPO_ADDRESS must be at most 500 characters' })
  PRIVACY_DPO_ADDRESS?: string;

  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_NOTES_MONTHS })
  @Min(1, { message: RETENTION_RULES.RETENTION_NOTES_MONTHS })
  @Max(240, { message: RETENTION_RULES.RETENTION_NOTES_MONTHS })
  RETENTION_NOTES_MONTHS = 24;

  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_SESSIONS_DAYS })
  @Min(1, { message: RETENTION_RULES.RETENTION_SESSIONS_DAYS })
  @Max(3650, { message: RETENTION_RULES.RETENTION_SESSIONS_DAYS })
  RETENTION_SESSIONS_DAYS = 30;

  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_OUTBOX_DAYS })
  @Min(1, { message: RETENTION_RULES.RETENTION_OUTBOX_DAYS })
  @Max(3650, { message: RETENTION_RULES.RETENTION_OUTBOX_DAYS })
  RETENTION_OUTBOX_DAYS = 90;

  /** 0 turns the anonymisation of inactive accounts off. */
  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_INACTIVE_MONTHS })
  @Min(0, { message: RETENTION_RULES.RETENTION_INACTIVE_MONTHS })
  @Max(240, { message: RETENTION_RULES.RETENTION_INACTIVE_MONTHS })
  RETENTION_INACTIVE_MONTHS = 36;

  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_WARNING_DAYS })
  @Min(1, { message: RETENTION_RULES.RETENTION_WARNING_DAYS })
  @Max(365, { message: RETENTION_RULES.RETENTION_WARNING_DAYS })
  RETENTION_WARNING_DAYS = 30;

  /** Participants' names typed for an attestation: deleted this many months after the booking ends. */
  @Transform(toInt)
  @IsInt({ message: RETENTION_RULES.RETENTION_PARTICIPANT_NAMES_MONTHS })
  @Min(1, { message: RETENTION_RULES.RETENTION_PARTICIPANT_NAMES_MONTHS })
  @Max(240, { message: RETENTION_RULES.RETENTION_PARTICIPANT_NAMES_MONTHS })
  RETENTION_PARTICIPANT_NAMES_MONTHS = 12;
}

/**
 * The variables read from the environment: every property of EnvironmentVariables, taken from its
 * validation decorators (each property has at least one), so that a new variable is one property.
 */
export const ENV_KEYS: readonly string[] = [
  ...new Set(getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', false, false).map((rule) => rule.propertyName)),
];

export interface AppConfig {
  env: (typeof NODE_ENVS)[number];
  port: number;
  host: string;
  publicUrl: string;
  trustProxy: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  database: {
    /** Set when an external PostgreSQL server is used; the embedded database fills it in at start-up. */
    url?: string;
    embedded: boolean;
    poolSize: number;
    /** Bounded wait for a pooled connection; beyond it the request answers 503 with Retry-After. */
    poolWaitMs: number;
  };
  demoData: boolean;
  mail: {
    /** Unset: emails stay in the outbox, readable by coordinators. */
    smtpUrl?: string;
    from: string;
    pollMs: number;
    retryBaseMs: number;
  };
  jobs: {
    /** Reminders, digests, expiry and no-show marking on a schedule; off in tests, which call the jobs directly. */
    enabled: boolean;
    /** A confirmed booking with no attendance this long after its end becomes a no-show; 0 turns it off. */
    noShowAfterHours: number;
    /** When each job runs (cron, in Europe/Brussels): the defaults with JOB_SCHEDULES over them. */
    schedule: Record<JobName, string>;
  };
  /** Bearer token for /api/metrics from outside this machine; unset: loopback only. */
  metricsToken?: string;
  clock: {
    /** Business time starts here instead of the real time (EQUIPOLE_NOW, outside production only). */
    startAt?: Date;
    /** EQUIPOLE_NOW as given when production mode ignored it, so start-up can say so. */
    ignored?: string;
  };
  /** APP_SECRET, else a random secret kept in `file` (DATA_DIR/app-secret), written on the first start. */
  secret: { value?: string; file: string };
  /** Invited as coordinator at start-up while the platform has none. */
  bootstrapCoordinator?: { email: string; name: string; language: Locale };
  backups: {
    /** The daily archive (embedded database only). */
    enabled: boolean;
    /** `DATA_DIR/backups` by default. */
    dir: string;
    /** How many daily archives are kept. */
    keep: number;
  };
  /** The privacy notice's operator details and the retention periods (docs/privacy.md). */
  privacy: PrivacyConfig;
  /** Uploaded photos; `DATA_DIR/uploads` by default. */
  uploadsDir: string;
  maxPhotoBytes: number;
  /** Folder of the built web app, served with SPA fallback when it exists. */
  webDistDir?: string;
  version: string;
}

export interface PrivacyConfig {
  controller: { name?: string; contactEmail?: string; dpoAddress?: string };
  retention: {
    /** Booking notes, class teachers, session contacts and rating comments: cleared this long after the booking or session. */
    notesMonths: number;
    /** Expired or revoked sign-in sessions: deleted this long after. */
    sessionsDays: number;
    /** Bodies of sent (or failed) emails: cleared this long after. */
    outboxDays: number;
    /** Accounts nobody signed in to for this long are warned, then anonymised; 0: never. */
    inactiveMonths: number;
    /** Between the warning and the anonymisation. */
    warningDays: number;
    /** Participants' names typed for an attestation: deleted this long after the booking ends. */
    participantNamesMonths: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment into one typed object; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(ENV_KEYS.filter((key) => env[key] !== undefined).map((key) => [key, env[key]]));
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => {
        const rules = Object.values(error.constraints ?? {}).join('; ');
        // A secret is never echoed, not even a wrong one.
        const got = error.property === 'APP_SECRET' ? `${String(error.value).length} characters` : JSON.stringify(error.value);
        return `${error.property}: ${rules} (got ${got})`;
      }),
    );
  }

  const parsedNow = vars.EQUIPOLE_NOW ? DateTime.fromISO(vars.EQUIPOLE_NOW, { setZone: true }) : undefined;
  const startAt = parsedNow?.toJSDate();
  if (parsedNow && !parsedNow.isValid) throw new ConfigError([`EQUIPOLE_NOW: not a real instant (got ${JSON.stringify(vars.EQUIPOLE_NOW)})`]);
  const jobSchedule = parseJobSchedules(vars.JOB_SCHEDULES);
  if (jobSchedule.problems.length > 0) throw new ConfigError(jobSchedule.problems);
  const production = vars.NODE_ENV === 'production';
  const embedded = !vars.DATABASE_URL;
  if (!embedded && vars.BACKUPS === 'true') {
    throw new ConfigError(['BACKUPS: automatic backups archive the embedded database; with DATABASE_URL back the server up with pg_dump (docs/operations.md)']);
  }
  if (!embedded && production && !vars.APP_SECRET) {
    throw new ConfigError(['APP_SECRET: required with DATABASE_URL in production, the same on every instance (e.g. openssl rand -hex 32)']);
  }
  const dataDir = resolve(vars.DATA_DIR);
  const defaultWebDist = resolve(__dirname, '../../../web/dist');
  const webDistDir = vars.WEB_DIST_DIR ? resolve(vars.WEB_DIST_DIR) : defaultWebDist;
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/$/, ''),
    trustProxy: vars.TRUST_PROXY === 'true',
    logLevel: vars.LOG_LEVEL,
    dataDir,
    database: { url: vars.DATABASE_URL, embedded, poolSize: vars.DATABASE_POOL_SIZE, poolWaitMs: vars.DATABASE_POOL_WAIT_MS },
    demoData: vars.DEMO_DATA === 'auto' ? embedded : vars.DEMO_DATA === 'true',
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM, pollMs: vars.OUTBOX_POLL_MS, retryBaseMs: vars.OUTBOX_RETRY_BASE_MS },
    jobs: {
      enabled: vars.SCHEDULED_JOBS === 'auto' ? vars.NODE_ENV !== 'test' : vars.SCHEDULED_JOBS === 'true',
      noShowAfterHours: vars.NO_SHOW_AFTER_HOURS,
      schedule: jobSchedule.schedule,
    },
    metricsToken: vars.METRICS_TOKEN,
    clock: production ? { ignored: vars.EQUIPOLE_NOW } : { startAt },
    secret: { value: vars.APP_SECRET, file: resolve(dataDir, 'app-secret') },
    bootstrapCoordinator: vars.BOOTSTRAP_COORDINATOR_EMAIL
      ? {
          email: vars.BOOTSTRAP_COORDINATOR_EMAIL,
          name: vars.BOOTSTRAP_COORDINATOR_NAME?.trim() || vars.BOOTSTRAP_COORDINATOR_EMAIL.split('@')[0],
          language: vars.BOOTSTRAP_COORDINATOR_LANGUAGE,
        }
      : undefined,
    backups: {
      enabled: vars.BACKUPS === 'auto' ? embedded : vars.BACKUPS === 'true',
      dir: vars.BACKUP_DIR ? resolve(vars.BACKUP_DIR) : resolve(dataDir, 'backups'),
      keep: vars.BACKUP_KEEP,
    },
    privacy: {
      controller: { name: vars.PRIVACY_CONTROLLER_NAME?.trim(), contactEmail: vars.PRIVACY_CONTACT_EMAIL, dpoAddress: vars.PRIVACY_DPO_ADDRESS?.trim() },
      retention: {
        notesMonths: vars.RETENTION_NOTES_MONTHS,
        sessionsDays: vars.RETENTION_SESSIONS_DAYS,
        outboxDays: vars.RETENTION_OUTBOX_DAYS,
        inactiveMonths: vars.RETENTION_INACTIVE_MONTHS,
        warningDays: vars.RETENTION_WARNING_DAYS,
        participantNamesMonths: vars.RETENTION_PARTICIPANT_NAMES_MONTHS,
      },
    },
    uploadsDir: vars.UPLOADS_DIR ? resolve(vars.UPLOADS_DIR) : resolve(dataDir, 'uploads'),
    maxPhotoBytes: vars.MAX_PHOTO_MB * 1024 * 1024,
    webDistDir: existsSync(resolve(webDistDir, 'index.html')) ? webDistDir : undefined,
    version: readVersion(),
  };
}

function readVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

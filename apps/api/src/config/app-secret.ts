import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { APP_SECRET_MIN_LENGTH, type AppConfig } from './app-config';

/** The keys derived from the application secret, one per use, so that none can stand in for another. */
export interface AppKeys {
  /** AES-256-GCM key of the outbox bodies that carry a private link. */
  outbox: Buffer;
  /** HMAC-SHA256 key of the device cookies that let a known browser sign in during an attack. */
  deviceCookie: Buffer;
}

const derived = new WeakMap<AppConfig['secret'], AppKeys>();

/**
 * The keys of this installation, derived (HKDF-SHA256) from APP_SECRET or, when it is unset (embedded
 * database, or outside production), from a random secret kept in `DATA_DIR/app-secret` (mode 0600),
 * written on the first start. The secret is never logged; it lives outside the database, so a dump
 * or a backup of the database alone opens nothing.
 */
export function appKeys(config: Pick<AppConfig, 'secret'>): AppKeys {
  let keys = derived.get(config.secret);
  if (!keys) {
    const secret = Buffer.from(config.secret.value ?? readOrCreateSecretFile(config.secret.file), 'utf8');
    const key = (use: string) => Buffer.from(hkdfSync('sha256', secret, 'equipole', use, 32));
    keys = { outbox: key('outbox-bodies/v1'), deviceCookie: key('device-cookies/v1') };
    derived.set(config.secret, keys);
  }
  return keys;
}

function readOrCreateSecretFile(path: string): string {
  try {
    return checkedSecret(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // 'wx': if another process wrote it meanwhile, theirs is kept and read below.
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return checkedSecret(readFileSync(path, 'utf8'), path);
  }
}

function checkedSecret(content: string, path: string): string {
  const secret = content.trim();
  if (secret.length < APP_SECRET_MIN_LENGTH) {
    throw new Error(`${path} holds no usable secret (at least ${APP_SECRET_MIN_LENGTH} characters); restore it, or delete it to start with a new one`);
  }
  return secret;
}

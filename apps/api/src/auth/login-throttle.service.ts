import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';

/**
 * Failed password checks (sign-in, and the current password when changing it), counted in
 * PostgreSQL over sliding windows, so that every instance sees the same counts. Strict for one
 * client, never a lock-out switch for an account (docs/architecture.md, "Security"):
 * - an untrusted client (no valid device cookie) gets `perClient` failures per account and client
 *   address, and `perIp` for all accounts from one address, in `windowMinutes`;
 * - all untrusted clients of one address together are slowed down, not stopped: from `free` failures
 *   in `account.windowMinutes`, each further try waits 2^(n − free) seconds after the last failure,
 *   at most `account.maxDelaySeconds`;
 * - a browser with a device cookie for that address counts only its own failures (`perDevice`), so
 *   its owner signs in whatever happens elsewhere; past its limit it is an untrusted client again.
 * Everything is keyed by the address typed, whether an account has it or not: the answers reveal nothing.
 */
export const THROTTLE = {
  windowMinutes: 15,
  perClient: 5,
  perIp: 30,
  perDevice: 5,
  account: { windowMinutes: 60, free: 10, maxDelaySeconds: 900 },
} as const;

/** A password check: the address it is for, the client's address, and its device cookie's nonce when valid for that address. */
export interface PasswordAttempt {
  email: string;
  ip: string;
  device?: string;
}

/** How the attempt is counted: `device` when it comes from a trusted device. */
export interface AttemptVerdict {
  device?: string;
}

/** Seconds an untrusted client waits after the last failure, with `failures` on the account in the hour. */
export function accountDelaySeconds(failures: number): number {
  const { free, maxDelaySeconds } = THROTTLE.account;
  return failures < free ? 0 : Math.min(2 ** (failures - free), maxDelaySeconds);
}

@Injectable()
export class LoginThrottleService {
  /** Throws LOGIN_THROTTLED or LOGIN_SLOWED_DOWN (with Retry-After) when this attempt must wait. */
  async assertAllowed(manager: EntityManager, attempt: PasswordAttempt): Promise<AttemptVerdict> {
    const [row]: {
      device_failures: number; client_failures: number; ip_failures: number; account_failures: number;
      client_retry: number | null; ip_retry: number | null; since_account_failure: number | null;
    }[] = await manager.query(
      `WITH recent AS (
         -- The account's window is the longest one.
         SELECT email, ip, device, failed_at FROM login_failures
          WHERE failed_at > now() - make_interval(mins => $5) AND (email = $1 OR ip = $2 OR device = $3)
       ),
       latest AS (SELECT * FROM recent WHERE failed_at > now() - make_interval(mins => $4)),
       by_device AS (SELECT count(*)::int AS n FROM latest WHERE device = $3),
       by_client AS (SELECT count(*)::int AS n, min(failed_at) AS first FROM (
         SELECT failed_at FROM latest WHERE email = $1 AND ip = $2 AND device IS NULL ORDER BY failed_at DESC LIMIT $6) c),
       by_ip AS (SELECT count(*)::int AS n, min(failed_at) AS first FROM (
         SELECT failed_at FROM latest WHERE ip = $2 AND device IS NULL ORDER BY failed_at DESC LIMIT $7) a),
       by_account AS (SELECT count(*)::int AS n, max(failed_at) AS last FROM recent WHERE email = $1 AND device IS NULL)
       SELECT by_device.n AS device_failures, by_client.n AS client_failures, by_ip.n AS ip_failures, by_account.n AS account_failures,
              extract(epoch FROM by_client.first + make_interval(mins => $4) - now())::float8 AS client_retry,
              extract(epoch FROM by_ip.first + make_interval(mins => $4) - now())::float8 AS ip_retry,
              extract(epoch FROM now() - by_account.last)::float8 AS since_account_failure
         FROM by_device, by_client, by_ip, by_account`,
      [attempt.email, attempt.ip, attempt.device ?? null, THROTTLE.windowMinutes, THROTTLE.account.windowMinutes, THROTTLE.perClient, THROTTLE.perIp],
    );
    if (attempt.device && row.device_failures < THROTTLE.perDevice) return { device: attempt.device };

    const blockedFor = row.client_failures >= THROTTLE.perClient ? row.client_retry : row.ip_failures >= THROTTLE.perIp ? row.ip_retry : null;
    if (blockedFor !== null) {
      const seconds = Math.max(1, Math.ceil(blockedFor));
      const minutes = Math.ceil(seconds / 60);
      throw new DomainError(ErrorCode.LoginThrottled, { details: { retryAfterMinutes: minutes }, params: { minutes }, retryAfterSeconds: seconds });
    }
    const wait = accountDelaySeconds(row.account_failures) - (row.since_account_failure ?? Infinity);
    if (wait > 0) {
      const seconds = Math.ceil(wait);
      throw new DomainError(ErrorCode.LoginSlowedDown, { details: { retryAfterSeconds: seconds }, params: { seconds }, retryAfterSeconds: seconds });
    }
    return {};
  }

  async recordFailure(manager: EntityManager, attempt: PasswordAttempt, verdict: AttemptVerdict): Promise<void> {
    await manager.query('INSERT INTO login_failures (email, ip, device) VALUES ($1, $2, $3)', [attempt.email, attempt.ip, verdict.device ?? null]);
    await manager.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
  }

  /** After a right password: this client's own failures are forgotten, not those made elsewhere. */
  async recordSuccess(manager: EntityManager, attempt: PasswordAttempt): Promise<void> {
    await manager.query(
      'DELETE FROM login_failures WHERE email = $1 AND ((ip = $2 AND device IS NULL) OR device = $3)',
      [attempt.email, attempt.ip, attempt.device ?? null],
    );
  }

  /** After a password chosen through an emailed link: the failures against the old one no longer matter. */
  async clearAccount(manager: EntityManager, email: string): Promise<void> {
    await manager.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}

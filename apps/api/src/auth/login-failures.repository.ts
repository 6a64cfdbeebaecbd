import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The windows and caps of one count (LoginThrottleService's THROTTLE). */
export interface FailureWindows {
  windowMinutes: number;
  accountWindowMinutes: number;
  perClient: number;
  perIp: number;
}

/** The failures that concern one attempt, and the seconds until the oldest counted ones leave their window. */
export interface FailureCounts {
  device_failures: number;
  client_failures: number;
  ip_failures: number;
  account_failures: number;
  client_retry: number | null;
  ip_retry: number | null;
  since_account_failure: number | null;
}

/** The statements on `login_failures`, counted over sliding windows of the database's `now()`. */
@Injectable()
export class LoginFailuresRepository {
  /**
   * In one statement: the device's failures, the untrusted client's on this address (at most
   * `perClient`), the client address's on all addresses (at most `perIp`), and the account's.
   */
  async count(manager: EntityManager, attempt: { email: string; ip: string; device: string | null }, windows: FailureWindows): Promise<FailureCounts> {
    const [row]: FailureCounts[] = await manager.query(
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
      [attempt.email, attempt.ip, attempt.device, windows.windowMinutes, windows.accountWindowMinutes, windows.perClient, windows.perIp],
    );
    return row;
  }

  /** Records a failure and forgets those older than a day. */
  async insert(manager: EntityManager, failure: { email: string; ip: string; device: string | null }): Promise<void> {
    await manager.query('INSERT INTO login_failures (email, ip, device) VALUES ($1, $2, $3)', [failure.email, failure.ip, failure.device]);
    await manager.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
  }

  /** The untrusted failures of this address from this client address, and those of this device. */
  async deleteClient(manager: EntityManager, client: { email: string; ip: string; device: string | null }): Promise<void> {
    await manager.query(
      'DELETE FROM login_failures WHERE email = $1 AND ((ip = $2 AND device IS NULL) OR device = $3)',
      [client.email, client.ip, client.device],
    );
  }

  async deleteAccount(manager: EntityManager, email: string): Promise<void> {
    await manager.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}

import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';

/** Failed logins counted in PostgreSQL over a sliding window, per account and per client address. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

@Injectable()
export class LoginThrottleService {
  /** Throws LOGIN_THROTTLED, saying in how many minutes to try again, once a limit is reached. */
  async assertAllowed(manager: EntityManager, email: string, ip: string): Promise<void> {
    const [row]: { account: number; address: number; retry_seconds: number | null }[] = await manager.query(
      `WITH recent AS (
         SELECT email, ip, failed_at FROM login_failures
          WHERE failed_at > now() - make_interval(mins => $3) AND (email = $1 OR ip = $2)
       ),
       account AS (SELECT count(*)::int AS n, min(failed_at) AS first FROM (SELECT failed_at FROM recent WHERE email = $1 ORDER BY failed_at DESC LIMIT $4) a),
       address AS (SELECT count(*)::int AS n, min(failed_at) AS first FROM (SELECT failed_at FROM recent WHERE ip = $2 ORDER BY failed_at DESC LIMIT $5) b)
       SELECT account.n AS account, address.n AS address,
              extract(epoch FROM (CASE WHEN account.n >= $4 THEN account.first ELSE address.first END)
                                 + make_interval(mins => $3) - now())::int AS retry_seconds
         FROM account, address`,
      [email, ip, THROTTLE.windowMinutes, THROTTLE.perAccount, THROTTLE.perIp],
    );
    if (row.account >= THROTTLE.perAccount || row.address >= THROTTLE.perIp) {
      const minutes = Math.max(1, Math.ceil((row.retry_seconds ?? 60) / 60));
      throw new DomainError(ErrorCode.LoginThrottled, { details: { retryAfterMinutes: minutes }, params: { minutes } });
    }
  }

  async recordFailure(manager: EntityManager, email: string, ip: string): Promise<void> {
    await manager.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [email, ip]);
    await manager.query(`DELETE FROM login_failures WHERE failed_at < now() - interval '1 day'`);
  }

  async clearAccount(manager: EntityManager, email: string): Promise<void> {
    await manager.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}

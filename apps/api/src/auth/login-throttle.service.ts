import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { LoginFailuresRepository } from './login-failures.repository';

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
  constructor(private readonly failures: LoginFailuresRepository) {}

  /** Throws LOGIN_THROTTLED or LOGIN_SLOWED_DOWN (with Retry-After) when this attempt must wait. */
  async assertAllowed(manager: EntityManager, attempt: PasswordAttempt): Promise<AttemptVerdict> {
    const row = await this.failures.count(manager, { email: attempt.email, ip: attempt.ip, device: attempt.device ?? null }, {
      windowMinutes: THROTTLE.windowMinutes, accountWindowMinutes: THROTTLE.account.windowMinutes, perClient: THROTTLE.perClient, perIp: THROTTLE.perIp,
    });
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

  recordFailure(manager: EntityManager, attempt: PasswordAttempt, verdict: AttemptVerdict): Promise<void> {
    return this.failures.insert(manager, { email: attempt.email, ip: attempt.ip, device: verdict.device ?? null });
  }

  /** After a right password: this client's own failures are forgotten, not those made elsewhere. */
  recordSuccess(manager: EntityManager, attempt: PasswordAttempt): Promise<void> {
    return this.failures.deleteClient(manager, { email: attempt.email, ip: attempt.ip, device: attempt.device ?? null });
  }

  /** After a password chosen through an emailed link: the failures against the old one no longer matter. */
  clearAccount(manager: EntityManager, email: string): Promise<void> {
    return this.failures.deleteAccount(manager, email);
  }
}

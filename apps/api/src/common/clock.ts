import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Business time: what "now" means to the booking rules, the scheduled jobs, the demo data, the
 * reports' "today" and the expiry of tokens. It is the real time unless the configuration starts it
 * elsewhere (`EQUIPOLE_NOW`, honoured outside production only) or a test sets it; from that instant
 * on it keeps running at the real pace, so that waits and timeouts behave as usual.
 *
 * What only records when a row changed (`updated_at`, `sent_at`…) and infrastructure timers (outbox
 * retries, job leases, login throttling, session lifetimes) keep the database's own `now()`.
 * docs/architecture.md, "Time and the clock".
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'clock'>) {
    if (config.clock.startAt) this.set(config.clock.startAt);
  }

  /** Milliseconds since the epoch, business time. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Business time as a Luxon DateTime, in `zone` (UTC by default). */
  dateTime(zone = 'utc'): DateTime {
    return DateTime.fromMillis(this.nowMs(), { zone });
  }

  /** True while business time is the real time. */
  get isReal(): boolean {
    return this.offsetMs === 0;
  }

  /** Moves business time to `instant`; it keeps running from there. */
  set(instant: Date | number | string): void {
    const at = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
    if (!Number.isFinite(at)) throw new Error(`Clock.set: not an instant: ${String(instant)}`);
    this.offsetMs = at - Date.now();
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

/** Response header carrying business time when it is not the real time, so the web app follows it. */
export const CLOCK_HEADER = 'X-Equipole-Now';

/**
 * Hands business time to the database for the rest of the transaction: the triggers that keep an
 * item's history (status periods, opening-hours versions, removed closures, its first day) read it
 * through business_now(), which falls back to the database's now() when a change comes without it.
 */
export async function shareBusinessTime(manager: { query(sql: string, params?: unknown[]): Promise<unknown> }, clock: Clock): Promise<void> {
  await manager.query(`SELECT set_config('equipole.now', $1, true)`, [clock.now().toISOString()]);
}

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
  private frozenAt: number | undefined;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'clock'>) {
    if (config.clock.startAt) this.set(config.clock.startAt);
  }

  /** Milliseconds since the epoch, business time. */
  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
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
    return this.offsetMs === 0 && this.frozenAt === undefined;
  }

  /** Moves business time to `instant`; it keeps running from there unless `frozen`. */
  set(instant: Date | number | string, options: { frozen?: boolean } = {}): void {
    const at = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
    if (!Number.isFinite(at)) throw new Error(`Clock.set: not an instant: ${String(instant)}`);
    if (options.frozen) {
      this.frozenAt = at;
      this.offsetMs = 0;
    } else {
      this.frozenAt = undefined;
      this.offsetMs = at - Date.now();
    }
  }

  /** Moves business time forward (or back, with a negative amount). */
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
}

/** Response header carrying business time when it is not the real time, so the web app follows it. */
export const CLOCK_HEADER = 'X-Equipole-Now';

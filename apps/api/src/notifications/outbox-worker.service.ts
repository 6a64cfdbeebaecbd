import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type EmailBodies, OutboxSecrets } from './outbox-secrets';
import { type ClaimedEmail, OutboxRepository } from './outbox.repository';

const BATCH = 20;

/**
 * SMTP timeouts (docs/operations.md): connecting, the server's greeting, and silence on the socket;
 * SEND_BUDGET_MS bounds one whole send, however the server drips its answers.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;
export const SEND_BUDGET_MS = 60_000;
/** A claimed row's lease: a send only starts while the lease outlasts SEND_BUDGET_MS, so no other instance can take it meanwhile. */
export const LEASE_SECONDS = 300;
/** How long a shutdown waits for the send under way before it lets go of the rows (exit stays bounded). */
const SHUTDOWN_GRACE_MS = 5_000;
const MAX_ATTEMPTS = 12;
const MAX_DELAY_MS = 3_600_000;

/** SMTP 5xx answers are final; 4xx answers and connection errors are worth another try. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

/** Exponential backoff with full jitter: about base·2^(attempt−1), at most an hour. */
export function retryDelay(attempt: number, baseMs: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Delivers the outbox over SMTP. Rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so
 * several API instances never send the same row at once; each row keeps one Message-ID, so a retry
 * after an uncertain failure is the same email. Without SMTP_URL the rows stay for coordinators to read.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: OutboxSecrets,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtpUrl) return;
    this.transport = createTransport(this.config.mail.smtpUrl, { from: this.config.mail.from, ...SMTP_TIMEOUTS });
    this.timer = setInterval(() => void this.tick(), this.config.mail.pollMs);
    this.timer.unref();
  }

  /**
   * Stops between two emails: the send under way gets SHUTDOWN_GRACE_MS, then the rows are let go
   * (an unfinished one is retried by whichever instance runs next, with the same Message-ID).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const running = this.running?.catch(() => undefined);
    if (running) await Promise.race([running, new Promise((done) => setTimeout(done, SHUTDOWN_GRACE_MS).unref())]);
    this.transport?.close();
  }

  /** One pass, never two at once in this process. */
  tick(): Promise<number> {
    this.running ??= this.deliverDue()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Outbox pass failed');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async deliverDue(): Promise<number> {
    if (!this.transport) return 0;
    const claimed = await this.outbox.claimDue(this.dataSource.manager, LEASE_SECONDS, BATCH);
    let sent = 0;
    const started = Date.now();
    for (const [index, email] of claimed.entries()) {
      // Never start a send that could outlive the lease, nor one during a shutdown: let the rest go.
      if (this.stopping || Date.now() - started + SEND_BUDGET_MS > LEASE_SECONDS * 1000) {
        await this.release(claimed.slice(index).map((row) => row.id));
        break;
      }
      try {
        const bodies = this.bodiesOf(email);
        await this.withinBudget(this.transport.sendMail({
          to: email.recipient,
          subject: email.subject,
          text: bodies.text,
          html: bodies.html ?? undefined,
          messageId: email.message_id,
          // An alternative text/calendar part with its METHOD: Outlook, Gmail and Apple Mail offer to add or remove the event.
          icalEvent: email.ics ? { method: email.ics_method ?? 'REQUEST', content: email.ics, filename: email.ics_method === 'CANCEL' ? 'cancel.ics' : 'invite.ics' } : undefined,
        }));
        await this.outbox.markSent(this.dataSource.manager, email.id);
        sent++;
      } catch (error) {
        const final = error instanceof UnopenableEmailError || isPermanentFailure(error) || email.attempts >= MAX_ATTEMPTS;
        const delay = retryDelay(email.attempts, this.config.mail.retryBaseMs);
        await this.outbox.markAttemptFailed(this.dataSource.manager, email.id, {
          final, error: String((error as Error).message).slice(0, 500), delaySeconds: delay / 1000,
        });
        this.logger.warn({ id: email.id, attempt: email.attempts, final, err: error }, 'Email delivery failed');
      }
    }
    if (claimed.length > 0) this.logger.log({ claimed: claimed.length, sent }, 'Outbox pass');
    return sent;
  }

  /** Claimed rows this pass will not send: free for the next pass, their attempt not counted. */
  private async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.outbox.release(this.dataSource.manager, ids);
  }

  /** A send that takes longer than SEND_BUDGET_MS counts as a failed attempt (retried later, same Message-ID). */
  private async withinBudget<T>(send: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`SMTP send took longer than ${SEND_BUDGET_MS / 1000} s`)), SEND_BUDGET_MS);
      timer.unref();
    });
    try {
      return await Promise.race([send, budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** What leaves: the sealed bodies, opened only here, when the email carries a private link. */
  private bodiesOf(email: ClaimedEmail): EmailBodies {
    if (!email.sealed) return { text: email.text_body, html: email.html_body };
    const bodies = this.secrets.open(email.id, email.sealed);
    // Never send the redacted copy in its place: the link would not work.
    if (!bodies) throw new UnopenableEmailError();
    return bodies;
  }
}

/** A sealed body that this APP_SECRET does not open (the secret changed): retrying cannot help. */
class UnopenableEmailError extends Error {
  constructor() {
    super('The sealed body does not open with this APP_SECRET (was it changed?)');
  }
}

import { Injectable } from '@nestjs/common';
import type { Locale, OutboxEmail } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** A rendered email as an `outbox` row. */
export interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  locale: Locale;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  event_key: string | null;
  ics: string | null;
  ics_method: string | null;
  payload: Record<string, unknown>;
  /** Base64 of the sealed bodies when they carry a private link (OutboxSecrets); the bodies are then redacted. */
  sealed: string | null;
}

/** A row as the coordinators' outbox lists it, with its sealed bodies (opened or not by the caller). */
export type ListedEmail = OutboxEmail & { sealed: Buffer | null };

/** A row claimed by the worker for one delivery attempt. */
export interface ClaimedEmail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  message_id: string;
  attempts: number;
  ics: string | null;
  ics_method: 'REQUEST' | 'CANCEL' | null;
  sealed: Buffer | null;
}

/** A link email written before bodies were sealed. */
export interface UnsealedLinkEmail {
  id: string;
  text_body: string;
  html_body: string | null;
}

/**
 * Writes rendered rows (a JSON array of OutboxRow in the parameter `rows`), skipping a notification
 * already queued for its recipient. With `from` (a CTE of the same statement, e.g. the booking it
 * inserts), the rows exist exactly when that CTE returns a row.
 */
export function outboxInsertSql(rows: string, from?: string): string {
  return `INSERT INTO outbox (id, kind, recipient, locale, subject, text_body, html_body, message_id, event_key, ics, ics_method, payload, sealed)
    SELECT e.id, e.kind, e.recipient, e.locale, e.subject, e.text_body, e.html_body, e.message_id, e.event_key, e.ics, e.ics_method, coalesce(e.payload, '{}'),
           decode(e.sealed, 'base64')
      FROM ${from ? `${from}, ` : ''}jsonb_to_recordset(${rows}::jsonb) AS e(id uuid, kind text, recipient text, locale text, subject text, text_body text,
           html_body text, message_id text, event_key text, ics text, ics_method text, payload jsonb, sealed text)
    ON CONFLICT (message_id) DO NOTHING RETURNING id`;
}

/** The statements on `outbox`: queueing, the coordinators' list, the worker's claims and the sealing of old rows. */
@Injectable()
export class OutboxRepository {
  /** How many of the rows were written (a row already queued for its recipient is not). */
  async insert(manager: EntityManager, rows: OutboxRow[]): Promise<number> {
    const written: unknown[] = await manager.query(outboxInsertSql('$1'), [JSON.stringify(rows)]);
    return written.length;
  }

  /** The newest first, with the total count. */
  async page(manager: EntityManager, limit: number, offset: number): Promise<{ rows: ListedEmail[]; total: number }> {
    const rows: (ListedEmail & { total: number })[] = await manager.query(
      `SELECT id, kind, recipient, locale, subject, text_body AS "textBody", html_body AS "htmlBody", status, attempts,
              created_at AS "createdAt", sent_at AS "sentAt", sealed, count(*) OVER ()::int AS total
         FROM outbox ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Claims up to `batch` due rows for `leaseSeconds`, counting the attempt; skips rows another instance holds. */
  async claimDue(manager: EntityManager, leaseSeconds: number, batch: number): Promise<ClaimedEmail[]> {
    // An UPDATE answers [rows, affected].
    const [claimed]: [ClaimedEmail[], number] = await manager.query(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $1), attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                      ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, text_body, html_body, message_id, attempts, ics, ics_method, sealed`,
      [leaseSeconds, batch],
    );
    return claimed;
  }

  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1 AND status = 'pending'`,
      [id],
    );
  }

  /** A failed attempt: `failed` for good, or `pending` again after `delaySeconds`. */
  async markAttemptFailed(manager: EntityManager, id: string, attempt: { final: boolean; error: string; delaySeconds: number }): Promise<void> {
    await manager.query(
      `UPDATE outbox SET status = $2, claimed_until = NULL, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [id, attempt.final ? 'failed' : 'pending', attempt.error, attempt.delaySeconds],
    );
  }

  /** Claimed rows let go unsent: free for the next pass, their attempt not counted. */
  async release(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE outbox SET claimed_until = NULL, attempts = greatest(attempts - 1, 0) WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
  }

  /** Link emails still unsealed (the partial index of migration AccountSecurity finds them), locked. */
  lockUnsealedLinkEmails(manager: EntityManager): Promise<UnsealedLinkEmail[]> {
    return manager.query(
      `SELECT id, text_body, html_body FROM outbox
        WHERE sealed IS NULL AND kind IN ('invitation', 'coordinator_invitation', 'password_reset')
        FOR UPDATE SKIP LOCKED`,
    );
  }

  async storeSealed(manager: EntityManager, id: string, stored: { text: string; html: string | null; sealed: Buffer }): Promise<void> {
    await manager.query('UPDATE outbox SET text_body = $2, html_body = $3, sealed = $4 WHERE id = $1', [id, stored.text, stored.html, stored.sealed]);
  }
}

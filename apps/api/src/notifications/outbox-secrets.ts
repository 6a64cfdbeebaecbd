import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { appKeys } from '../config/app-secret';
import { OutboxRepository } from './outbox.repository';

/** The token of an invitation or password-reset link (the app's own tokens are 43 characters). */
const PRIVATE_LINK = /(\/(?:invitation|reset-password)\/)[A-Za-z0-9_-]{16,}/g;
/** What stands in a link's token once it is hidden. */
export const REDACTED = 'REDACTED';

/** The text with the token of every invitation and password-reset link replaced by REDACTED. */
export function redactLinks(text: string): string {
  return text.replace(PRIVATE_LINK, `$1${REDACTED}`);
}

export function redactLinksOrNull(text: string | null): string | null {
  return text === null ? null : redactLinks(text);
}

/** An email's two bodies. */
export interface EmailBodies {
  text: string;
  html: string | null;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Outbox bodies that carry a private link (invitation, password reset) are kept twice: readable
 * with the link's token REDACTED (`text_body`, `html_body`), and whole in `sealed`, encrypted with
 * AES-256-GCM under a key derived from APP_SECRET, which lives outside the database. The row id is
 * the associated data, so a sealed body only opens on its own row. Only the outbox worker (to send)
 * and the coordinators' outbox when no SMTP server is set (the outbox is then the delivery channel)
 * open them. docs/architecture.md, "Security".
 */
@Injectable()
export class OutboxSecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxSecrets.name);
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {
    this.key = appKeys(config).outbox;
  }

  /** The bodies as stored: `sealed` is set (and the bodies redacted) only when they carry a private link. */
  protect(id: string, bodies: EmailBodies): EmailBodies & { sealed: Buffer | null } {
    const redacted = { text: redactLinks(bodies.text), html: redactLinksOrNull(bodies.html) };
    if (redacted.text === bodies.text && redacted.html === bodies.html) return { ...bodies, sealed: null };
    return { ...redacted, sealed: this.seal(id, bodies) };
  }

  seal(id: string, bodies: EmailBodies): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(id, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(bodies), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), encrypted]);
  }

  /** The whole bodies, or undefined when they do not open (another APP_SECRET, a damaged row). */
  open(id: string, sealed: Buffer): EmailBodies | undefined {
    try {
      if (sealed[0] !== VERSION) return undefined;
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(id, 'utf8')).setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as EmailBodies;
    } catch {
      return undefined;
    }
  }

  onApplicationBootstrap(): Promise<number> {
    return this.sealLegacyRows();
  }

  /**
   * Seals the link emails written before bodies were sealed (migration AccountSecurity indexes them),
   * so that no usable token stays readable in the database. Runs at start-up; a no-op once done.
   */
  async sealLegacyRows(): Promise<number> {
    const sealed = await this.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.lockUnsealedLinkEmails(manager);
      for (const row of rows) {
        const original = { text: row.text_body, html: row.html_body };
        await this.outbox.storeSealed(manager, row.id, { text: redactLinks(original.text), html: redactLinksOrNull(original.html), sealed: this.seal(row.id, original) });
      }
      return rows.length;
    });
    if (sealed > 0) this.logger.log({ sealed }, 'Link emails written before sealing are now sealed');
    return sealed;
  }
}

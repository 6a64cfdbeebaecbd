import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type Locale } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, canManage, roleIn } from '../auth/auth-user';
import { statusLabel } from '../bookings/booking-messages';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { attestationPdf } from './attestation-pdf';
import { AttestationsRepository } from './attestations.repository';

/** What the public verification page shows: enough to compare with the paper, nothing more. */
export interface AttestationCheck {
  reference: string;
  valid: true;
  issuedAt: string;
  resource: string;
  partner: string;
  organisation: string;
  actualStart: string;
  actualEnd: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Attendance attestations of completed bookings. The first download gives the booking its platform
 * reference (kept, so every copy carries the same one); the PDF is rendered on each request in the
 * reader's language.
 */
@Injectable()
export class AttestationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AttestationsRepository,
  ) {}

  async pdf(user: AuthUser, bookingId: string): Promise<{ reference: string; content: Buffer }> {
    const row = await this.repository.facts(this.dataSource.manager, bookingId);
    if (!row || !(user.isCoordinator || roleIn(user, row.organisationId) || canManage(user, row.ownerId))) throw new DomainError(ErrorCode.NotFound);
    this.assertCompleted(row);
    const attestation = await this.issue(bookingId, user.id);
    const locale: Locale = user.locale;
    const names = { fr: row.name_fr, nl: row.name_nl, en: row.name_en };
    const content = await attestationPdf({
      reference: attestation.reference, verifyUrl: `${this.config.publicUrl}/api/attestations/${attestation.reference}`, issuedAt: attestation.issuedAt,
      resource: names[locale] ?? names.fr ?? names.nl ?? names.en ?? '', partner: row.partner, location: row.location, organisation: row.organisation,
      zone: row.zone, actualStart: row.actualStart, actualEnd: row.actualEnd, class: row.class, participants: row.participants,
      participantNames: row.participantNames,
    }, locale);
    return { reference: attestation.reference, content };
  }

  /**
   * The participants' names the teacher types for the attestation of a completed booking: members of
   * the booking organisation and coordinators. An empty list deletes them. The retention job deletes
   * them RETENTION_PARTICIPANT_NAMES_MONTHS after the booking ends.
   */
  async setParticipantNames(user: AuthUser, bookingId: string, names: string[]): Promise<{ participantNames: string[] | null }> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.facts(manager, bookingId, true);
      if (!row || !(user.isCoordinator || roleIn(user, row.organisationId))) throw new DomainError(row && canManage(user, row.ownerId) ? ErrorCode.Forbidden : ErrorCode.NotFound);
      this.assertCompleted(row);
      const kept = names.map((name) => name.trim()).filter(Boolean);
      await this.repository.setParticipantNames(manager, bookingId, kept.length ? kept : null, this.clock.now());
      return { participantNames: kept.length ? kept : null };
    });
  }

  private assertCompleted<T extends { status: string; actualStart: Date | null; actualEnd: Date | null }>(row: T): asserts row is T & { actualStart: Date; actualEnd: Date } {
    if (row.status !== 'completed' || !row.actualStart || !row.actualEnd) {
      throw new DomainError(ErrorCode.InvalidTransition, { details: { status: row.status }, params: (locale) => ({ status: statusLabel(row.status, locale) }) });
    }
  }

  async check(reference: string): Promise<AttestationCheck> {
    const row = await this.repository.check(this.dataSource.manager, reference.toUpperCase());
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const iso = (value: Date) => new Date(value).toISOString();
    return { reference: row.reference, valid: true, issuedAt: iso(row.issuedAt), resource: row.resource, partner: row.partner, organisation: row.organisation, actualStart: iso(row.actualStart), actualEnd: iso(row.actualEnd) };
  }

  /** The booking's attestation, created on first request (concurrent first requests share one). */
  private async issue(bookingId: string, userId: string): Promise<{ reference: string; issuedAt: Date }> {
    const bytes = randomBytes(12);
    const reference = `EQP-${[...bytes].map((b) => BASE32[b % 32]).join('')}`;
    await this.repository.issue(this.dataSource.manager, reference, bookingId, this.clock.now(), userId);
    return this.repository.ofBooking(this.dataSource.manager, bookingId);
  }
}

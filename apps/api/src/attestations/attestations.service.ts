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
import { LOCATION_SQL } from '../notifications/booking-notifications.service';
import { attestationPdf, type AttestationFacts } from './attestation-pdf';

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

const FACTS_SQL = `SELECT b.id, b.status, b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
    coalesce(r.name_fr, r.name_nl, r.name_en) AS "resourceFr", r.name_fr, r.name_nl, r.name_en,
    owner.name AS partner, o.name AS organisation, s.time_zone AS zone, ${LOCATION_SQL} AS location,
    b.actual_start AS "actualStart", b.actual_end AS "actualEnd",
    json_build_object('pupils', coalesce(b.actual_pupils, 0), 'apprentices', coalesce(b.actual_apprentices, 0), 'jobSeekers', coalesce(b.actual_job_seekers, 0),
                      'trainers', coalesce(b.actual_trainers, 0), 'employees', coalesce(b.actual_employees, 0)) AS participants,
    CASE WHEN b.class_level IS NULL THEN NULL ELSE json_build_object('level', b.class_level, 'year', b.class_year, 'section', b.class_section,
         'teacher', b.class_teacher, 'module', b.class_module) END AS class
  FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
  JOIN organisations owner ON owner.id = r.organisation_id JOIN organisations o ON o.id = b.organisation_id`;

interface FactsRow {
  id: string; status: string; organisationId: string; ownerId: string; name_fr: string | null; name_nl: string | null; name_en: string | null;
  partner: string; organisation: string; zone: string; location: string | null; actualStart: Date | null; actualEnd: Date | null;
  participants: AttestationFacts['participants']; class: AttestationFacts['class'];
}

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
  ) {}

  async pdf(user: AuthUser, bookingId: string): Promise<{ reference: string; content: Buffer }> {
    const [row] = (await this.dataSource.query(`${FACTS_SQL} WHERE b.id = $1`, [bookingId])) as FactsRow[];
    if (!row || !(user.isCoordinator || roleIn(user, row.organisationId) || canManage(user, row.ownerId))) throw new DomainError(ErrorCode.NotFound);
    if (row.status !== 'completed' || !row.actualStart || !row.actualEnd) {
      throw new DomainError(ErrorCode.InvalidTransition, { details: { status: row.status }, params: (locale) => ({ status: statusLabel(row.status, locale) }) });
    }
    const attestation = await this.issue(bookingId, user.id);
    const locale: Locale = user.locale;
    const names = { fr: row.name_fr, nl: row.name_nl, en: row.name_en };
    const content = await attestationPdf({
      reference: attestation.reference, verifyUrl: `${this.config.publicUrl}/api/attestations/${attestation.reference}`, issuedAt: attestation.issuedAt,
      resource: names[locale] ?? names.fr ?? names.nl ?? names.en ?? '', partner: row.partner, location: row.location, organisation: row.organisation,
      zone: row.zone, actualStart: row.actualStart, actualEnd: row.actualEnd, class: row.class, participants: row.participants,
    }, locale);
    return { reference: attestation.reference, content };
  }

  async check(reference: string): Promise<AttestationCheck> {
    const [row] = await this.dataSource.query(
      `SELECT a.reference, a.issued_at AS "issuedAt", f."resourceFr" AS resource, f.partner, f.organisation, f."actualStart", f."actualEnd"
         FROM attestations a JOIN (${FACTS_SQL}) f ON f.id = a.booking_id WHERE a.reference = $1 AND f.status = 'completed'`,
      [reference.toUpperCase()],
    );
    if (!row) throw new DomainError(ErrorCode.NotFound);
    const iso = (value: Date) => new Date(value).toISOString();
    return { reference: row.reference, valid: true, issuedAt: iso(row.issuedAt), resource: row.resource, partner: row.partner, organisation: row.organisation, actualStart: iso(row.actualStart), actualEnd: iso(row.actualEnd) };
  }

  /** The booking's attestation, created on first request (concurrent first requests share one). */
  private async issue(bookingId: string, userId: string): Promise<{ reference: string; issuedAt: Date }> {
    const bytes = randomBytes(12);
    const reference = `EQP-${[...bytes].map((b) => BASE32[b % 32]).join('')}`;
    await this.dataSource.query(
      'INSERT INTO attestations (reference, booking_id, issued_at, issued_by_id) VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id) DO NOTHING',
      [reference, bookingId, this.clock.now(), userId],
    );
    const [row] = await this.dataSource.query('SELECT reference, issued_at AS "issuedAt" FROM attestations WHERE booking_id = $1', [bookingId]);
    return row;
  }
}

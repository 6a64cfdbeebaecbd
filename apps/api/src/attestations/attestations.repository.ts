import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { siteLocation } from '../database/sql/fragments/resource-json';
import type { AttestationFacts } from './attestation-pdf';

const FACTS_SQL = `SELECT b.id, b.status, b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
    coalesce(r.name_fr, r.name_nl, r.name_en) AS "resourceFr", r.name_fr, r.name_nl, r.name_en,
    owner.name AS partner, o.name AS organisation, s.time_zone AS zone, ${siteLocation('s')} AS location,
    b.actual_start AS "actualStart", b.actual_end AS "actualEnd",
    json_build_object('pupils', coalesce(b.actual_pupils, 0), 'apprentices', coalesce(b.actual_apprentices, 0), 'jobSeekers', coalesce(b.actual_job_seekers, 0),
                      'trainers', coalesce(b.actual_trainers, 0), 'employees', coalesce(b.actual_employees, 0)) AS participants,
    CASE WHEN b.class_level IS NULL THEN NULL ELSE json_build_object('level', b.class_level, 'year', b.class_year, 'section', b.class_section,
         'teacher', b.class_teacher, 'module', b.class_module) END AS class,
    b.participant_names AS "participantNames"
  FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN sites s ON s.id = r.site_id
  JOIN organisations owner ON owner.id = r.organisation_id JOIN organisations o ON o.id = b.organisation_id`;

/** What an attestation says of its booking. */
export interface FactsRow {
  id: string; status: string; organisationId: string; ownerId: string; name_fr: string | null; name_nl: string | null; name_en: string | null;
  partner: string; organisation: string; zone: string; location: string | null; actualStart: Date | null; actualEnd: Date | null;
  participants: AttestationFacts['participants']; class: AttestationFacts['class']; participantNames: string[] | null;
}

/** An issued attestation of a completed booking, as the verification page compares it. */
export interface CheckRow {
  reference: string;
  issuedAt: Date;
  resource: string;
  partner: string;
  organisation: string;
  actualStart: Date;
  actualEnd: Date;
}

/** The statements of the attendance attestations; every method takes the caller's EntityManager. */
@Injectable()
export class AttestationsRepository {
  /** `lock`: the booking's row FOR UPDATE (names are written one writer at a time). */
  async facts(db: EntityManager, bookingId: string, lock = false): Promise<FactsRow | undefined> {
    const [row] = await db.query(`${FACTS_SQL} WHERE b.id = $1${lock ? ' FOR UPDATE OF b' : ''}`, [bookingId]);
    return row;
  }

  /** Replaces the participants' names of a booking (null: none), with the time they were typed. */
  async setParticipantNames(db: EntityManager, bookingId: string, names: string[] | null, at: Date): Promise<void> {
    await db.query('UPDATE bookings SET participant_names = $2, participant_names_at = CASE WHEN $2::text[] IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1', [bookingId, names, at]);
  }

  /** The attestation with that reference, while its booking is completed. */
  async check(db: EntityManager, reference: string): Promise<CheckRow | undefined> {
    const [row] = await db.query(
      `SELECT a.reference, a.issued_at AS "issuedAt", f."resourceFr" AS resource, f.partner, f.organisation, f."actualStart", f."actualEnd"
         FROM attestations a JOIN (${FACTS_SQL}) f ON f.id = a.booking_id WHERE a.reference = $1 AND f.status = 'completed'`,
      [reference],
    );
    return row;
  }

  /** Gives the booking this reference unless it has one already (concurrent first requests share one). */
  async issue(db: EntityManager, reference: string, bookingId: string, issuedAt: Date, issuedById: string): Promise<void> {
    await db.query(
      'INSERT INTO attestations (reference, booking_id, issued_at, issued_by_id) VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id) DO NOTHING',
      [reference, bookingId, issuedAt, issuedById],
    );
  }

  async ofBooking(db: EntityManager, bookingId: string): Promise<{ reference: string; issuedAt: Date }> {
    const [row] = await db.query('SELECT reference, issued_at AS "issuedAt" FROM attestations WHERE booking_id = $1', [bookingId]);
    return row;
  }
}

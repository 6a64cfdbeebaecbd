import { Injectable } from '@nestjs/common';
import type { ExportCategory } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { namesJson } from '../database/sql/fragments/resource-json';
import { storyPhotoUrl } from '../database/sql/fragments/story-photo';
import { escapeHtml } from './export-html';

/** The account being erased, locked for the transaction. */
export interface ErasableUser {
  id: string;
  email: string;
  name: string;
  isCoordinator: boolean;
  anonymisedAt: Date | null;
}

/** How many rows one erasure changed, table by table (logged, never the person's name). */
export type ErasureCounts = Record<string, number>;

/** An account the retention job warns or anonymises. */
export interface InactiveAccount {
  id: string;
  email: string;
  name: string;
  locale: 'fr' | 'nl' | 'en';
}

/** What an erased account is called: the same in every language, and unique (the address stays a key). */
export function anonymisedName(id: string): string {
  return `Anonyme ${id.slice(0, 8)}`;
}

export function anonymisedEmail(id: string): string {
  return `erased-${id}@anonymised.invalid`;
}

/** What session contacts become when their retention period ends (the columns are required). */
const EXPIRED_CONTACT_NAME = 'Anonyme';
const EXPIRED_CONTACT_EMAIL = 'contact@anonymised.invalid';

const ROWS = (sql: string) => `coalesce((SELECT json_agg(x) FROM (${sql}) x), '[]'::json)`;

/**
 * Every statement about a person's data (issue 23): the export, the erasure and the retention
 * periods. Each method takes the caller's EntityManager (inside a transaction, its manager).
 * Nothing here changes a figure the reports read: periods, statuses, counts, organisations and
 * the rows themselves stay; only names, addresses and free text go.
 */
@Injectable()
export class PrivacyRepository {
  /**
   * One JSON document per category, about `userId` only: rows they made, were named on, or that
   * describe them; other people appear in none of them (no names, no addresses, no other user ids).
   * Emails are listed without their bodies, which name other people (who cancelled, who asked).
   */
  async exportOf(manager: EntityManager, userId: string): Promise<Record<ExportCategory, unknown>> {
    const [row] = await manager.query(
      `SELECT
        (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'locale', u.locale, 'isCoordinator', u.is_coordinator,
                'active', u.active, 'createdAt', u.created_at, 'updatedAt', u.updated_at, 'lastSignInAt', u.last_sign_in_at,
                'inactivityWarnedAt', u.inactivity_warned_at)
           FROM users u WHERE u.id = $1) AS profile,
        (SELECT json_build_object('emailOptOuts', u.email_opt_outs) FROM users u WHERE u.id = $1) AS "notificationSettings",
        ${ROWS(`SELECT o.id AS "organisationId", o.name AS "organisationName", m.role, m.created_at AS "since"
                  FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY o.name`)} AS memberships,
        ${ROWS(`SELECT c.id AS "clusterId", c.name AS "clusterName" FROM cluster_coordinators cc JOIN clusters c ON c.id = cc.cluster_id
                 WHERE cc.user_id = $1 ORDER BY c.name`)} AS "clusterCoordination",
        ${ROWS(`SELECT s.id, s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
                       s.ip, s.user_agent AS "userAgent"
                  FROM sessions s WHERE s.user_id = $1 ORDER BY s.created_at`)} AS sessions,
        ${ROWS(`SELECT f.id, CASE WHEN f.user_id = $1 THEN 'personal' ELSE 'organisation' END AS kind, f.organisation_id AS "organisationId",
                       f.locale, f.created_at AS "createdAt", f.last_used_at AS "lastUsedAt", f.revoked_at AS "revokedAt"
                  FROM calendar_feeds f WHERE f.user_id = $1 OR f.created_by_id = $1 ORDER BY f.created_at`)} AS "calendarFeeds",
        ${ROWS(`SELECT b.id, array_remove(ARRAY[CASE WHEN b.booked_by_id = $1 THEN 'booked' END, CASE WHEN b.trainer_id = $1 THEN 'trainer' END], NULL) AS "yourRoles",
                       ${namesJson('r')} AS resource, o.name AS organisation, lower(b.period) AS start, upper(b.period) AS "end", b.status, b.purpose,
                       b.expected_pupils AS "expectedPupils", b.expected_apprentices AS "expectedApprentices", b.expected_job_seekers AS "expectedJobSeekers",
                       b.expected_trainers AS "expectedTrainers", b.expected_employees AS "expectedEmployees",
                       CASE WHEN b.booked_by_id = $1 THEN b.notes END AS notes,
                       CASE WHEN b.booked_by_id = $1 THEN b.class_level END AS "classLevel", CASE WHEN b.booked_by_id = $1 THEN b.class_year END AS "classYear",
                       CASE WHEN b.booked_by_id = $1 THEN b.class_section END AS "classSection", CASE WHEN b.booked_by_id = $1 THEN b.class_teacher END AS "classTeacher",
                       CASE WHEN b.booked_by_id = $1 THEN b.class_module END AS "classModule", b.created_at AS "createdAt"
                  FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
                 WHERE b.booked_by_id = $1 OR b.trainer_id = $1 ORDER BY lower(b.period)`)} AS bookings,
        ${ROWS(`SELECT b.id AS "bookingId", ${namesJson('r')} AS resource, b.attendance_recorded_at AS "recordedAt", b.actual_start AS "actualStart",
                       b.actual_end AS "actualEnd", b.actual_pupils AS "pupils", b.actual_apprentices AS "apprentices", b.actual_job_seekers AS "jobSeekers",
                       b.actual_trainers AS "trainers", b.actual_employees AS "employees"
                  FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.attendance_recorded_by_id = $1 ORDER BY b.attendance_recorded_at`)} AS "attendanceRecorded",
        ${ROWS(`SELECT w.id, ${namesJson('r')} AS resource, o.name AS organisation, lower(w.period) AS start, upper(w.period) AS "end", w.purpose,
                       w.participants, w.status, w.created_at AS "createdAt", w.resolved_at AS "resolvedAt"
                  FROM waitlist_entries w JOIN resources r ON r.id = w.resource_id JOIN organisations o ON o.id = w.organisation_id
                 WHERE w.user_id = $1 ORDER BY w.created_at`)} AS "waitlistEntries",
        ${ROWS(`SELECT cr.id, c.name AS campaign, o.name AS organisation, cr.sessions, cr.pupils, cr.class_level AS "classLevel", cr.class_year AS "classYear",
                       cr.class_section AS "classSection", cr.class_teacher AS "classTeacher", cr.class_module AS "classModule", cr.notes,
                       cr.allocated_sessions AS "allocatedSessions", cr.created_at AS "createdAt"
                  FROM campaign_requests cr JOIN campaigns c ON c.id = cr.campaign_id JOIN organisations o ON o.id = cr.organisation_id
                 WHERE cr.requested_by_id = $1 ORDER BY cr.created_at`)} AS "campaignRequests",
        ${ROWS(`SELECT sr.id, json_build_object('fr', ts.title_fr, 'nl', ts.title_nl, 'en', ts.title_en) AS session, lower(ts.period) AS start,
                       o.name AS organisation, sr.contact_name AS "contactName", sr.contact_email AS "contactEmail", sr.contact_phone AS "contactPhone",
                       sr.pupils, sr.apprentices, sr.job_seekers AS "jobSeekers", sr.trainers, sr.employees, sr.status, sr.created_at AS "createdAt"
                  FROM session_registrations sr JOIN training_sessions ts ON ts.id = sr.session_id JOIN organisations o ON o.id = sr.organisation_id
                 WHERE sr.registered_by_id = $1 ORDER BY sr.created_at`)} AS "sessionRegistrations",
        ${ROWS(`SELECT sr.id, sr.booking_id AS "bookingId", sr.registration_id AS "registrationId", sr.rater, sr.equipment_condition AS "equipmentCondition",
                       sr.welcome, sr.relevance, sr.preparation, sr.comment, sr.created_at AS "createdAt"
                  FROM satisfaction_ratings sr WHERE sr.user_id = $1 ORDER BY sr.created_at`)} AS "satisfactionRatings",
        ${ROWS(`SELECT s.id, c.name AS cluster, s.title, s.body, ${storyPhotoUrl('s')} AS "photoUrl", s.published_at AS "publishedAt"
                  FROM cluster_stories s JOIN clusters c ON c.id = s.cluster_id WHERE s.created_by_id = $1 ORDER BY s.published_at`)} AS stories,
        ${ROWS(`SELECT br.id, ${namesJson('r')} AS resource, br.category, br.description, br.unusable, br.status, br.reported_at AS "reportedAt"
                  FROM breakdown_reports br JOIN resources r ON r.id = br.resource_id WHERE br.reported_by_id = $1 ORDER BY br.reported_at`)} AS "breakdownReports",
        ${ROWS(`SELECT g.id, json_build_object('fr', c.name_fr, 'nl', c.name_nl, 'en', c.name_en) AS credential, g.granted_at AS "grantedAt",
                       g.expires_on AS "expiresOn", g.revoked_at AS "revokedAt", g.note
                  FROM credential_grants g JOIN credentials c ON c.id = g.credential_id WHERE g.user_id = $1 ORDER BY g.granted_at`)} AS "credentialGrants",
        ${ROWS(`SELECT * FROM (
                  SELECT 'booking' AS subject, e.booking_id AS "subjectId", e.action, e.details, e.created_at AS "at" FROM booking_events e WHERE e.actor_id = $1
                  UNION ALL
                  SELECT 'equipment', e.resource_id, e.action, e.details, e.created_at FROM resource_events e WHERE e.actor_id = $1
                ) a ORDER BY a."at"`)} AS "auditLog",
        ${ROWS(`SELECT ob.id, ob.kind, ob.subject, ob.status, ob.created_at AS "createdAt", ob.sent_at AS "sentAt"
                  FROM outbox ob WHERE lower(ob.recipient) = (SELECT lower(email) FROM users WHERE id = $1) ORDER BY ob.created_at`)} AS emails`,
      [userId],
    );
    return row;
  }

  /** The account, locked until the erasure commits; undefined when there is none. */
  async lockUser(manager: EntityManager, userId: string): Promise<ErasableUser | undefined> {
    const [user] = await manager.query(
      `SELECT id, email, name, is_coordinator AS "isCoordinator", anonymised_at AS "anonymisedAt" FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    return user;
  }

  /** Whether another coordinator who can sign in remains (coordinators' rows locked, so two erasures cannot both pass). */
  async otherCoordinatorExists(manager: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT id FROM users WHERE is_coordinator AND active AND anonymised_at IS NULL AND password_hash IS NOT NULL AND id <> $1 FOR UPDATE`,
      [userId],
    );
    return rows.length > 0;
  }

  /** The organisations the person manages alone (another manager must be an account still in use). */
  async managedAlone(manager: EntityManager, userId: string): Promise<{ id: string; name: string }[]> {
    return manager.query(
      `SELECT o.id, o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND m.role = 'manager'
          AND NOT EXISTS (SELECT 1 FROM memberships other JOIN users u ON u.id = other.user_id
                           WHERE other.organisation_id = m.organisation_id AND other.role = 'manager' AND other.user_id <> $1
                             AND u.active AND u.anonymised_at IS NULL)
        ORDER BY o.name
        FOR UPDATE OF m`,
      [userId],
    );
  }

  /**
   * Anonymises the account: name and address replaced, password, sign-in sessions, links, feeds,
   * memberships and roles gone, the free text they wrote or that names them cleared, emails to
   * them emptied. Bookings, attendance, waiting entries and audit rows stay, with their
   * organisations and figures; they now point at the anonymised account. The audit rows
   * (`booking_events`) are append-only by design, reasons included (docs/privacy.md).
   */
  async anonymise(manager: EntityManager, user: ErasableUser, at: Date): Promise<ErasureCounts> {
    const name = anonymisedName(user.id);
    const email = anonymisedEmail(user.id);
    const counts: ErasureCounts = {};
    const run = async (key: string, sql: string, params: unknown[]) => {
      const [, affected] = (await manager.query(sql, params)) as [unknown, number];
      counts[key] = affected ?? 0;
    };
    await run('sessions', 'DELETE FROM sessions WHERE user_id = $1', [user.id]);
    await run('tokens', 'DELETE FROM user_tokens WHERE user_id = $1', [user.id]);
    await run('feeds', `UPDATE calendar_feeds SET revoked_at = now() WHERE (user_id = $1 OR created_by_id = $1) AND revoked_at IS NULL`, [user.id]);
    await run('memberships', 'DELETE FROM memberships WHERE user_id = $1', [user.id]);
    await run('clusterCoordination', 'DELETE FROM cluster_coordinators WHERE user_id = $1', [user.id]);
    await run('loginFailures', 'DELETE FROM login_failures WHERE lower(email) = lower($1)', [user.email]);
    await run('throttleHits', 'DELETE FROM throttle_hits WHERE lower(subject) = lower($1)', [user.email]);
    await run('bookingNotes', `UPDATE bookings SET notes = NULL, class_teacher = NULL WHERE booked_by_id = $1 AND (notes IS NOT NULL OR class_teacher IS NOT NULL)`, [user.id]);
    await run(
      'bookingReasons',
      `UPDATE bookings SET status_reason = NULL WHERE (decided_by_id = $1 OR cancelled_by_id = $1) AND status_reason IS NOT NULL`,
      [user.id],
    );
    await run(
      'campaignRequests',
      `UPDATE campaign_requests SET notes = NULL, class_teacher = NULL WHERE requested_by_id = $1 AND (notes IS NOT NULL OR class_teacher IS NOT NULL)`,
      [user.id],
    );
    await run(
      'sessionContacts',
      `UPDATE session_registrations SET contact_name = $2, contact_email = $3, contact_phone = NULL
        WHERE (registered_by_id = $1 OR lower(contact_email) = lower($4)) AND contact_email <> $3`,
      [user.id, name, email, user.email],
    );
    await run('ratingComments', 'UPDATE satisfaction_ratings SET comment = NULL WHERE user_id = $1 AND comment IS NOT NULL', [user.id]);
    await run('credentialNotes', 'UPDATE credential_grants SET note = NULL WHERE user_id = $1 AND note IS NOT NULL', [user.id]);
    await run(
      'emailsToThem',
      `UPDATE outbox SET recipient = $2, text_body = '', html_body = NULL, sealed = NULL, ics = NULL, ics_method = NULL, payload = '{}',
              status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
              last_error = CASE WHEN status = 'pending' THEN 'account anonymised' ELSE last_error END
        WHERE lower(recipient) = lower($1)`,
      [user.email, email],
    );
    // Emails to others that name them (a booking request, a cancellation): the name is replaced.
    // A very short name would match ordinary words; those bodies go with their retention period.
    if (user.name.trim().length >= 3) {
      await run(
        'emailsNamingThem',
        `UPDATE outbox SET subject = replace(subject, $1, $2), text_body = replace(text_body, $1, $2),
                html_body = replace(replace(html_body, $1, $2), $3, $2)
          WHERE strpos(subject, $1) > 0 OR strpos(text_body, $1) > 0 OR strpos(html_body, $3) > 0 OR strpos(html_body, $1) > 0`,
        [user.name, name, escapeHtml(user.name)],
      );
    }
    await run(
      'account',
      `UPDATE users SET name = $2, email = $3, password_hash = NULL, active = false, is_coordinator = false, email_opt_outs = '{}',
              anonymised_at = $4, inactivity_warned_at = NULL, updated_at = now()
        WHERE id = $1`,
      [user.id, name, email, at],
    );
    return counts;
  }

  /** Participants' names typed for the attestations of bookings that ended before `before`. */
  async clearOldParticipantNames(manager: EntityManager, before: Date): Promise<number> {
    const [, n] = await manager.query(
      'UPDATE bookings SET participant_names = NULL, participant_names_at = NULL WHERE participant_names IS NOT NULL AND upper(period) < $1',
      [before],
    );
    return n;
  }

  /** Booking notes and class teachers of bookings that ended before `before`. */
  async clearOldBookingText(manager: EntityManager, before: Date): Promise<number> {
    const [, n] = await manager.query(
      `UPDATE bookings SET notes = NULL, class_teacher = NULL WHERE upper(period) < $1 AND (notes IS NOT NULL OR class_teacher IS NOT NULL)`,
      [before],
    );
    return n;
  }

  /** Notes and class teachers of campaign requests whose campaign period ended before `before`. */
  async clearOldCampaignText(manager: EntityManager, before: Date): Promise<number> {
    const [, n] = await manager.query(
      `UPDATE campaign_requests cr SET notes = NULL, class_teacher = NULL FROM campaigns c
        WHERE c.id = cr.campaign_id AND c.period_end < $1::timestamptz::date AND (cr.notes IS NOT NULL OR cr.class_teacher IS NOT NULL)`,
      [before],
    );
    return n;
  }

  /** The contacts (participant lists) of sessions that ended before `before`; the group's counts stay. */
  async clearOldSessionContacts(manager: EntityManager, before: Date): Promise<number> {
    const [, n] = await manager.query(
      `UPDATE session_registrations sr SET contact_name = $2, contact_email = $3, contact_phone = NULL FROM training_sessions ts
        WHERE ts.id = sr.session_id AND upper(ts.period) < $1 AND (sr.contact_email <> $3 OR sr.contact_phone IS NOT NULL)
          AND sr.contact_email NOT LIKE 'erased-%@anonymised.invalid'`,
      [before, EXPIRED_CONTACT_NAME, EXPIRED_CONTACT_EMAIL],
    );
    return n;
  }

  /** Rating comments written before `before`; the scores stay. */
  async clearOldComments(manager: EntityManager, before: Date): Promise<number> {
    const [, n] = await manager.query('UPDATE satisfaction_ratings SET comment = NULL WHERE created_at < $1 AND comment IS NOT NULL', [before]);
    return n;
  }

  /** Sign-in sessions that expired or were revoked more than `days` days ago (the database's time, as sessions keep it). */
  async deleteEndedSessions(manager: EntityManager, days: number): Promise<number> {
    const [, n] = await manager.query(
      `DELETE FROM sessions WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - make_interval(days => $1)`,
      [days],
    );
    return n;
  }

  /** Bodies of emails sent (or given up) more than `days` days ago; kind, recipient, subject and dates stay for the Emails page. */
  async clearOldEmailBodies(manager: EntityManager, days: number): Promise<number> {
    const [, n] = await manager.query(
      `UPDATE outbox SET text_body = '', html_body = NULL, sealed = NULL, ics = NULL, ics_method = NULL, payload = '{}'
        WHERE status <> 'pending' AND coalesce(sent_at, next_attempt_at, created_at) < now() - make_interval(days => $1)
          AND (text_body <> '' OR html_body IS NOT NULL OR sealed IS NOT NULL OR ics IS NOT NULL OR payload <> '{}')`,
      [days],
    );
    return n;
  }

  /** Accounts in use that nobody signed in to for `months` months and that were not warned yet. */
  async inactiveToWarn(manager: EntityManager, months: number): Promise<InactiveAccount[]> {
    return manager.query(
      `SELECT id, email, name, locale FROM users
        WHERE anonymised_at IS NULL AND inactivity_warned_at IS NULL
          AND coalesce(last_sign_in_at, created_at) < now() - make_interval(months => $1)
        ORDER BY id
        FOR UPDATE SKIP LOCKED`,
      [months],
    );
  }

  async markWarned(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('UPDATE users SET inactivity_warned_at = now() WHERE id = $1', [userId]);
  }

  /** Warned accounts still unused `days` days after the warning (a sign-in clears the warning). */
  async warnedLongEnough(manager: EntityManager, days: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE anonymised_at IS NULL AND inactivity_warned_at < now() - make_interval(days => $1) ORDER BY id`,
      [days],
    );
    return rows.map((row) => row.id);
  }
}

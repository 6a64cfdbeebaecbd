import { Injectable } from '@nestjs/common';
import type { CheckInView } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { namesJson } from '../database/sql/fragments/resource-json';
import type { LockedBooking } from './bookings.repository';

/** A booking locked for check-in or check-out. */
export interface LockedForCheckIn extends Omit<LockedBooking, 'cancelCutoffHours' | 'seriesId'> {
  marginMinutes: number;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/** Whose bookings the QR page shows the viewer: see CheckInRepository.current. */
export interface CheckInViewer {
  userId: string;
  organisationIds: string[];
  managedIds: string[];
  isCoordinator: boolean;
}

/** Bookings the viewer holds, trains, books for or manages (or any, for coordinators); $1 item, $2–$5 the viewer, $6 now. */
const MINE = `(b.booked_by_id = $2 OR b.trainer_id = $2 OR b.organisation_id = ANY($3::uuid[]) OR r.organisation_id = ANY($4::uuid[]) OR $5)`;

/** Check-in at the machine, check-out, and the auto-release of unclaimed bookings. */
@Injectable()
export class CheckInRepository {
  /** The item as the QR page names it, with its status and its owner (the organisation that lends it). */
  async resource(manager: EntityManager, resourceId: string): Promise<(CheckInView['resource'] & { status: string; ownerId: string }) | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, ${namesJson('r')} AS names, o.name AS "organisationName", s.time_zone AS "timeZone", r.checkin_margin_minutes AS "checkinMarginMinutes",
              r.status, r.organisation_id AS "ownerId"
         FROM resources r JOIN organisations o ON o.id = r.organisation_id JOIN sites s ON s.id = r.site_id WHERE r.id = $1`,
      [resourceId],
    );
    return row;
  }

  /** The viewer's booking that may be checked in (or out) now: their own first, then the earliest. */
  async current(manager: EntityManager, resourceId: string, viewer: CheckInViewer, now: Date): Promise<CheckInView['booking'] | undefined> {
    const [row] = await manager.query(
      `SELECT b.id, o.name AS "organisationName", lower(b.period) AS start, upper(b.period) AS "end", b.checked_in_at AS "checkedInAt",
              b.checked_out_at AS "checkedOutAt",
              json_build_object('pupils', b.expected_pupils, 'apprentices', b.expected_apprentices, 'jobSeekers', b.expected_job_seekers,
                                'trainers', b.expected_trainers, 'employees', b.expected_employees) AS expected
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
        WHERE b.resource_id = $1 AND ${MINE}
          AND ((b.status = 'confirmed' AND lower(b.period) - make_interval(mins => r.checkin_margin_minutes) <= $6 AND upper(b.period) > $6)
               OR (b.checked_in_at IS NOT NULL AND b.checked_out_at IS NULL AND b.status = 'confirmed'))
        ORDER BY (b.booked_by_id = $2 OR b.trainer_id = $2) DESC, lower(b.period) LIMIT 1`,
      this.viewerParams(resourceId, viewer, now),
    );
    return row;
  }

  /** The viewer's next confirmed booking of the item. */
  async next(manager: EntityManager, resourceId: string, viewer: CheckInViewer, now: Date): Promise<CheckInView['next'] | undefined> {
    const [row] = await manager.query(
      `SELECT b.id, lower(b.period) AS start, upper(b.period) AS "end" FROM bookings b JOIN resources r ON r.id = b.resource_id
        WHERE b.resource_id = $1 AND ${MINE} AND b.status = 'confirmed' AND lower(b.period) > $6 ORDER BY lower(b.period) LIMIT 1`,
      this.viewerParams(resourceId, viewer, now),
    );
    return row;
  }

  private viewerParams(resourceId: string, viewer: CheckInViewer, now: Date): unknown[] {
    return [resourceId, viewer.userId, viewer.organisationIds, viewer.managedIds, viewer.isCoordinator, now];
  }

  async lock(manager: EntityManager, id: string): Promise<LockedForCheckIn | undefined> {
    const [booking] = await manager.query(
      `SELECT b.id, b.resource_id AS "resourceId", b.organisation_id AS "organisationId", r.organisation_id AS "ownerId",
              b.booked_by_id AS "bookedById", b.trainer_id AS "trainerId", b.status, lower(b.period) AS start, upper(b.period) AS "end",
              r.checkin_margin_minutes AS "marginMinutes", b.checked_in_at AS "checkedInAt", b.checked_out_at AS "checkedOutAt"
         FROM bookings b JOIN resources r ON r.id = b.resource_id WHERE b.id = $1 FOR UPDATE OF b`,
      [id],
    );
    return booking;
  }

  /** Records the actual start; participants not given are the expected ones. */
  async checkIn(manager: EntityManager, id: string, at: Date, userId: string, participants: Partial<Record<'pupils' | 'apprentices' | 'jobSeekers' | 'trainers' | 'employees', number>> | undefined): Promise<void> {
    const p = participants;
    await manager.query(
      `UPDATE bookings SET checked_in_at = $2, checked_in_by_id = $3, actual_start = $2,
              actual_pupils = coalesce($4, expected_pupils), actual_apprentices = coalesce($5, expected_apprentices),
              actual_job_seekers = coalesce($6, expected_job_seekers), actual_trainers = coalesce($7, expected_trainers),
              actual_employees = coalesce($8, expected_employees), updated_at = now()
        WHERE id = $1`,
      [id, at, userId, p?.pupils ?? null, p?.apprentices ?? null, p?.jobSeekers ?? null, p?.trainers ?? null, p?.employees ?? null],
    );
  }

  /** Records the actual end and completes the booking. */
  async checkOut(manager: EntityManager, id: string, at: Date, userId: string): Promise<void> {
    await manager.query(
      `UPDATE bookings SET checked_out_at = $2, actual_end = $2, status = 'completed', attendance_recorded_by_id = $3,
              attendance_recorded_at = now(), updated_at = now() WHERE id = $1`,
      [id, at, userId],
    );
  }

  /** Confirmed bookings not checked in within their item's auto-release delay and not ended become no-shows. */
  async releaseUnclaimed(manager: EntityManager, now: Date): Promise<{ id: string; resourceId: string; minutes: number }[]> {
    const [rows] = await manager.query(
      `UPDATE bookings b SET status = 'no_show', status_reason = 'auto_released', updated_at = now()
         FROM resources r
        WHERE r.id = b.resource_id AND r.auto_release_minutes IS NOT NULL AND b.status = 'confirmed'
          AND b.checked_in_at IS NULL AND b.actual_start IS NULL
          AND lower(b.period) + make_interval(mins => r.auto_release_minutes) <= $1 AND upper(b.period) > $1
        RETURNING b.id, b.resource_id AS "resourceId", r.auto_release_minutes AS minutes`,
      [now],
    );
    return rows;
  }
}

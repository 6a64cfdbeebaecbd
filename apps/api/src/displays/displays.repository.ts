import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { namesJson } from '../database/sql/fragments/resource-json';

/** A booking on a site's door display. */
export interface DisplayBookingRow {
  resourceNames: Record<string, string | null>;
  organisationName: string;
  start: string;
  end: string;
  status: string;
  checkedIn: boolean;
}

/** The statements of the site door displays; every method takes the caller's EntityManager. */
@Injectable()
export class DisplaysRepository {
  /** The organisation owning the site, if the site exists. */
  async siteOwner(db: EntityManager, siteId: string): Promise<string | undefined> {
    const [site] = await db.query('SELECT organisation_id FROM sites WHERE id = $1', [siteId]);
    return site?.organisation_id;
  }

  async link(db: EntityManager, siteId: string): Promise<{ createdAt: string; lastUsedAt: string | null } | undefined> {
    const [row] = await db.query('SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM site_displays WHERE site_id = $1', [siteId]);
    return row;
  }

  /** Makes `tokenHash` the site's only display token; returns when it was made. */
  async replace(db: EntityManager, siteId: string, tokenHash: string, createdById: string): Promise<{ createdAt: string }> {
    const [created] = await db.query(
      `INSERT INTO site_displays (site_id, token_hash, created_by_id) VALUES ($1, $2, $3)
       ON CONFLICT (site_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_by_id = EXCLUDED.created_by_id, created_at = now(), last_used_at = NULL
       RETURNING created_at AS "createdAt"`,
      [siteId, tokenHash, createdById],
    );
    return created;
  }

  async remove(db: EntityManager, siteId: string): Promise<void> {
    await db.query('DELETE FROM site_displays WHERE site_id = $1', [siteId]);
  }

  /** The site behind a display token, recording its use; undefined for an unknown or revoked token. */
  async useToken(db: EntityManager, tokenHash: string): Promise<{ id: string; name: string; timeZone: string } | undefined> {
    const [[site]] = await db.query(
      `UPDATE site_displays d SET last_used_at = now() FROM sites s WHERE d.token_hash = $1 AND s.id = d.site_id
       RETURNING s.id, s.name, s.time_zone AS "timeZone"`,
      [tokenHash],
    );
    return site;
  }

  /** Confirmed and completed bookings of the site's active items that overlap [from, to). */
  bookings(db: EntityManager, siteId: string, from: Date, to: Date): Promise<DisplayBookingRow[]> {
    return db.query(
      `SELECT ${namesJson('r')} AS "resourceNames", o.name AS "organisationName", lower(b.period) AS start, upper(b.period) AS "end", b.status,
              b.checked_in_at IS NOT NULL AS "checkedIn"
         FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
        WHERE r.site_id = $1 AND r.status <> 'retired' AND b.status IN ('confirmed', 'completed') AND b.period && tstzrange($2, $3)
        ORDER BY lower(b.period), r.name_fr, b.id`,
      [siteId, from, to],
    );
  }
}

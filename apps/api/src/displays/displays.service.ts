import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type SiteDisplayView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { hashToken, newToken } from '../auth/secrets';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NAMES_JSON } from '../resources/resource-queries';

export interface SiteDisplayLink {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
  /** Only in the answer that created it: the token is stored as its SHA-256 and cannot be shown again. */
  url?: string;
}

/**
 * The door display of a site (a tablet at the workshop entrance): today's and tomorrow's bookings of
 * the site's items with organisation names only, readable without signing in through a secret URL.
 * A site has at most one; a new one replaces it, and managers can revoke it.
 */
@Injectable()
export class DisplaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async status(user: AuthUser, siteId: string): Promise<SiteDisplayLink> {
    await this.assertManagesSite(this.dataSource.manager, user, siteId);
    const [row] = await this.dataSource.query('SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM site_displays WHERE site_id = $1', [siteId]);
    return row ? { active: true, ...row } : { active: false, createdAt: null, lastUsedAt: null };
  }

  async create(user: AuthUser, siteId: string): Promise<SiteDisplayLink> {
    const { token, hash } = newToken();
    const row = await this.dataSource.transaction(async (manager) => {
      await this.assertManagesSite(manager, user, siteId);
      const [created] = await manager.query(
        `INSERT INTO site_displays (site_id, token_hash, created_by_id) VALUES ($1, $2, $3)
         ON CONFLICT (site_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_by_id = EXCLUDED.created_by_id, created_at = now(), last_used_at = NULL
         RETURNING created_at AS "createdAt"`,
        [siteId, hash.toString('hex'), user.id],
      );
      return created;
    });
    return { active: true, createdAt: row.createdAt, lastUsedAt: null, url: `${this.config.publicUrl}/display/${token}` };
  }

  async revoke(user: AuthUser, siteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertManagesSite(manager, user, siteId);
      await manager.query('DELETE FROM site_displays WHERE site_id = $1', [siteId]);
    });
  }

  /** The display itself; an unknown or revoked token is a plain 404. */
  async render(token: string): Promise<SiteDisplayView> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError(ErrorCode.NotFound);
    const [[site]] = await this.dataSource.query(
      `UPDATE site_displays d SET last_used_at = now() FROM sites s WHERE d.token_hash = $1 AND s.id = d.site_id
       RETURNING s.id, s.name, s.time_zone AS "timeZone"`,
      [hashToken(token).toString('hex')],
    );
    if (!site) throw new DomainError(ErrorCode.NotFound);
    const today = this.clock.dateTime(site.timeZone).startOf('day');
    const days = [today, today.plus({ days: 1 }).startOf('day')];
    const end = today.plus({ days: 2 }).startOf('day');
    const rows: { day: string; resourceNames: Record<string, string | null>; organisationName: string; start: string; end: string; status: string; checkedIn: boolean }[] =
      await this.dataSource.query(
        `SELECT ${NAMES_JSON} AS "resourceNames", o.name AS "organisationName", lower(b.period) AS start, upper(b.period) AS "end", b.status,
                b.checked_in_at IS NOT NULL AS "checkedIn"
           FROM bookings b JOIN resources r ON r.id = b.resource_id JOIN organisations o ON o.id = b.organisation_id
          WHERE r.site_id = $1 AND r.status <> 'retired' AND b.status IN ('confirmed', 'completed') AND b.period && tstzrange($2, $3)
          ORDER BY lower(b.period), r.name_fr, b.id`,
        [site.id, today.toJSDate(), end.toJSDate()],
      );
    return {
      site: { name: site.name, timeZone: site.timeZone },
      generatedAt: this.clock.now().toISOString(),
      days: days.map((day) => {
        const from = day.toMillis();
        const to = day.plus({ days: 1 }).startOf('day').toMillis();
        return {
          date: day.toISODate()!,
          bookings: rows
            .filter((row) => new Date(row.start).getTime() < to && new Date(row.end).getTime() > from)
            .map(({ day: _day, ...booking }) => ({ ...booking, start: new Date(booking.start).toISOString(), end: new Date(booking.end).toISOString() })) as SiteDisplayView['days'][number]['bookings'],
        };
      }),
    };
  }

  private async assertManagesSite(manager: EntityManager, user: AuthUser, siteId: string): Promise<void> {
    const [site] = await manager.query('SELECT organisation_id FROM sites WHERE id = $1', [siteId]);
    if (!site) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, site.organisation_id);
  }
}

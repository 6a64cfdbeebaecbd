import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type SiteDisplayView } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { assertManages, type AuthUser } from '../auth/auth-user';
import { hashToken, newToken } from '../auth/secrets';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DisplaysRepository } from './displays.repository';

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
    private readonly repository: DisplaysRepository,
  ) {}

  async status(user: AuthUser, siteId: string): Promise<SiteDisplayLink> {
    await this.assertManagesSite(this.dataSource.manager, user, siteId);
    const row = await this.repository.link(this.dataSource.manager, siteId);
    return row ? { active: true, ...row } : { active: false, createdAt: null, lastUsedAt: null };
  }

  async create(user: AuthUser, siteId: string): Promise<SiteDisplayLink> {
    const { token, hash } = newToken();
    const row = await this.dataSource.transaction(async (manager) => {
      await this.assertManagesSite(manager, user, siteId);
      return this.repository.replace(manager, siteId, hash.toString('hex'), user.id);
    });
    return { active: true, createdAt: row.createdAt, lastUsedAt: null, url: `${this.config.publicUrl}/display/${token}` };
  }

  async revoke(user: AuthUser, siteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertManagesSite(manager, user, siteId);
      await this.repository.remove(manager, siteId);
    });
  }

  /** The display itself; an unknown or revoked token is a plain 404. */
  async render(token: string): Promise<SiteDisplayView> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError(ErrorCode.NotFound);
    const site = await this.repository.useToken(this.dataSource.manager, hashToken(token).toString('hex'));
    if (!site) throw new DomainError(ErrorCode.NotFound);
    const today = this.clock.dateTime(site.timeZone).startOf('day');
    const days = [today, today.plus({ days: 1 }).startOf('day')];
    const end = today.plus({ days: 2 }).startOf('day');
    const rows = await this.repository.bookings(this.dataSource.manager, site.id, today.toJSDate(), end.toJSDate());
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
            .map((booking) => ({ ...booking, start: new Date(booking.start).toISOString(), end: new Date(booking.end).toISOString() })) as SiteDisplayView['days'][number]['bookings'],
        };
      }),
    };
  }

  private async assertManagesSite(manager: EntityManager, user: AuthUser, siteId: string): Promise<void> {
    const owner = await this.repository.siteOwner(manager, siteId);
    if (!owner) throw new DomainError(ErrorCode.NotFound);
    assertManages(user, owner);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EMAIL_PREFERENCE_KEYS, type EmailPreferences, type OptionalEmail } from '@equipole/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { NotificationPreferencesRepository } from './notification-preferences.repository';

const KEYS = Object.keys(EMAIL_PREFERENCE_KEYS) as (keyof EmailPreferences)[];

function toPreferences(optOuts: OptionalEmail[]): EmailPreferences {
  return Object.fromEntries(KEYS.map((key) => [key, !optOuts.includes(EMAIL_PREFERENCE_KEYS[key])])) as unknown as EmailPreferences;
}

/** The signed-in person's choice of optional emails, stored as the list of those switched off. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly preferences: NotificationPreferencesRepository,
  ) {}

  async get(user: AuthUser): Promise<EmailPreferences> {
    return toPreferences((await this.preferences.optOuts(this.dataSource.manager, user.id)) ?? []);
  }

  async set(user: AuthUser, wanted: EmailPreferences): Promise<EmailPreferences> {
    const optOuts = KEYS.filter((key) => !wanted[key]).map((key) => EMAIL_PREFERENCE_KEYS[key]);
    return toPreferences(await this.preferences.setOptOuts(this.dataSource.manager, user.id, optOuts));
  }
}

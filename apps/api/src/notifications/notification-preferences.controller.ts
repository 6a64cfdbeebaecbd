import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { EMAIL_PREFERENCE_KEYS, type EmailPreferences, type OptionalEmail } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Actor, type AuthUser } from '../auth/auth-user';
import { EmailPreferencesDto } from './dto/notification-preferences.dto';

const KEYS = Object.keys(EMAIL_PREFERENCE_KEYS) as (keyof EmailPreferences)[];

function toPreferences(optOuts: OptionalEmail[]): EmailPreferences {
  return Object.fromEntries(KEYS.map((key) => [key, !optOuts.includes(EMAIL_PREFERENCE_KEYS[key])])) as unknown as EmailPreferences;
}

/** The signed-in person's choice of optional emails, stored as the list of those switched off. */
@ApiTags('notifications')
@Controller('auth/me/notifications')
export class NotificationPreferencesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async get(@Actor() user: AuthUser): Promise<EmailPreferences> {
    const [row] = await this.dataSource.query('SELECT email_opt_outs AS "optOuts" FROM users WHERE id = $1', [user.id]);
    return toPreferences(row?.optOuts ?? []);
  }

  @Put()
  async put(@Actor() user: AuthUser, @Body() dto: EmailPreferencesDto): Promise<EmailPreferences> {
    const optOuts = KEYS.filter((key) => !dto[key]).map((key) => EMAIL_PREFERENCE_KEYS[key]);
    const [[row]] = await this.dataSource.query(
      'UPDATE users SET email_opt_outs = $2::text[], updated_at = now() WHERE id = $1 RETURNING email_opt_outs AS "optOuts"',
      [user.id, optOuts],
    );
    return toPreferences(row.optOuts);
  }
}

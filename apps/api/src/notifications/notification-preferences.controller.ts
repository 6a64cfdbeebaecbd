import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EmailPreferences } from '@equipole/shared';
import { Actor, type AuthUser } from '../auth/auth-user';
import { EmailPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** The signed-in person's choice of optional emails. */
@ApiTags('notifications')
@Controller('auth/me/notifications')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  get(@Actor() user: AuthUser): Promise<EmailPreferences> {
    return this.preferences.get(user);
  }

  @Put()
  put(@Actor() user: AuthUser, @Body() dto: EmailPreferencesDto): Promise<EmailPreferences> {
    return this.preferences.set(user, dto);
  }
}

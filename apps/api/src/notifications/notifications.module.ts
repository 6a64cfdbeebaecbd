import { Global, Module } from '@nestjs/common';
import { BookingNotificationsRepository } from './booking-notifications.repository';
import { BookingNotifications } from './booking-notifications.service';
import { MailerService } from './mailer.service';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesRepository } from './notification-preferences.repository';
import { NotificationPreferencesService } from './notification-preferences.service';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutboxSecrets } from './outbox-secrets';
import { OutboxWorker } from './outbox-worker.service';

@Global()
@Module({
  controllers: [OutboxController, NotificationPreferencesController],
  providers: [
    MailerService, OutboxWorker, BookingNotifications, OutboxSecrets, OutboxService, NotificationPreferencesService,
    OutboxRepository, BookingNotificationsRepository, NotificationPreferencesRepository,
  ],
  exports: [MailerService, OutboxWorker, BookingNotifications],
})
export class NotificationsModule {}

import { Global, Module } from '@nestjs/common';
import { BookingNotifications } from './booking-notifications.service';
import { MailerService } from './mailer.service';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { OutboxController } from './outbox.controller';
import { OutboxSecrets } from './outbox-secrets';
import { OutboxWorker } from './outbox-worker.service';

@Global()
@Module({
  controllers: [OutboxController, NotificationPreferencesController],
  providers: [MailerService, OutboxWorker, BookingNotifications, OutboxSecrets],
  exports: [MailerService, OutboxWorker, BookingNotifications],
})
export class NotificationsModule {}

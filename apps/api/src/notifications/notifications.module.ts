import { Global, Module } from '@nestjs/common';
import { MailerService } from './mailer.service';
import { OutboxController } from './outbox.controller';
import { OutboxWorker } from './outbox-worker.service';

@Global()
@Module({ controllers: [OutboxController], providers: [MailerService, OutboxWorker], exports: [MailerService, OutboxWorker] })
export class NotificationsModule {}

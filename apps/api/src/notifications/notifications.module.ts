import { Global, Module } from '@nestjs/common';
import { MailerService } from './mailer.service';
import { OutboxController } from './outbox.controller';

@Global()
@Module({ controllers: [OutboxController], providers: [MailerService], exports: [MailerService] })
export class NotificationsModule {}

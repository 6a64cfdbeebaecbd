import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { databaseOptions } from '../database/database-options';
import { EMBEDDED_DATABASE, type EmbeddedPostgres } from '../database/embedded-postgres';
import { NotificationsModule } from '../notifications/notifications.module';
import { AdminModule } from './admin.module';

/**
 * What the administration command needs when it opens the database itself (no running instance, or
 * a PostgreSQL server): the same services, migrations applied first as the app does (except for a
 * backup, which copies the data as it is), no HTTP, no scheduled jobs. Emails are only queued: the app's outbox worker delivers them.
 */
@Module({})
export class AdminCliModule {
  static forRoot(config: AppConfig, embedded?: EmbeddedPostgres, options: { migrate: boolean } = { migrate: true }): DynamicModule {
    if (!config.database.url) throw new Error('AdminCliModule needs a database URL');
    const cliConfig: AppConfig = { ...config, mail: { ...config.mail, smtpUrl: undefined } };
    return {
      module: AdminCliModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...databaseOptions(config.database.url, 1, config.database.poolWaitMs),
          migrationsRun: options.migrate,
          // One clear error at once rather than nine retries.
          retryAttempts: 0,
        }),
        NotificationsModule,
        AdminModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: cliConfig }, { provide: EMBEDDED_DATABASE, useValue: embedded ?? null }, Clock],
      exports: [APP_CONFIG, EMBEDDED_DATABASE, Clock],
    };
  }
}

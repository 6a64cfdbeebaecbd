import { randomUUID } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { AppLogger } from './common/app-logger';
import { Clock } from './common/clock';
import { redactRequest } from './common/log-redaction';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { databaseOptions } from './database/database-options';
import { DemoDataModule } from './database/demo/demo-data.module';
import { EMBEDDED_DATABASE, type EmbeddedPostgres } from './database/embedded-postgres';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { AttestationsModule } from './attestations/attestations.module';
import { BookingsModule } from './bookings/bookings.module';
import { BreakdownsModule } from './breakdowns/breakdowns.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ClustersModule } from './clusters/clusters.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DisplaysModule } from './displays/displays.module';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OpenDataModule } from './open-data/open-data.module';
import { OccupationsModule } from './occupations/occupations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReportsModule } from './reports/reports.module';
import { ResourcesModule } from './resources/resources.module';
import { PrivacyModule } from './privacy/privacy.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { SessionsModule } from './sessions/sessions.module';
import { SitesModule } from './sites/sites.module';

@Module({})
export class AppModule {
  /**
   * The config (with the database URL resolved, embedded or not) decides which modules load;
   * `embedded` is the PGlite this process runs, which backups dump.
   */
  static forRoot(config: AppConfig, embedded?: EmbeddedPostgres): DynamicModule {
    if (!config.database.url) throw new Error('AppModule needs a database URL');
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // bootstrap.ts assigns the id before any other middleware.
            genReqId: (request: IncomingMessage) => request.id ?? randomUUID(),
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            // Feed, invitation and reset tokens travel in URLs: they never reach the access log.
            serializers: { req: redactRequest },
            autoLogging: { ignore: (request) => /^\/api\/(health|metrics)(\/|$|\?)/.test(request.url ?? '') },
            customLogLevel: (_request, response, error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
        // PGlite runs one session and its socket server interleaves protocol messages of concurrent
        // connections, so the embedded database gets one connection: requests queue in the pool.
        TypeOrmModule.forRoot({
          ...databaseOptions(config.database.url, config.database.embedded ? 1 : config.database.poolSize, config.database.poolWaitMs),
          migrationsRun: true,
        }),
        NotificationsModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        OccupationsModule,
        OrganisationsModule,
        ClustersModule,
        SitesModule,
        CredentialsModule,
        ResourcesModule,
        BookingsModule,
        BreakdownsModule,
        DisplaysModule,
        CampaignsModule,
        AttestationsModule,
        FeedsModule,
        JobsModule,
        ReportsModule,
        SessionsModule,
        SatisfactionModule,
        PrivacyModule,
        OpenDataModule,
        DemoDataModule,
        AdminModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EMBEDDED_DATABASE, useValue: embedded ?? null },
        AppLogger,
        Clock,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [APP_CONFIG, EMBEDDED_DATABASE, Clock],
    };
  }
}

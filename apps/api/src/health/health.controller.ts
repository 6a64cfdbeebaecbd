import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HealthRepository } from './health.repository';

export interface HealthStatus {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  embedded: boolean;
  version: string;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: HealthRepository,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The API and its database answer.' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthStatus> {
    const database = await this.pingDatabase();
    if (database === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Cache-Control', 'no-store');
    return {
      status: database === 'up' ? 'ok' : 'error',
      database,
      embedded: this.config.database.embedded,
      version: this.config.version,
    };
  }

  /** Liveness: the process answers (restart it when this fails); never looks at the database. */
  @Get('live')
  @ApiOkResponse({ description: 'The process answers.' })
  live(@Res({ passthrough: true }) response: Response): { status: 'ok' } {
    response.setHeader('Cache-Control', 'no-store');
    return { status: 'ok' };
  }

  /** Readiness: send traffic here only while the database answers. */
  @Get('ready')
  @ApiOkResponse({ description: 'The API can serve: its database answers.' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthStatus> {
    return this.check(response);
  }

  private async pingDatabase(): Promise<'up' | 'down'> {
    try {
      await Promise.race([
        this.repository.ping(this.dataSource.manager),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}

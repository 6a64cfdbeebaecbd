import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ErrorCode } from '@equipole/shared';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrape endpoint: from this machine (the socket's own address, never a forwarded one),
 * or with `Authorization: Bearer <METRICS_TOKEN>`; anyone else gets 404, as if it did not exist.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.allowed(request)) throw new DomainError(ErrorCode.NotFound);
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await this.metrics.registry.metrics());
  }

  private allowed(request: Request): boolean {
    const token = this.config.metricsToken;
    const header = request.headers.authorization ?? '';
    if (token && header.startsWith('Bearer ')) {
      const given = Buffer.from(header.slice('Bearer '.length));
      const expected = Buffer.from(token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    return LOOPBACK.has(request.socket.remoteAddress ?? '');
  }
}

import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/** The routes whose answers are counted as booking outcomes. */
const BOOKING_ROUTES = new Set(['/api/bookings', '/api/bookings/series']);

@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsRepository],
  exports: [MetricsService],
})
export class MetricsModule implements NestModule {
  constructor(private readonly metrics: MetricsService) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((request: Request, response: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      response.on('finish', () => {
        // The route pattern (`/api/bookings/:id`), never the raw URL: bounded label values, no ids or tokens.
        const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
        if (request.method === 'POST' && BOOKING_ROUTES.has(route)) {
          this.metrics.recordBooking(route, response.statusCode, response.locals.errorCode as string | undefined);
        }
      });
      next();
    }).forRoutes('*path');
  }
}

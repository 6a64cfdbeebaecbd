import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { MetricsController } from './metrics.controller';
import type { MetricsService } from './metrics.service';

const TOKEN = 'scrape-token-0123456789';

async function scrape(remoteAddress: string, authorization?: string, token: string | undefined = TOKEN): Promise<'served' | 'refused'> {
  const metrics = { registry: { contentType: 'text/plain', metrics: async () => 'equipole_up 1' } } as unknown as MetricsService;
  const controller = new MetricsController(metrics, { metricsToken: token } as AppConfig);
  const request = { socket: { remoteAddress }, headers: authorization ? { authorization } : {} } as unknown as Request;
  const response = { setHeader: () => undefined, send: () => undefined } as unknown as Response;
  try {
    await controller.scrape(request, response);
    return 'served';
  } catch {
    return 'refused';
  }
}

describe('who may read /api/metrics', () => {
  it('serves this machine without a token', async () => {
    expect(await scrape('127.0.0.1')).toBe('served');
    expect(await scrape('::1', undefined, undefined)).toBe('served');
  });

  it('serves another machine only with the configured token', async () => {
    expect(await scrape('10.1.2.3')).toBe('refused');
    expect(await scrape('10.1.2.3', 'Bearer wrong-token-0123456789')).toBe('refused');
    expect(await scrape('10.1.2.3', `Bearer ${TOKEN}`)).toBe('served');
    expect(await scrape('10.1.2.3', 'Bearer ', undefined)).toBe('refused');
  });
});

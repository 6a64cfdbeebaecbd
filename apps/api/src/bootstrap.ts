import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { AppLogger } from './common/app-logger';
import { jsonBodyParserOptions } from './common/body-limits';
import { Clock, CLOCK_HEADER } from './common/clock';
import { assignCspNonce, cspDirectives, withNonce } from './common/content-security';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import type { EmbeddedPostgres } from './database/embedded-postgres';

/**
 * Builds the whole HTTP application; `main.ts` and the integration tests share it. `embedded` is
 * the PGlite this process runs (backups dump it).
 */
export async function createApp(config: AppConfig, embedded?: EmbeddedPostgres): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, embedded), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(assignCspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: cspDirectives(config.publicUrl) },
      strictTransportSecurity: config.publicUrl.startsWith('https:'),
    }),
  );
  app.use(assignRequestId);
  const clock = app.get(Clock);
  app.use((_request: Request, response: Response, next: NextFunction) => {
    if (!clock.isReal) response.setHeader(CLOCK_HEADER, clock.now().toISOString());
    next();
  });
  app.use(cookieParser());
  // Before Nest adds its default JSON parser at init (it then keeps this one): size and depth limits.
  app.useBodyParser('json', jsonBodyParserOptions());
  if (config.webDistDir) serveWebApp(app, config.webDistDir);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const openApi = new DocumentBuilder()
    .setTitle('Equipôle API')
    .setDescription('Pooling training equipment across a territory: equipment, rules, bookings and indicators.')
    .setVersion(config.version)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });

  await app.init();
  return app;
}

/**
 * The built web app on the same port: hashed assets cached for a year, and every other GET outside
 * /api answered with index.html so that the client-side router handles deep links. index.html is
 * read on each request (a rebuilt app is served at once) and carries the response's CSP nonce.
 */
function serveWebApp(app: NestExpressApplication, webDistDir: string): void {
  const indexHtml = join(webDistDir, 'index.html');
  const sendIndex = (response: Response, next: NextFunction) =>
    readFile(indexHtml, 'utf8').then((html) => {
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(withNonce(html, response));
    }, next);
  const isPage = (request: Request) => {
    const isApi = request.path === '/api' || request.path.startsWith('/api/');
    const isFile = /\.[a-z0-9]+$/i.test(request.path);
    return (request.method === 'GET' || request.method === 'HEAD') && ((!isApi && !isFile) || request.path === '/index.html');
  };
  // Before the static files, which would send /index.html as it is on disk, without a nonce.
  app.use((request: Request, response: Response, next: NextFunction) => (request.path === '/index.html' && isPage(request) ? sendIndex(response, next) : next()));
  app.useStaticAssets(webDistDir, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((request: Request, response: Response, next: NextFunction) => (isPage(request) ? sendIndex(response, next) : next()));
}

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** First of all middleware, so that even a body the parser rejects gets an id in its error answer. */
function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  (request as Request & { id: string }).id = id;
  response.setHeader('X-Request-Id', id);
  next();
}

import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';

function run(exception: unknown, acceptLanguage = 'en') {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    headersSent: false,
    locals: {} as Record<string, unknown>,
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const request = { id: 'req-1', headers: { 'accept-language': acceptLanguage } };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('hides everything internal behind a 500', () => {
    const { status, body } = run(new Error('connection string postgres://secret@db failed at /srv/app.js:12'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.stringContaining('unexpected'), requestId: 'req-1' });
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it.each([
    ['23P01', 409, 'CONFLICT'],
    ['23505', 409, 'ALREADY_EXISTS'],
    ['23503', 422, 'REFERENCE_INVALID'],
  ])('maps SQLSTATE %s to %i %s', (sqlState, status, code) => {
    const error = new QueryFailedError('INSERT …', [], Object.assign(new Error('db'), { code: sqlState, constraint: 'some_constraint' }));
    expect(run(error)).toMatchObject({ status, body: { code, details: { constraint: 'some_constraint' } } });
  });

  it('keeps an unexpected database error a 500', () => {
    const error = new QueryFailedError('SELECT …', [], Object.assign(new Error('db'), { code: '42P01' }));
    expect(run(error).status).toBe(500);
  });

  it('translates HTTP exceptions by code', () => {
    expect(run(new BadRequestException(), 'fr').body).toMatchObject({ code: 'MALFORMED_REQUEST', message: 'La requête est mal formée.' });
  });

  it.each([
    ['the pool’s bounded wait', new Error('timeout exceeded when trying to connect')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['a server shutting down', new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))],
    ['a server starting up', new QueryFailedError('SELECT 1', [], Object.assign(new Error('the database system is starting up'), { code: '57P03' }))],
    ['a full server', new QueryFailedError('SELECT 1', [], Object.assign(new Error('too many clients already'), { code: '53300' }))],
  ])('answers %s with a 503 to retry, translated, with Retry-After', (_what, error) => {
    const sent = run(error, 'fr');
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Le service est momentanément indisponible.', requestId: 'req-1' });
  });
});

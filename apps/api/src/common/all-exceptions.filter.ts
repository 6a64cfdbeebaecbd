import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApiErrorBody, ErrorCode, errorMessage, FieldError, fieldErrorMessage, Locale } from '@equipole/shared';
import { DomainError, ERROR_STATUS } from './domain-error';
import { requestLocale } from './request-locale';
import type { RawFieldError } from './validation';

/** SQLSTATEs that user input can cause; anything else from the database is a bug (500). */
const SQLSTATE_CODES: Record<string, ErrorCode> = {
  '23P01': ErrorCode.Conflict,
  '23505': ErrorCode.AlreadyExists,
  '23503': ErrorCode.ReferenceInvalid,
  '23514': ErrorCode.RuleViolated,
  '22P02': ErrorCode.ValidationFailed,
  '22007': ErrorCode.ValidationFailed,
  '22008': ErrorCode.ValidationFailed,
  '22003': ErrorCode.ValidationFailed,
  // A NUL character in any text: PostgreSQL cannot store it.
  '22021': ErrorCode.ValidationFailed,
};

/**
 * The database cannot be reached or cannot take the request now: connection refused or cut, the
 * pool's bounded wait for a connection ran out, the server shutting down or full. A 503 the client
 * may retry, not a bug.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i;

/** Seconds a client is asked to wait before trying again after a 503. */
const RETRY_AFTER_SECONDS = 5;

function isDatabaseUnavailable(exception: unknown): boolean {
  const candidates = [exception, (exception as { driverError?: unknown } | null)?.driverError];
  // Duck-typed: errors from Node's sockets may come from another realm than this module's Error.
  return candidates.some((error) => {
    if (typeof error !== 'object' || error === null) return false;
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_NETWORK_CODES.has(code))) return true;
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
  });
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.MalformedRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * The one place where errors become HTTP answers: a stable body
 * `{ statusCode, code, message, details?, requestId }`, translated, with nothing internal on a 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const locale = requestLocale(request);
    if (isDatabaseUnavailable(exception)) {
      const body: ApiErrorBody = {
        statusCode: ERROR_STATUS[ErrorCode.ServiceUnavailable],
        code: ErrorCode.ServiceUnavailable,
        message: errorMessage(ErrorCode.ServiceUnavailable, locale),
        requestId: String(request.id ?? ''),
      };
      this.logger.warn({ requestId: body.requestId, reason: String((exception as { message?: unknown }).message) }, 'Database unavailable');
      if (!response.headersSent) response.status(body.statusCode).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json(body);
      return;
    }
    const body = this.toBody(exception, locale, request);
    // For the metrics' booking outcomes (metrics.module.ts).
    response.locals.errorCode = body.code;
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined && !response.headersSent) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, locale: Locale, request: Request): ApiErrorBody {
    const requestId = String(request.id ?? '');
    const build = (code: ErrorCode, details?: ApiErrorBody['details'], params?: Record<string, string | number>): ApiErrorBody => ({
      statusCode: ERROR_STATUS[code],
      code,
      message: errorMessage(code, locale, params),
      ...(details === undefined ? {} : { details }),
      requestId,
    });

    if (exception instanceof DomainError) {
      if (exception.code === ErrorCode.ValidationFailed && Array.isArray(exception.details)) {
        return build(ErrorCode.ValidationFailed, translateFieldErrors(exception.details as RawFieldError[], locale));
      }
      const params = typeof exception.params === 'function' ? exception.params(locale) : exception.params;
      return build(exception.code, exception.details as ApiErrorBody['details'], params);
    }
    if (exception instanceof QueryFailedError) {
      const sqlState = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const code = SQLSTATE_CODES[sqlState];
      if (code) {
        const constraint = (exception.driverError as { constraint?: string }).constraint;
        return build(code, constraint ? { constraint } : undefined);
      }
      return build(ErrorCode.Internal);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND && isRouteMiss(exception)) return build(ErrorCode.RouteNotFound);
      const code = HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.MalformedRequest);
      return { ...build(code), statusCode: status };
    }
    // The body parsers' errors (http-errors): a 4xx they mean to show, whatever their type (JSON that
    // does not parse, a form nested too deeply, an unsupported charset, too many parameters…).
    const { status, expose } = (exception ?? {}) as { status?: number; expose?: boolean };
    if (status === 413) return build(ErrorCode.PayloadTooLarge);
    if (expose && status && status >= 400 && status < 500) return { ...build(HTTP_CODES[status] ?? ErrorCode.MalformedRequest), statusCode: status };
    return build(ErrorCode.Internal);
  }
}

function isRouteMiss(exception: HttpException): boolean {
  const response = exception.getResponse();
  return typeof response === 'object' && response !== null && /^Cannot \w+ /.test(String((response as { message?: unknown }).message));
}

function translateFieldErrors(errors: RawFieldError[], locale: Locale): FieldError[] {
  return errors.map((error) => ({
    field: error.field,
    constraint: error.constraint,
    message: fieldErrorMessage(error.constraint, locale, error.args),
  }));
}

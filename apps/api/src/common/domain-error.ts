import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@equipole/shared';

/** The HTTP status of each error code; the exception filter is the only place that maps them. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MalformedRequest]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.RouteNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyExists]: HttpStatus.CONFLICT,
  [ErrorCode.ReferenceInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.RuleViolated]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * An expected failure of a use case. `message` may be given already translated (when it carries
 * values, e.g. the times of a conflicting slot); otherwise the code's catalogue message is used.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown> | unknown[],
    readonly translatedMessage?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

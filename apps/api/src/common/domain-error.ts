import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type Locale } from '@equipole/shared';

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
  [ErrorCode.ReportsBusy]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.CsrfRejected]: HttpStatus.FORBIDDEN,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.LoginThrottled]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.LoginSlowedDown]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.ResetThrottled]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.TokenInvalid]: HttpStatus.BAD_REQUEST,
  [ErrorCode.CoordinatorOnly]: HttpStatus.FORBIDDEN,
  [ErrorCode.LastManager]: HttpStatus.CONFLICT,
  [ErrorCode.AlreadyMember]: HttpStatus.CONFLICT,
  [ErrorCode.ResourceUnavailable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BookingNotAllowed]: HttpStatus.FORBIDDEN,
  [ErrorCode.OutsideOpeningHours]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.ResourceClosed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LeadTimeNotMet]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.StartInPast]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BeyondHorizon]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DurationTooShort]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DurationTooLong]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.OffSlotGrid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CapacityExceeded]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CredentialRequired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.QuotaExceeded]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SlotTaken]: HttpStatus.CONFLICT,
  [ErrorCode.InvalidTransition]: HttpStatus.CONFLICT,
  [ErrorCode.CancellationTooLate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.SeriesConflicts]: HttpStatus.CONFLICT,
  [ErrorCode.WaitlistFull]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.RangeNotSatisfiable]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  [ErrorCode.BodyTooDeep]: HttpStatus.BAD_REQUEST,
  [ErrorCode.BookingsAffected]: HttpStatus.CONFLICT,
  [ErrorCode.CheckInNotOpen]: HttpStatus.CONFLICT,
  [ErrorCode.CampaignWindowClosed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CampaignNotEligible]: HttpStatus.FORBIDDEN,
  [ErrorCode.CampaignState]: HttpStatus.CONFLICT,
  [ErrorCode.CampaignCapReached]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CampaignConflicts]: HttpStatus.CONFLICT,
  [ErrorCode.SessionGroupTooLarge]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.RegistrationClosed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.AudienceMismatch]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.AlreadyRated]: HttpStatus.CONFLICT,
  [ErrorCode.NotRateable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.LastCoordinator]: HttpStatus.CONFLICT,
  [ErrorCode.ErasureLastManager]: HttpStatus.CONFLICT,
};

/**
 * An expected failure of a use case. The filter translates `code` into the caller's language,
 * filling `{name}` placeholders from `params`; `details` travel to the client as they are.
 */
export type ErrorParams = Record<string, string | number> | ((locale: Locale) => Record<string, string | number>);

export class DomainError extends Error {
  readonly details?: Record<string, unknown> | unknown[];
  /** Values for the message; a function when they depend on the language (dates, weekdays, names). */
  readonly params: ErrorParams;
  /** Sent as the Retry-After header (seconds) when the client may simply try again later. */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    options: { details?: Record<string, unknown> | unknown[]; params?: ErrorParams; retryAfterSeconds?: number } = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.details = options.details;
    this.params = options.params ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

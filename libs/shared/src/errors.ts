import type { Locale } from './i18n';
import { formatMessage, SERVER_MESSAGES } from './i18n/server/translate';

/**
 * Stable error codes of the API. The HTTP body always is
 * `{ statusCode, code, message, details?, requestId }`; `message` is already translated
 * into the caller's language, and the web app may re-translate `code` itself.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedRequest = 'MALFORMED_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  Conflict = 'CONFLICT',
  AlreadyExists = 'ALREADY_EXISTS',
  ReferenceInvalid = 'REFERENCE_INVALID',
  RuleViolated = 'RULE_VIOLATED',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ReportsBusy = 'REPORTS_BUSY',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
  CsrfRejected = 'CSRF_REJECTED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LoginThrottled = 'LOGIN_THROTTLED',
  LoginSlowedDown = 'LOGIN_SLOWED_DOWN',
  ResetThrottled = 'RESET_THROTTLED',
  TokenInvalid = 'TOKEN_INVALID',
  CoordinatorOnly = 'COORDINATOR_ONLY',
  LastManager = 'LAST_MANAGER',
  AlreadyMember = 'ALREADY_MEMBER',
  ResourceUnavailable = 'RESOURCE_UNAVAILABLE',
  BookingNotAllowed = 'BOOKING_NOT_ALLOWED',
  OutsideOpeningHours = 'OUTSIDE_OPENING_HOURS',
  ResourceClosed = 'RESOURCE_CLOSED',
  LeadTimeNotMet = 'LEAD_TIME_NOT_MET',
  StartInPast = 'START_IN_PAST',
  BeyondHorizon = 'BEYOND_HORIZON',
  DurationTooShort = 'DURATION_TOO_SHORT',
  DurationTooLong = 'DURATION_TOO_LONG',
  OffSlotGrid = 'OFF_SLOT_GRID',
  CapacityExceeded = 'CAPACITY_EXCEEDED',
  CredentialRequired = 'CREDENTIAL_REQUIRED',
  QuotaExceeded = 'QUOTA_EXCEEDED',
  SlotTaken = 'SLOT_TAKEN',
  InvalidTransition = 'INVALID_TRANSITION',
  CancellationTooLate = 'CANCELLATION_TOO_LATE',
  SeriesConflicts = 'SERIES_CONFLICTS',
  WaitlistFull = 'WAITLIST_FULL',
  RangeNotSatisfiable = 'RANGE_NOT_SATISFIABLE',
  BodyTooDeep = 'BODY_TOO_DEEP',
  BookingsAffected = 'BOOKINGS_AFFECTED',
  CheckInNotOpen = 'CHECK_IN_NOT_OPEN',
  CampaignWindowClosed = 'CAMPAIGN_WINDOW_CLOSED',
  CampaignNotEligible = 'CAMPAIGN_NOT_ELIGIBLE',
  CampaignState = 'CAMPAIGN_STATE',
  CampaignCapReached = 'CAMPAIGN_CAP_REACHED',
  CampaignConflicts = 'CAMPAIGN_CONFLICTS',
  SessionGroupTooLarge = 'SESSION_GROUP_TOO_LARGE',
  RegistrationClosed = 'REGISTRATION_CLOSED',
  AudienceMismatch = 'AUDIENCE_MISMATCH',
  AlreadyRated = 'ALREADY_RATED',
  NotRateable = 'NOT_RATEABLE',
  LastCoordinator = 'LAST_COORDINATOR',
  ErasureLastManager = 'ERASURE_LAST_MANAGER',
}

type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

/** The error messages, from the server catalogue (`i18n/server/<locale>.json`, section `error`). */
export const ERROR_MESSAGES: Catalogue<ErrorCode> = {
  fr: SERVER_MESSAGES.fr.error,
  nl: SERVER_MESSAGES.nl.error,
  en: SERVER_MESSAGES.en.error,
};

/** One invalid field of a request, as found in `details` of a VALIDATION_FAILED error. */
export interface FieldError {
  /** Dotted path of the field, e.g. `address.postcode` or `openingHours.2.start`. */
  field: string;
  /** Name of the failed rule (class-validator constraint name, e.g. `isEmail`, `whitelistValidation`). */
  constraint: string;
  /** Translated, human-readable message. */
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  requestId: string;
}

/** The messages of failed validation rules, from the server catalogue (section `field`; `{0}` is the rule's first argument). */
export const FIELD_MESSAGES: Catalogue<string> = {
  fr: SERVER_MESSAGES.fr.field,
  nl: SERVER_MESSAGES.nl.field,
  en: SERVER_MESSAGES.en.field,
};

/** Translated message of an error code; `{name}` placeholders are filled from `params`. */
export function errorMessage(code: ErrorCode | string, locale: Locale, params: Record<string, string | number> = {}): string {
  const messages = ERROR_MESSAGES[locale] as Record<string, string>;
  return formatMessage(locale, messages[code] ?? messages[ErrorCode.Internal], params);
}

/** Translated message for one failed validation rule; `{0}` is replaced by the rule's first argument. */
export function fieldErrorMessage(constraint: string, locale: Locale, args: readonly unknown[] = []): string {
  const template = FIELD_MESSAGES[locale][constraint] ?? FIELD_MESSAGES[locale].default;
  // "one | other": the first form for a count of 1 ("au moins 1 caractère"), the second otherwise; a missing argument reads as ''.
  const params = Object.fromEntries([...template.matchAll(/\{(\d+)\}/g)].map(([, index]) => [index, String(args[Number(index)] ?? '')]));
  return formatMessage(locale, template, params);
}

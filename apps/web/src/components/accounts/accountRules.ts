import type { MembershipSummary } from '@equipole/shared';

/**
 * Mirrors PASSWORD_MIN in apps/api/src/auth/dto/auth.dto.ts: shown as a hint only,
 * the API's validation message stays the authority.
 */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * Where to go after signing in: the `redirect` query when it is a path of this app
 * ("/bookings"), never another site ("//evil.test", "https://…", "/\\evil.test").
 */
export function safeRedirect(value: unknown): string | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return undefined;
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return undefined;
  return candidate;
}

/** The organisation an accepted invitation was for, among the user's memberships (the preview gives its name only). */
export function invitedMembership(memberships: readonly MembershipSummary[], organisationName: string | null): MembershipSummary | undefined {
  if (!organisationName) return undefined;
  return memberships.find((membership) => membership.organisationName === organisationName);
}

export interface BrowserSummary {
  browser: string | null;
  system: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox" / "Windows" from a user agent string; nulls when it is unknown or empty (API clients, scripts). */
export function summariseUserAgent(userAgent: string | null | undefined): BrowserSummary {
  if (!userAgent) return { browser: null, system: null };
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser, system };
}

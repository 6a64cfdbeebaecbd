import { describe, expect, it } from 'vitest';
import { invitedMembership, safeRedirect, summariseUserAgent } from './accountRules';

describe('safeRedirect', () => {
  it('keeps a path of the app, with its query', () => {
    expect(safeRedirect('/bookings?status=pending')).toBe('/bookings?status=pending');
    expect(safeRedirect(['/profile'])).toBe('/profile');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of ['https://evil.test', '//evil.test', '/\\evil.test', 'bookings', '', undefined, null, 42]) {
      expect(safeRedirect(value), String(value)).toBeUndefined();
    }
  });
});

describe('invitedMembership', () => {
  const memberships = [
    { organisationId: 'a', organisationName: 'Athénée des Collines', role: 'member' as const },
    { organisationId: 'b', organisationName: 'Centre de formation Escaut Industrie', role: 'manager' as const },
  ];

  it('finds the organisation of the invitation by its name', () => {
    expect(invitedMembership(memberships, 'Centre de formation Escaut Industrie')?.organisationId).toBe('b');
  });

  it('finds nothing for an unknown or missing organisation', () => {
    expect(invitedMembership(memberships, 'Ailleurs')).toBeUndefined();
    expect(invitedMembership(memberships, null)).toBeUndefined();
  });
});

describe('summariseUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', 'Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0', 'Firefox', 'macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari', 'iOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome', 'Android'],
  ])('recognises %s', (userAgent, browser, system) => {
    expect(summariseUserAgent(userAgent)).toEqual({ browser, system });
  });

  it('says nothing for a missing or unknown user agent', () => {
    expect(summariseUserAgent(null)).toEqual({ browser: null, system: null });
    expect(summariseUserAgent('curl/8.5.0')).toEqual({ browser: null, system: null });
  });
});

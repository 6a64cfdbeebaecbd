import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './i18n';
import { ErrorCode, errorMessage, fieldErrorMessage } from './errors';

describe('negotiateLocale', () => {
  it('falls back to French without a header', () => {
    expect(negotiateLocale(undefined)).toBe('fr');
  });
  it('takes the best-ranked supported language', () => {
    expect(negotiateLocale('de-DE,nl-BE;q=0.9,en;q=0.8')).toBe('nl');
    expect(negotiateLocale('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
  });
  it('ignores languages with q=0 and unsupported ones', () => {
    expect(negotiateLocale('nl;q=0,de')).toBe('fr');
  });
});

describe('error messages', () => {
  it('translates every code in every language', () => {
    for (const code of Object.values(ErrorCode)) {
      for (const locale of ['fr', 'nl', 'en'] as const) {
        expect(errorMessage(code, locale)).toMatch(/\S/);
      }
    }
  });
  it('fills rule arguments into field messages', () => {
    expect(fieldErrorMessage('maxLength', 'nl', [200])).toBe('Mag hoogstens 200 tekens bevatten.');
    expect(fieldErrorMessage('unknownRule', 'en')).toBe('Invalid value.');
  });
});

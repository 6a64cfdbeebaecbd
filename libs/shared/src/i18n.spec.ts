import { describe, expect, it } from 'vitest';
import { LOCALES, negotiateLocale } from './i18n';
import { ERROR_MESSAGES, ErrorCode, FIELD_MESSAGES, fieldErrorMessage } from './errors';

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
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('translates every code in every language, with the same placeholders', () => {
    for (const code of Object.values(ErrorCode)) {
      // Read the catalogue itself: errorMessage() falls back to INTERNAL_ERROR, which would hide a missing key.
      const french = ERROR_MESSAGES.fr[code];
      for (const locale of LOCALES) {
        expect({ code, locale, message: ERROR_MESSAGES[locale][code] }).toEqual({ code, locale, message: expect.stringMatching(/\S/) });
        expect({ code, locale, placeholders: placeholders(ERROR_MESSAGES[locale][code]) }).toEqual({ code, locale, placeholders: placeholders(french) });
      }
    }
    for (const locale of LOCALES) expect(Object.keys(ERROR_MESSAGES[locale]).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('has every field message in every language, with the same placeholders', () => {
    const constraints = Object.keys(FIELD_MESSAGES.fr).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(FIELD_MESSAGES[locale]).sort()).toEqual(constraints);
      for (const constraint of constraints) {
        expect({ constraint, locale, placeholders: placeholders(FIELD_MESSAGES[locale][constraint]) })
          .toEqual({ constraint, locale, placeholders: placeholders(FIELD_MESSAGES.fr[constraint]) });
      }
    }
  });
  it('fills rule arguments into field messages', () => {
    expect(fieldErrorMessage('maxLength', 'nl', [200])).toBe('Mag hoogstens 200 tekens bevatten.');
    expect(fieldErrorMessage('unknownRule', 'en')).toBe('Invalid value.');
  });
});

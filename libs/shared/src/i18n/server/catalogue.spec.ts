import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n';
import { flattenCatalogue, isPluralMessage, isPseudoPlural, placeholdersOf, type MessageCatalogue } from '../catalogue-checks';
import { SERVER_MESSAGES, translate, type ServerMessageKey } from './translate';

const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, flattenCatalogue(SERVER_MESSAGES[locale] as MessageCatalogue)]));
const allKeys = [...new Set(LOCALES.flatMap((locale) => [...catalogues[locale].keys()]))].sort();

/**
 * Counts still written "(s)" because integration tests assert these very texts (auth, bookings,
 * campaigns e2e specs); give them plural forms together with those assertions.
 */
const PSEUDO_PLURALS_ASSERTED_BY_TESTS = ['error.LOGIN_THROTTLED', 'error.RESET_THROTTLED', 'error.SERIES_CONFLICTS', 'email.campaign_result.request'];

describe('server translation catalogues', () => {
  it('have one catalogue per supported locale', () => {
    expect(Object.keys(SERVER_MESSAGES).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s has every key that another language has', (locale) => {
    const missing = allKeys.filter((key) => !catalogues[locale].has(key));
    expect(missing, `keys missing in i18n/server/${locale}.json`).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty or non-text message', (locale) => {
    const empty = [...catalogues[locale]].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
    expect(empty, `empty messages in i18n/server/${locale}.json`).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same placeholders as French', (locale) => {
    const different = allKeys.filter((key) => JSON.stringify(placeholdersOf(catalogues[locale].get(key))) !== JSON.stringify(placeholdersOf(catalogues.fr.get(key))));
    expect(different, `placeholders differing from fr.json in i18n/server/${locale}.json`).toEqual([]);
  });

  it.each(LOCALES)('%s renders every placeholder it is given', (locale) => {
    const broken = allKeys.filter((key) => {
      const params = Object.fromEntries(placeholdersOf(catalogues[locale].get(key)).map((name) => [name, 'X']));
      return /[{}]/.test(translate(locale, key as ServerMessageKey, params, 2));
    });
    expect(broken).toEqual([]);
  });
});

describe('server plurals', () => {
  it.each(LOCALES)('%s writes counts with plural forms, never "(s)", "(en)" or "datum/data"', (locale) => {
    const pseudo = [...catalogues[locale]].filter(([key, text]) => isPseudoPlural(text) && !PSEUDO_PLURALS_ASSERTED_BY_TESTS.includes(key)).map(([key]) => key);
    expect(pseudo, `pseudo-plurals in i18n/server/${locale}.json`).toEqual([]);
  });

  it('has plural forms in every language where French has them', () => {
    const french = allKeys.filter((key) => isPluralMessage(catalogues.fr.get(key)));
    expect(french.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const missing = french.filter((key) => !isPluralMessage(catalogues[locale].get(key)));
      expect(missing, `plural forms missing in ${locale}`).toEqual([]);
    }
  });

  it.each(LOCALES)('%s renders one and many differently, with the count', (locale) => {
    const wrong = allKeys
      .filter((key) => isPluralMessage(catalogues[locale].get(key)))
      .filter((key) => {
        const params = (n: number) => Object.fromEntries(placeholdersOf(catalogues[locale].get(key)).map((name) => [name, n]));
        const one = translate(locale, key as ServerMessageKey, params(1), 1);
        const many = translate(locale, key as ServerMessageKey, params(7), 7);
        return one === many || /[{}|]/.test(one + many) || (placeholdersOf(catalogues[locale].get(key)).length > 0 && !many.includes('7'));
      });
    expect(wrong).toEqual([]);
  });

  it('picks the form by the count, else the count param, else the first placeholder', () => {
    expect(translate('fr', 'email.pending_digest.subject', { count: 1, owner: 'Campus' })).toBe('1 demande en attente pour Campus');
    expect(translate('nl', 'email.booking_series.skipped', {}, 3)).toBe('Overgeslagen data');
    expect(translate('en', 'error.CAMPAIGN_CAP_REACHED', { limit: 1, scope: 'per class' })).toBe('Campaign cap reached: 1 session per class.');
    expect(translate('en', 'error.CAMPAIGN_CAP_REACHED', { limit: 0, scope: 'per class' })).toBe('Campaign cap reached: 0 sessions per class.');
  });

  it('elides « de » before a name that starts with a vowel, in French only', () => {
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Votre réservation d’Atelier bois chez Campus est confirmée.');
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Tour CNC', owner: 'Campus' })).toBe('Votre réservation de Tour CNC chez Campus est confirmée.');
    expect(translate('en', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Your booking of Atelier bois at Campus is confirmed.');
  });
});

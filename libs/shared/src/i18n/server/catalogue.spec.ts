import { describe, expect, it } from 'vitest';
import { describeCatalogues, type MessageCatalogue } from '../catalogue.suite';
import { SERVER_MESSAGES, translate, type ServerMessageKey } from './translate';

describeCatalogues({
  where: 'libs/shared/src/i18n/server',
  messages: SERVER_MESSAGES as Record<keyof typeof SERVER_MESSAGES, MessageCatalogue>,
  renderer: (locale) => (key, params, count) => translate(locale, key as ServerMessageKey, params, count),
});

describe('translate', () => {
  it('picks the plural form by the count, else the count param, else the first placeholder', () => {
    expect(translate('fr', 'email.pending_digest.subject', { count: 1, owner: 'Campus' })).toBe('1 demande en attente pour Campus');
    expect(translate('nl', 'email.booking_series.skipped', {}, 3)).toBe('Overgeslagen data');
    expect(translate('en', 'error.CAMPAIGN_CAP_REACHED', { limit: 1, scope: 'per class' })).toBe('Campaign cap reached: 1 session per class.');
    expect(translate('en', 'error.CAMPAIGN_CAP_REACHED', { limit: 0, scope: 'per class' })).toBe('Campaign cap reached: 0 sessions per class.');
  });

  it('writes counts as the language does, without "(s)" or "datum/data"', () => {
    expect(translate('fr', 'error.SERIES_CONFLICTS', { count: 1 })).toBe('La série n’a pas été réservée : 1 date pose problème.');
    expect(translate('nl', 'error.SERIES_CONFLICTS', { count: 5 })).toBe('De reeks is niet gereserveerd: 5 data geven een probleem.');
    expect(translate('nl', 'error.SERIES_CONFLICTS', { count: 1 })).toBe('De reeks is niet gereserveerd: 1 datum geeft een probleem.');
    expect(translate('en', 'error.LOGIN_THROTTLED', { minutes: 1 })).toBe('Too many sign-in attempts. Try again in 1 minute.');
    expect(translate('nl', 'error.RESET_THROTTLED', { minutes: 15 })).toMatch(/over 15 minuten opnieuw\.$/);
    expect(translate('fr', 'error.LOGIN_SLOWED_DOWN', { seconds: 30 })).toMatch(/^Trop de tentatives de connexion échouées pour cette adresse\. Réessayez dans 30 secondes, /);
    // The campaign line's first placeholder is a name: the count is given apart.
    expect(translate('fr', 'email.campaign_result.request', { target: 'Athénée', classLabel: '5e', given: 1, asked: 4 }, 1)).toBe('Athénée, 5e : 1 séance sur 4');
    expect(translate('nl', 'email.campaign_result.request', { target: 'Atheneum', classLabel: '5', given: 2, asked: 4 }, 2)).toBe('Atheneum, 5: 2 sessies van 4');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(translate('en', 'error.SLOT_TAKEN', { start: '10:00', end: '11:00' })).toBe('This slot is already taken (10:00–11:00){buffer}.');
  });

  it('elides « de » before an equipment name that starts with a vowel, in French only', () => {
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Votre réservation d’Atelier bois chez Campus est confirmée.');
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Tour CNC', owner: 'Campus' })).toBe('Votre réservation de Tour CNC chez Campus est confirmée.');
    expect(translate('en', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Your booking of Atelier bois at Campus is confirmed.');
  });
});

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

  it('leaves a placeholder without a value as written', () => {
    expect(translate('en', 'error.SLOT_TAKEN', { start: '10:00', end: '11:00' })).toBe('This slot is already taken (10:00–11:00){buffer}.');
  });

  it('elides « de » before an equipment name that starts with a vowel, in French only', () => {
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Votre réservation d’Atelier bois chez Campus est confirmée.');
    expect(translate('fr', 'email.booking_confirmed.body', { resource: 'Tour CNC', owner: 'Campus' })).toBe('Votre réservation de Tour CNC chez Campus est confirmée.');
    expect(translate('en', 'email.booking_confirmed.body', { resource: 'Atelier bois', owner: 'Campus' })).toBe('Your booking of Atelier bois at Campus is confirmed.');
  });
});

import { LOCALES } from '@equipole/shared';
import { BOOKING_KINDS, renderEmail, type BookingEmailParams } from './email-templates';

const BOOKING: BookingEmailParams = {
  name: 'Nadia <Admin>',
  resource: 'Tour CNC',
  owner: 'Centre Escaut',
  organisation: 'Lycée du Beffroi',
  when: 'mar. 2 juin 2027 10:00–12:00',
  location: 'Halle, 7500 Tournai',
  link: 'https://equipole.example/bookings/1',
  reason: 'Panne',
  by: 'Joke',
  state: 'pending',
};

describe('email templates', () => {
  it.each(BOOKING_KINDS.flatMap((kind) => LOCALES.map((locale) => [kind, locale] as const)))('renders %s in %s with the booking’s facts, text and HTML', (kind, locale) => {
    const email = renderEmail({ kind, params: BOOKING }, locale);
    expect(email.subject).toContain('Tour CNC');
    for (const fact of ['Tour CNC', 'Centre Escaut', 'Lycée du Beffroi', 'mar. 2 juin 2027 10:00–12:00', 'https://equipole.example/bookings/1']) {
      expect(email.text).toContain(fact);
    }
    expect(email.html).toContain(`<html lang="${locale}">`);
    // Names are data: escaped in HTML.
    expect(email.html).toContain('Nadia &lt;Admin&gt;');
    expect(email.html).not.toContain('<Admin>');
  });

  it('speaks each language', () => {
    const subjects = LOCALES.map((locale) => renderEmail({ kind: 'booking_confirmed', params: BOOKING }, locale).subject);
    expect(subjects).toEqual([
      'Réservation confirmée : Tour CNC, mar. 2 juin 2027 10:00–12:00',
      'Reservatie bevestigd: Tour CNC, mar. 2 juin 2027 10:00–12:00',
      'Booking confirmed: Tour CNC, mar. 2 juin 2027 10:00–12:00',
    ]);
    expect(renderEmail({ kind: 'booking_cancelled', params: BOOKING }, 'fr').text).toContain('Motif : Panne');
    expect(renderEmail({ kind: 'booking_cancelled', params: BOOKING }, 'nl').text).toContain('Reden: Panne');
  });

  it('counts a series and lists a digest', () => {
    expect(renderEmail({ kind: 'booking_requested', params: { ...BOOKING, count: 12 } }, 'nl').subject).toBe('12 nieuwe aanvragen voor Tour CNC');
    const digest = renderEmail({ kind: 'pending_digest', params: { name: 'Sam', owner: 'Centre Escaut', count: 1, items: ['Tour CNC — Lycée — 2 June'], link: 'https://x/partner/requests' } }, 'en');
    expect(digest.subject).toBe('1 request waiting for Centre Escaut');
    expect(digest.text).toContain('• Tour CNC — Lycée — 2 June');
    expect(digest.html).toContain('<li>Tour CNC — Lycée — 2 June</li>');
  });

  it.each(LOCALES)('invites a coordinator in %s with the link and how long it lasts', (locale) => {
    const email = renderEmail({ kind: 'coordinator_invitation', params: { name: 'Ana <Admin>', link: 'https://equipole.example/invitation/abc', days: 7 } }, locale);
    expect(email.subject).toMatch(/Equipôle/);
    expect(email.text).toContain('https://equipole.example/invitation/abc');
    expect(email.text).toContain('7');
    expect(email.html).toContain('Ana &lt;Admin&gt;');
  });

  it.each(LOCALES)('ends every email with a link to the privacy notice of the same site (%s)', (locale) => {
    const kinds = [...BOOKING_KINDS.map((kind) => ({ kind, params: BOOKING })), { kind: 'account_inactive' as const, params: { name: 'Ana', months: 36, date: '2 juin 2027', link: 'https://equipole.example/login' } }];
    for (const template of kinds) {
      const email = renderEmail(template, locale);
      expect(email.text.split('\n').at(-1)).toMatch(/ https:\/\/equipole\.example\/privacy$/);
      expect(email.html).toContain('<a href="https://equipole.example/privacy"');
    }
  });
});

import { LOCALES } from '@equipole/shared';
import { BOOKING_KINDS, renderEmail, type BookingEmailParams, type EmailTemplate } from './email-templates';

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
  minutes: 15,
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

  it('tells the managers of an unusable machine how many bookings wait for them, and lists them', () => {
    const params = { name: 'Sam', resource: 'Tour CNC', reporter: 'Joke', category: 'électrique', description: 'Plus de courant', unusable: true, items: ['Lycée — 2 juin', 'Athénée — 3 juin'], link: 'https://x/partner' };
    const email = renderEmail({ kind: 'breakdown_reported', params }, 'fr');
    expect(email.subject).toBe('Hors service : Tour CNC');
    expect(email.text).toContain('Joke a signalé un problème sur Tour CNC (électrique) : « Plus de courant »');
    expect(email.text).toContain('2 réservations la retiennent encore');
    expect(email.text).toContain('• Athénée — 3 juin');
    expect(renderEmail({ kind: 'breakdown_reported', params: { ...params, unusable: false, items: [] } }, 'en').subject).toBe('Problem reported on Tour CNC');
  });

  it.each(LOCALES)('invites a coordinator in %s with the link and how long it lasts', (locale) => {
    const email = renderEmail({ kind: 'coordinator_invitation', params: { name: 'Ana <Admin>', link: 'https://equipole.example/invitation/abc', days: 7 } }, locale);
    expect(email.subject).toMatch(/Equipôle/);
    expect(email.text).toContain('https://equipole.example/invitation/abc');
    expect(email.text).toContain('7');
    expect(email.html).toContain('Ana &lt;Admin&gt;');
  });

  it.each(LOCALES)('finds every text of every email and state in the %s catalogue', (locale) => {
    const templates: EmailTemplate[] = [
      ...BOOKING_KINDS.flatMap((kind) => (['confirmed', 'pending', 'pending_manager', 'confirmed_manager'] as const).map((state) => ({ kind, params: { ...BOOKING, state, booked: ['a'], skipped: ['b'] } }))),
      { kind: 'invitation', params: { name: 'N', organisationName: 'O', inviterName: 'I', link: 'L' } },
      { kind: 'coordinator_invitation', params: { name: 'N', link: 'L', days: 7 } },
      { kind: 'added_to_organisation', params: { name: 'N', organisationName: 'O', inviterName: 'I', link: 'L' } },
      { kind: 'password_reset', params: { name: 'N', link: 'L', minutes: 60 } },
      { kind: 'pending_digest', params: { name: 'N', owner: 'O', count: 2, items: ['x'], link: 'L' } },
      { kind: 'campaign_result', params: { name: 'N', campaign: 'C', owner: 'O', link: 'L', requests: [{ target: 'T', classLabel: 'K', asked: 2, sessions: [], unmet: 2, reason: 'no_slot' }] } },
      ...(['registered', 'waitlisted', 'promoted', 'reminder', 'session_cancelled'] as const).map((state): EmailTemplate => ({
        kind: 'session_notice', params: { name: 'N', state, title: 'T', host: 'H', organisation: 'O', when: 'W', location: 'P', seats: 3, link: 'L' },
      })),
      { kind: 'satisfaction_request', params: { name: 'N', subject: 'S', when: 'W', link: 'L' } },
      { kind: 'account_inactive', params: { name: 'N', months: 36, date: 'D', link: 'L' } },
      ...[[], ['x'], ['x', 'y']].flatMap((items) => [true, false].map((unusable): EmailTemplate => ({
        kind: 'breakdown_reported', params: { name: 'N', resource: 'R', reporter: 'P', category: 'C', description: 'D', unusable, items, link: 'L' },
      }))),
    ];
    for (const template of templates) {
      const { subject, text } = renderEmail(template, locale);
      // A key the catalogue lacks would come out as itself ("email.…"), a missing value as "{name}".
      expect({ kind: template.kind, subject, text }).toEqual({ kind: template.kind, subject: expect.not.stringMatching(/email\.|[{}]|undefined/), text: expect.not.stringMatching(/email\.|[{}]|undefined/) });
    }
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

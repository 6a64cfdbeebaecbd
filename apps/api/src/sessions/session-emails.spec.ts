import { LOCALES } from '@equipole/shared';
import { renderEmail, type SessionEmailParams } from '../notifications/email-templates';

const PARAMS: SessionEmailParams = {
  name: 'Mme Lemaire', state: 'registered', title: 'Découverte du soudage', host: 'Centre Escaut', organisation: 'Lycée du Beffroi',
  when: 'mar. 15 déc. 2026 09:00–12:00', location: 'Halle, Tournai', seats: 10, link: 'https://equipole.example/sessions/abc',
};

describe('session and satisfaction emails', () => {
  it.each(LOCALES.flatMap((locale) => (['registered', 'waitlisted', 'promoted', 'reminder', 'session_cancelled'] as const).map((state) => [locale, state] as const)))(
    'renders a %s %s notice with the session’s title, group and link',
    (locale, state) => {
      const email = renderEmail({ kind: 'session_notice', params: { ...PARAMS, state } }, locale);
      expect(email.subject).toContain('Découverte du soudage');
      expect(email.text).toContain('Lycée du Beffroi');
      expect(email.text).toContain('https://equipole.example/sessions/abc');
      expect(email.html).not.toContain('undefined');
    },
  );

  it.each(LOCALES)('asks for a rating in %s, once, saying only averages are published', (locale) => {
    const email = renderEmail({ kind: 'satisfaction_request', params: { name: 'Sam', subject: 'Tour CNC', when: '2 June', link: 'https://x/satisfaction' } }, locale);
    expect(email.subject).toContain('Tour CNC');
    expect(email.text).toMatch(/3/);
    expect(email.text).toContain('https://x/satisfaction');
  });
});

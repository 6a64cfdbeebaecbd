import { redactRequest, redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/feeds/AbC-_123.ics', '/api/feeds/[REDACTED].ics'],
    ['/api/feeds/AbC-_123', '/api/feeds/[REDACTED]'],
    ['/API/Feeds/AbC.ICS?x=1', '/API/Feeds/[REDACTED].ICS?x=1'],
    ['/api/auth/invitations/abc', '/api/auth/invitations/[REDACTED]'],
    ['/api/auth/invitations/accept', '/api/auth/invitations/accept'],
    ['/invitation/abc', '/invitation/[REDACTED]'],
    ['/reset-password/abc/', '/reset-password/[REDACTED]/'],
    ['//invitation/abc', '//invitation/[REDACTED]'],
    ['/api/organisations/1/calendar-feed', '/api/organisations/1/calendar-feed'],
    ['/api/displays/AbC-_123', '/api/displays/[REDACTED]'],
    ['/display/AbC-_123', '/display/[REDACTED]'],
    ['/api/sites/1/display', '/api/sites/1/display'],
    ['/api/occupations?limit=5&token=abc&q=x', '/api/occupations?limit=5&token=[REDACTED]&q=x'],
    ['/x?Token=a&%74oken=b&password&key=', '/x?Token=[REDACTED]&%74oken=[REDACTED]&password&key=[REDACTED]'],
    ['/x?q=%E0%A4%A', '/x?q=%E0%A4%A'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('redactRequest', () => {
  it('redacts the URL and the Referer, drops params and query, and leaves the live request alone', () => {
    const headers = { referer: 'https://equipole.example/invitation/secret', host: 'equipole.example' };
    const serialized = { id: '1', method: 'GET', url: '/api/feeds/secret.ics', params: { file: 'secret.ics' }, query: {}, headers };
    const logged = redactRequest(serialized);
    expect(logged).toEqual({ id: '1', method: 'GET', url: '/api/feeds/[REDACTED].ics', headers: { referer: 'https://equipole.example/invitation/[REDACTED]', host: 'equipole.example' } });
    expect(headers.referer).toBe('https://equipole.example/invitation/secret');
    expect(JSON.stringify(logged)).not.toContain('secret');
  });
});

import { ERROR_MESSAGES, ErrorCode, type CurrentUser, type OrganisationSummary, type OutboxEmail, type Page as ApiPage } from '@equipole/shared';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_PASSWORD, DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { elideFrench } from '../src/i18n/elision';

const fr = MESSAGES.fr;
const nl = MESSAGES.nl;
const en = MESSAGES.en;
const NEW_PASSWORD = 'Une-phrase-de-passe-2026';
const ORGANISATION_NAME = 'Centre de formation Escaut Industrie';

let sequence = 0;
/** An address no other test of the run uses. */
function uniqueEmail(prefix: string): string {
  sequence += 1;
  return `${prefix}-${Date.now()}-${sequence}@example.test`;
}

async function apiJson<T>(request: APIRequestContext, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const response = await request[method](path, data === undefined ? undefined : { data });
  if (!response.ok()) throw new Error(`${method.toUpperCase()} ${path} answered ${response.status()}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Opens a context signed in as the coordinator, for the API calls a test needs behind the scenes. */
async function coordinatorRequest(newContext: () => Promise<BrowserContext>): Promise<APIRequestContext> {
  const page = await (await newContext()).newPage();
  await signInAs(page, DEMO_USERS.coordinator);
  return page.context().request;
}

async function organisationId(request: APIRequestContext, name: string): Promise<string> {
  const page = await apiJson<ApiPage<OrganisationSummary>>(request, 'get', `/api/organisations?search=${encodeURIComponent('Escaut')}&limit=50`);
  const organisation = page.items.find((item) => item.name === name);
  if (!organisation) throw new Error(`No organisation named ${name}`);
  return organisation.id;
}

/**
 * The link of the latest email of `kind` sent to `email`, read from the coordinator's outbox (a
 * password-reset email is written just after the request is answered: it may take a moment).
 */
async function linkFromOutbox(request: APIRequestContext, email: string, kind: string, path: 'invitation' | 'reset-password'): Promise<string> {
  let message: OutboxEmail | undefined;
  for (let attempt = 0; !message && attempt < 20; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    const outbox = await apiJson<ApiPage<OutboxEmail>>(request, 'get', '/api/outbox?limit=200');
    message = outbox.items.find((item) => item.recipient === email && item.kind === kind);
  }
  if (!message) throw new Error(`No ${kind} email to ${email} in the outbox`);
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(message.textBody);
  if (!match) throw new Error(`No /${path}/ link in: ${message.textBody}`);
  return `/${path}/${match[1]}`;
}

/** The coordinator invites a new person into Escaut Industrie; returns the invitation link. */
async function invite(coordinator: APIRequestContext, email: string, name: string): Promise<{ link: string; organisationId: string }> {
  const id = await organisationId(coordinator, ORGANISATION_NAME);
  await apiJson(coordinator, 'post', `/api/organisations/${id}/invitations`, { email, name, role: 'member' });
  return { link: await linkFromOutbox(coordinator, email, 'invitation', 'invitation'), organisationId: id };
}

/** A fresh account, signed in in `context` (accepted through the API: the cookie lands in the context). */
async function newAccount(coordinator: APIRequestContext, context: BrowserContext, name: string): Promise<{ email: string; name: string }> {
  const email = uniqueEmail('profile');
  const { link } = await invite(coordinator, email, name);
  const token = link.split('/').pop()!;
  const response = await context.request.post('/api/auth/invitations/accept', { data: { token, name, password: NEW_PASSWORD, locale: 'fr' } });
  if (response.status() !== 204) throw new Error(`Accepting answered ${response.status()}: ${await response.text()}`);
  return { email, name };
}

async function currentUser(page: Page): Promise<CurrentUser> {
  return apiJson<CurrentUser>(page.context().request, 'get', '/api/auth/me');
}

/** The innermost alert saying `text` (an error box is an alert around PrimeVue's own alert message). */
function alertWith(page: Page, text: string) {
  return page.getByRole('alert').filter({ hasText: text }).last();
}

/** Toasts fade in: axe would measure their colours half-way through the animation. */
async function toastsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.p-toast-message-enter-active, .p-toast-message-leave-active'));
}

describe('signing in and out', () => {
  test('a wrong password shows the translated error; the right one lands on the redirect target, then signs out', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 401/);
    await page.goto('/login?redirect=/bookings');
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(fr.pages.login.title);
    await expectNoAxeViolations(page, 'login page (fr)');

    const wrongCredentials = ERROR_MESSAGES.fr[ErrorCode.InvalidCredentials];
    await page.fill('#login-email', DEMO_USERS.member);
    await page.fill('#login-password', 'not-the-password');
    await page.click('button[type="submit"]');
    await alertWith(page, wrongCredentials).waitFor();
    expect(await page.inputValue('#login-password'), 'the wrong password is cleared').toBe('');
    await expectNoAxeViolations(page, 'login page with an error');

    // An unknown address gets exactly the same answer.
    await page.fill('#login-email', 'nobody-here@example.test');
    await page.fill('#login-password', 'whatever-it-is');
    await page.click('button[type="submit"]');
    await alertWith(page, wrongCredentials).waitFor();

    await page.fill('#login-email', DEMO_USERS.member);
    await page.fill('#login-password', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/bookings');

    const me = await currentUser(page);
    const account = page.locator('header [data-nav="profile"]');
    await account.waitFor();
    expect((await account.textContent())?.trim()).toBe(me.name);
    const signOut = page.locator('header [data-nav="logout"]');
    expect((await signOut.textContent())?.trim()).toBe(fr.nav.logout);

    await signOut.click();
    await page.locator('header [data-nav="login"]').waitFor();
    expect(await page.locator('header [data-nav="profile"]').count()).toBe(0);
    expect((await page.context().request.get('/api/auth/session').then((r) => r.json())) as unknown).toEqual({ user: null });
  });

  test('after five failures the address is throttled, with the API\'s translated delay', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 401/);
    browserErrors.allow(/status of 429/);
    const email = uniqueEmail('throttled');
    await page.goto('/login');
    await waitForPage(page);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.fill('#login-email', email);
      await page.fill('#login-password', `wrong-${attempt}`);
      await page.click('button[type="submit"]');
      await alertWith(page, ERROR_MESSAGES.fr[ErrorCode.InvalidCredentials]).waitFor();
    }
    await page.fill('#login-email', email);
    await page.fill('#login-password', 'wrong-6');
    await page.click('button[type="submit"]');
    const [before] = ERROR_MESSAGES.fr[ErrorCode.LoginThrottled].split('{minutes}');
    const throttled = alertWith(page, before);
    await throttled.waitFor();
    expect(await throttled.textContent()).toMatch(/\d+ minute/);
  });

  test('never follows a redirect to another site', async ({ page }) => {
    await page.goto('/login?redirect=//evil.example.test/');
    await waitForPage(page);
    await page.fill('#login-email', DEMO_USERS.member);
    await page.fill('#login-password', DEMO_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/' && url.host !== 'evil.example.test');
  });

  test('the login page speaks English and passes axe in English', async ({ newContext }) => {
    const page = await (await newContext({ locale: 'en-GB' })).newPage();
    await page.goto('/login');
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(en.pages.login.title);
    expect(await page.locator('button[type="submit"]').textContent()).toContain(en.accounts.login.submit);
    await expectNoAxeViolations(page, 'login page (en)');
  });
});

describe('forgotten password', () => {
  test('answers with the same neutral message whether the address has an account or not', async ({ page }) => {
    await page.goto('/login');
    await waitForPage(page);
    await page.getByRole('link', { name: fr.accounts.login.forgot }).click();
    await page.waitForURL('**/forgot-password');
    expect(await page.locator('h1').textContent()).toBe(fr.pages.forgotPassword.title);
    await expectNoAxeViolations(page, 'forgot password page');

    for (const email of ['nobody-at-all@example.test', DEMO_USERS.dutchMember]) {
      await page.fill('#forgot-email', email);
      await page.click('button[type="submit"]');
      const status = page.locator('[role="status"]').filter({ hasText: fr.accounts.forgot.sent.replace('{email}', email) });
      await status.waitFor();
      await expectNoAxeViolations(page, 'forgot password, sent');
      await page.getByRole('button', { name: fr.accounts.forgot.again }).click();
    }
  });

  test('a reset link sets a new password, then the login page says so', async ({ page, newContext }) => {
    const coordinator = await coordinatorRequest(newContext);
    const other = await newContext();
    const account = await newAccount(coordinator, other, 'Margaux Delvaux');

    await page.goto('/forgot-password');
    await waitForPage(page);
    await page.fill('#forgot-email', account.email);
    await page.click('button[type="submit"]');
    await page.locator('[role="status"]').waitFor();

    await page.goto(await linkFromOutbox(coordinator, account.email, 'password_reset', 'reset-password'));
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(fr.pages.resetPassword.title);
    await expectNoAxeViolations(page, 'reset password page');

    await page.fill('#reset-password', 'Encore-une-autre-phrase');
    await page.fill('#reset-confirmation', 'Encore-une-autre-phrasf');
    await page.click('button[type="submit"]');
    await page.locator('#reset-confirmation-error').filter({ hasText: fr.accounts.password.mismatch }).waitFor();

    await page.fill('#reset-confirmation', 'Encore-une-autre-phrase');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText(fr.accounts.login.passwordReset).waitFor();
    await expectNoAxeViolations(page, 'login page after a reset');

    // The account's other sessions were signed out.
    expect(await other.request.get('/api/auth/session').then((r) => r.json())).toEqual({ user: null });
    await page.fill('#login-email', account.email);
    await page.fill('#login-password', 'Encore-une-autre-phrase');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/');
  });

  test('a reset link that is not valid says so and offers a new one', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    await page.goto('/reset-password/not-a-real-token');
    await waitForPage(page);
    expect(await page.locator('#reset-password-hint').textContent()).toContain('12');

    await page.fill('#reset-password', NEW_PASSWORD);
    await page.fill('#reset-confirmation', NEW_PASSWORD);
    await page.click('button[type="submit"]');
    await alertWith(page, fr.accounts.reset.invalid).waitFor();
    await expectNoAxeViolations(page, 'reset password, invalid link');

    await page.getByRole('link', { name: fr.accounts.reset.askAgain }).click();
    await page.waitForURL('**/forgot-password');
  });
});

describe('invitations', () => {
  test('invite → accept → signed in on the organisation; the used link is then refused', async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    const coordinatorPage = await (await newContext()).newPage();
    await signInAs(coordinatorPage, DEMO_USERS.coordinator);
    const email = uniqueEmail('invitee');
    const { link, organisationId: invitedTo } = await invite(coordinatorPage.context().request, email, 'Inès Vandamme');

    // The invited person opens the email's link in a browser where nobody is signed in.
    const page = await (await newContext()).newPage();
    await page.goto(link);
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(fr.pages.invitation.title);
    await page.getByRole('heading', { name: fr.accounts.invitation.welcome.replace('{organisation}', ORGANISATION_NAME) }).waitFor();
    expect(await page.locator('main').textContent()).toContain(email);
    expect(await page.locator('main').textContent()).toContain(fr.accounts.roles.member);
    expect(await page.inputValue('#invitation-name')).toBe('Inès Vandamme');
    expect(await page.isChecked('#invitation-locale-fr')).toBe(true);
    await expectNoAxeViolations(page, 'invitation page');

    await page.fill('#invitation-name', 'Inès Vandamme-Dubois');
    await page.fill('#invitation-password', NEW_PASSWORD);
    await page.fill('#invitation-confirmation', NEW_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === `/organisations/${invitedTo}`);
    await page.locator('main h1').filter({ hasText: ORGANISATION_NAME }).waitFor();
    expect((await page.locator('header [data-nav="profile"]').textContent())?.trim()).toBe('Inès Vandamme-Dubois');

    // The profile lists the new membership with its role.
    await page.locator('header [data-nav="profile"]').click();
    await page.waitForURL('**/profile');
    const membership = page.locator('[data-test="memberships"] li').filter({ hasText: ORGANISATION_NAME });
    await membership.waitFor();
    expect(await membership.textContent()).toContain(fr.accounts.roles.member);
    expect(await membership.locator('a').getAttribute('href')).toBe(`/organisations/${invitedTo}`);

    // Used once: the same link now says it is no longer valid.
    await page.goto(link);
    await alertWith(page, fr.accounts.invitation.invalid).waitFor();
    await expectNoAxeViolations(page, 'invitation page, used link');
  });

  test('an invitation for an address that already has a password asks to sign in, then points to the organisation', async ({ newContext }) => {
    const coordinator = await coordinatorRequest(newContext);
    const email = uniqueEmail('twice');
    // Invited to two organisations before accepting either: the second link then meets an existing account.
    const first = await invite(coordinator, email, 'Noah Peeters');
    const organisations = await apiJson<ApiPage<OrganisationSummary>>(coordinator, 'get', '/api/organisations?limit=50');
    const second = organisations.items.find((item) => item.id !== first.organisationId)!;
    await apiJson(coordinator, 'post', `/api/organisations/${second.id}/invitations`, { email, name: 'Noah Peeters', role: 'member' });
    const secondLink = await linkFromOutbox(coordinator, email, 'invitation', 'invitation');
    expect(secondLink).not.toBe(first.link);
    const accepted = await (await newContext()).request.post('/api/auth/invitations/accept', {
      // French, as the page below is read: without a choice the account would take the inviter's language.
      data: { token: first.link.split('/').pop(), name: 'Noah Peeters', password: NEW_PASSWORD, locale: 'fr' },
    });
    expect(accepted.status()).toBe(204);

    const page = await (await newContext()).newPage();
    await page.goto(secondLink);
    await page.getByRole('heading', { name: fr.accounts.invitation.existingTitle }).waitFor();
    expect(await page.locator('form').count(), 'no password form for an existing account').toBe(0);
    await expectNoAxeViolations(page, 'invitation page, existing account');

    await page.locator('main').getByRole('link', { name: fr.accounts.invitation.signIn }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.inputValue('#login-email')).toBe(email);
    await page.fill('#login-password', NEW_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === secondLink);
    // « la page d’Athénée… » when the name starts with a vowel.
    const toOrganisation = page.getByRole('link', { name: elideFrench(fr.accounts.invitation.openOrganisation.replace('{organisation}', second.name)) });
    await toOrganisation.click();
    await page.waitForURL((url) => url.pathname === `/organisations/${second.id}`);
  });

  test('an unknown invitation link says so, in English too', async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    const page = await (await newContext({ locale: 'en-GB' })).newPage();
    await page.goto('/invitation/no-such-invitation');
    await alertWith(page, en.accounts.invitation.invalid).waitFor();
    expect(await page.locator('h1').textContent()).toBe(en.pages.invitation.title);
    await expectNoAxeViolations(page, 'invitation page, unknown link (en)');
  });
});

describe('profile', () => {
  test('changes the name and the language, and lists the sessions with this device', async ({ newContext }) => {
    const coordinator = await coordinatorRequest(newContext);
    const context = await newContext();
    await newAccount(coordinator, context, 'Bastien Claes');
    const page = await context.newPage();

    await page.goto('/profile');
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(fr.pages.profile.title);
    const sessions = page.locator('[data-test="sessions-table"]');
    await sessions.waitFor();
    const current = sessions.locator('tbody tr[data-current="true"]');
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain(fr.accounts.sessions.thisDevice);
    expect(await page.locator('[data-test="memberships"]').textContent()).toContain(ORGANISATION_NAME);
    await page.getByRole('heading', { name: fr.accounts.profile.notificationsTitle }).waitFor();
    await expectNoAxeViolations(page, 'profile page (fr)');

    await page.fill('#profile-name', 'Bastien Claes-Martin');
    await page.click('[data-test="profile-form"] button[type="submit"]');
    await page.locator('header [data-nav="profile"]').filter({ hasText: 'Bastien Claes-Martin' }).waitFor();
    expect((await currentUser(page)).name).toBe('Bastien Claes-Martin');

    await page.check('#profile-locale-nl');
    await page.click('[data-test="profile-form"] button[type="submit"]');
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    expect(await page.locator('h1').textContent()).toBe(nl.pages.profile.title);
    expect(await page.locator('#profile-sessions-title').textContent()).toBe(nl.accounts.sessions.title);
    expect((await currentUser(page)).locale).toBe('nl');
    await toastsSettled(page);
    await expectNoAxeViolations(page, 'profile page (nl)');

    // The choice survives a new visit.
    await page.reload();
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(nl.pages.profile.title);
  });

  test('signs out another session after confirmation, and changes the password', async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 401/);
    const coordinator = await coordinatorRequest(newContext);
    const context = await newContext();
    const account = await newAccount(coordinator, context, 'Chloé Dumont');
    // A second browser signed in to the same account.
    const elsewhere = await newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0' });
    await signInAs(await elsewhere.newPage(), account.email, NEW_PASSWORD);

    const page = await context.newPage();
    await page.goto('/profile');
    await waitForPage(page);
    const rows = page.locator('[data-test="sessions-table"] tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const other = rows.filter({ hasText: 'Firefox' });
    expect(await other.textContent()).toContain(fr.accounts.sessions.browserOn.replace('{browser}', 'Firefox').replace('{system}', 'Windows'));

    await other.getByRole('button').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'profile, confirming a sign-out');
    await dialog.getByRole('button', { name: fr.accounts.sessions.revoke }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-test="sessions-table"] tbody tr').length === 1);
    expect(await elsewhere.request.get('/api/auth/session').then((r) => r.json())).toEqual({ user: null });

    // Wrong current password: the API's message; then the right one.
    await page.fill('#password-current', 'pas-le-bon-mot-de-passe');
    await page.fill('#password-new-password', 'Nouvelle-phrase-secrete-42');
    await page.fill('#password-new-confirmation', 'Nouvelle-phrase-secrete-42');
    await page.click('#password-current >> xpath=ancestor::form//button[@type="submit"]');
    await alertWith(page, ERROR_MESSAGES.fr[ErrorCode.InvalidCredentials]).waitFor();

    await page.fill('#password-current', NEW_PASSWORD);
    await page.fill('#password-new-password', 'court');
    await page.fill('#password-new-confirmation', 'court');
    browserErrors.allow(/status of 422/);
    browserErrors.allow(/status of 400/);
    await page.click('#password-current >> xpath=ancestor::form//button[@type="submit"]');
    await page.locator('#password-new-password-error').waitFor();

    await page.fill('#password-new-password', 'Nouvelle-phrase-secrete-42');
    await page.fill('#password-new-confirmation', 'Nouvelle-phrase-secrete-42');
    await page.click('#password-current >> xpath=ancestor::form//button[@type="submit"]');
    await page.getByText(fr.accounts.password.changed).waitFor();
    expect(await page.inputValue('#password-current')).toBe('');
    const check = await newContext();
    const login = await check.request.post('/api/auth/login', { data: { email: account.email, password: 'Nouvelle-phrase-secrete-42' } });
    expect(login.status()).toBe(204);
  });
});

import { readFile } from 'node:fs/promises';
import { ERROR_MESSAGES, ErrorCode, EXPORT_CATEGORIES, type Locale, type OrganisationSummary, type OutboxEmail, type Page as ApiPage } from '@equipole/shared';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';

const PASSWORD = 'Une-phrase-de-passe-2026';
const ORGANISATION_NAME = 'Centre de formation Escaut Industrie';

async function apiJson<T>(request: APIRequestContext, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const response = await request[method](path, data === undefined ? undefined : { data });
  if (!response.ok()) throw new Error(`${method.toUpperCase()} ${path} answered ${response.status()}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A coordinator's API context and the id of the organisation the new people join. */
async function coordinator(newContext: () => Promise<BrowserContext>): Promise<{ request: APIRequestContext; organisationId: string }> {
  const page = await (await newContext()).newPage();
  await signInAs(page, DEMO_USERS.coordinator);
  const request = page.context().request;
  const found = await apiJson<ApiPage<OrganisationSummary>>(request, 'get', `/api/organisations?search=${encodeURIComponent('Escaut')}&limit=50`);
  return { request, organisationId: found.items.find((item) => item.name === ORGANISATION_NAME)!.id };
}

/** A fresh person invited into Escaut Industrie, signed in in `context` with their own language. */
async function newPerson(admin: { request: APIRequestContext; organisationId: string }, context: BrowserContext, name: string, locale: Locale): Promise<string> {
  const email = `privacy-${locale}-${Date.now()}@example.test`;
  await apiJson(admin.request, 'post', `/api/organisations/${admin.organisationId}/invitations`, { email, name, role: 'member' });
  let message: OutboxEmail | undefined;
  for (let attempt = 0; !message && attempt < 20; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    const outbox = await apiJson<ApiPage<OutboxEmail>>(admin.request, 'get', '/api/outbox?limit=200');
    message = outbox.items.find((item) => item.recipient === email && item.kind === 'invitation');
  }
  const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(message!.textBody)![1];
  // Every email links to the privacy notice.
  expect(message!.textBody).toMatch(/\/privacy\b/);
  const response = await context.request.post('/api/auth/invitations/accept', { data: { token, name, password: PASSWORD, locale } });
  if (response.status() !== 204) throw new Error(`Accepting answered ${response.status()}: ${await response.text()}`);
  return email;
}

async function download(page: Page, selector: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFile((await file.path())!, 'utf8');
}

describe.each([
  { locale: 'fr' as const, browserLocale: 'fr-BE', name: 'Élise Départ-Privée' },
  { locale: 'nl' as const, browserLocale: 'nl-BE', name: 'Wout Vertrek-Privé' },
])('personal data ($locale)', ({ locale, browserLocale, name }) => {
  const m = MESSAGES[locale];

  test('reads the notice, downloads their data, then closes the account', async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 401/);
    const admin = await coordinator(newContext);
    const context = await newContext({ locale: browserLocale });
    const email = await newPerson(admin, context, name, locale);
    const page = await context.newPage();

    // The notice, from the footer.
    await page.goto('/profile');
    await waitForPage(page);
    await page.click('[data-test="footer-privacy"]');
    await page.locator('[data-test="privacy-notice"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe(m.privacy.notice.title);
    expect(await page.locator('[data-test="privacy-controller"]').textContent()).toBe(m.privacy.notice.controllerFallback);
    expect(await page.locator('[data-test="privacy-retention"]').textContent()).toContain('24');
    await expectNoAxeViolations(page, `privacy notice (${locale})`);

    // The export: every category, in JSON, and the readable summary in their language.
    await page.goto('/profile#profile-data-title');
    await page.locator('[data-test="export-json"]').waitFor();
    await expectNoAxeViolations(page, `profile with personal data (${locale})`);
    const data = JSON.parse(await download(page, '[data-test="export-json"]')) as Record<string, unknown>;
    for (const category of EXPORT_CATEGORIES) expect(Object.keys(data)).toContain(category);
    expect(data.profile).toMatchObject({ name, email });
    expect(JSON.stringify(data)).not.toContain(DEMO_USERS.coordinator);
    const html = await download(page, '[data-test="export-html"]');
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(name);

    // Closing: a wrong password is refused with the translated message, the right one closes.
    await page.fill('#close-password', 'not my password');
    await page.click('[data-test="close-account"]');
    await page.getByRole('alert').filter({ hasText: ERROR_MESSAGES[locale][ErrorCode.InvalidCredentials] }).last().waitFor();
    await expectNoAxeViolations(page, `closing refused (${locale})`);
    await page.fill('#close-password', PASSWORD);
    await page.click('[data-test="close-account"]');
    await page.locator('[data-test="account-closed"]').waitFor();
    expect(await page.locator('[data-test="account-closed"]').textContent()).toContain(m.privacy.closed);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectNoAxeViolations(page, `signed out after closing (${locale})`);
    expect(await page.locator('[data-test="login-privacy"]').textContent()).toBe(m.privacy.notice.title);

    // The account cannot sign in any more, and its name is gone from the organisation's page.
    await page.fill('#login-email', email);
    await page.fill('#login-password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.getByRole('alert').filter({ hasText: ERROR_MESSAGES[locale][ErrorCode.InvalidCredentials] }).last().waitFor();
    const coordinatorPage = admin.request;
    const members = await coordinatorPage.get(`/api/organisations/${admin.organisationId}/members`);
    expect(await members.text()).not.toContain(name);
    const organisationPage = await (await newContext()).newPage();
    await signInAs(organisationPage, DEMO_USERS.coordinator);
    await organisationPage.goto(`/organisations/${admin.organisationId}`);
    await waitForPage(organisationPage);
    await organisationPage.waitForLoadState('networkidle');
    expect(await organisationPage.locator('main').textContent()).not.toContain(name);
  });
});

describe('erasure by a coordinator', () => {
  test('a coordinator anonymises the account of someone who wrote in, from the organisation’s members', async ({ page, newContext, browserErrors }) => {
    browserErrors.allow(/status of 401/);
    const fr = MESSAGES.fr;
    const admin = await coordinator(newContext);
    const person = await newContext({ locale: 'fr-BE' });
    const name = 'Camille Demande-Effacement';
    const email = await newPerson(admin, person, name, 'fr');
    expect((await person.request.get('/api/auth/me')).status()).toBe(200);

    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto(`/organisations/${admin.organisationId}`);
    await waitForPage(page);
    await page.click(`[data-test="erase-${email}"]`);
    const dialog = page.locator('.p-confirmdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(fr.directory.members.eraseConfirm.replace('{name}', name).slice(0, 40));
    await expectNoAxeViolations(page, 'erase account confirmation');
    await dialog.getByRole('button', { name: fr.directory.members.eraseAccept }).click();
    await page.getByText(fr.directory.members.erased.replace('{name}', name)).waitFor();
    await page.locator(`[data-test="erase-${email}"]`).waitFor({ state: 'detached' });

    // The person is signed out everywhere and cannot sign in; the name is gone from the members.
    expect((await person.request.get('/api/auth/me')).status()).toBe(401);
    const login = await person.request.post('/api/auth/login', { data: { email, password: PASSWORD } });
    expect(login.status()).toBe(401);
    expect(await (await admin.request.get(`/api/organisations/${admin.organisationId}/members`)).text()).not.toContain(name);
  });
});

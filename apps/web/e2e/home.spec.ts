import { LOCALES, type Locale } from '@equipole/shared';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { focusedElement, MESSAGES, navLabels, readNavLabels, tabTo, waitForPage } from './support/app';
import { serverOfThisWorker, test } from './support/browser';

const fr = MESSAGES.fr;

/** Pages anyone may open, with the heading they show in French. */
const PUBLIC_PAGES = [
  { path: '/equipment', title: fr.pages.equipment.title },
  { path: '/clusters', title: fr.pages.clusters.title },
  { path: '/login', title: fr.pages.login.title },
  { path: '/forgot-password', title: fr.pages.forgotPassword.title },
  { path: '/no-such-page', title: fr.pages.notFound.title },
];

/** Pages that need an account: a visitor is sent to the login page, and comes back after. */
const SIGNED_IN_PAGES = ['/bookings', '/partner', '/reports', '/organisations', '/profile', '/admin'];

describe('home page', () => {
  test('opens in French for a French-speaking visitor, with a working service status', async ({ page }) => {
    await page.goto('/');
    await waitForPage(page);

    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe(fr.home.title);
    expect(await readNavLabels(page)).toEqual(navLabels('fr'));
    expect(await page.title()).toBe(`${fr.app.tagline} · Equipôle`);
    expect(await page.getAttribute('nav[aria-label]', 'aria-label')).toBe(fr.nav.label);
    expect(await page.getAttribute('.language-switch [data-locale="fr"]', 'aria-pressed')).toBe('true');

    const status = page.locator('.service-status[data-state="ok"]');
    await status.waitFor();
    const statusText = await status.locator('[role="status"]').textContent();
    expect(statusText).toContain(fr.status.ok);
    expect(statusText).toContain('0.1.0');
    expect(statusText).toContain(serverOfThisWorker().database ? fr.status.externalDatabase : fr.status.embeddedDatabase);
  });

  test('switches to Dutch then English from the keyboard and remembers the choice', async ({ page }) => {
    await page.goto('/');
    await waitForPage(page);

    await tabTo(page, '.language-switch [data-locale="nl"]');
    await page.keyboard.press('Enter');
    await expectLanguage(page, 'nl');
    expect(await focusedElement(page)).toMatchObject({ tag: 'button', text: 'NL Nederlands' });

    await page.reload();
    await waitForPage(page);
    await expectLanguage(page, 'nl');

    await tabTo(page, '.language-switch [data-locale="en"]');
    await page.keyboard.press('Space');
    await expectLanguage(page, 'en');

    await page.reload();
    await waitForPage(page);
    await expectLanguage(page, 'en');
  });

  test('opens in Dutch for a Dutch-speaking visitor who has not chosen yet', async ({ newContext }) => {
    const page = await (await newContext({ locale: 'nl-BE' })).newPage();
    await page.goto('/');
    await waitForPage(page);

    await expectLanguage(page, 'nl');
  });

  test.for(LOCALES)('has no WCAG 2.2 AA violation in %s', async (locale, { page }) => {
    await page.goto('/');
    await waitForPage(page);
    if (locale !== 'fr') await page.click(`.language-switch [data-locale="${locale}"]`);
    await expectLanguage(page, locale);
    await page.locator('.service-status[data-state="ok"]').waitFor();

    await expectNoAxeViolations(page, `home page (${locale})`);
  });

  test('shows a translated error, and retries, when the service is down', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 503/);
    let healthy = false;
    await page.route('**/api/health', (route) =>
      healthy
        ? route.continue()
        : route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ status: 'error', database: 'down', embedded: true, version: '0.1.0' }),
          }),
    );
    await page.goto('/');

    const status = page.locator('.service-status[data-state="error"]');
    await status.waitFor();
    expect(await status.textContent()).toContain(fr.status.error);
    await expectNoAxeViolations(page, 'home page, service down');

    healthy = true;
    await page.getByRole('button', { name: fr.status.retry }).click();
    await page.locator('.service-status[data-state="ok"]').waitFor();
  });
});

describe('pages and access', () => {
  test('every public page has its translated heading and title, and no WCAG 2.2 AA violation', async ({ page }) => {
    for (const { path, title } of PUBLIC_PAGES) {
      await page.goto(path);
      await waitForPage(page);

      expect(await page.locator('h1').textContent(), path).toBe(title);
      expect(await page.title(), path).toBe(`${title} · Equipôle`);
      await expectNoAxeViolations(page, path);
    }
  });

  test('pages that need an account send a visitor to the login page', async ({ page }) => {
    for (const path of SIGNED_IN_PAGES) {
      await page.goto(path);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('redirect'), path).toBe(path);
      expect(await page.locator('h1').textContent(), path).toBe(fr.pages.login.title);
    }
  });

  test('the not-found page is translated', async ({ page }) => {
    await page.goto('/no-such-page');
    await waitForPage(page);
    await page.click('.language-switch [data-locale="en"]');

    expect(await page.locator('h1').textContent()).toBe(MESSAGES.en.pages.notFound.title);
    expect(await page.title()).toBe(`${MESSAGES.en.pages.notFound.title} · Equipôle`);
  });

  test('navigating moves focus to the new page and updates the title', async ({ page }) => {
    await page.goto('/');
    await waitForPage(page);

    await page.getByRole('link', { name: fr.nav.clusters, exact: true }).click();
    await page.waitForURL('**/clusters');

    expect(await page.locator('h1').textContent()).toBe(fr.pages.clusters.title);
    expect(await page.title()).toBe(`${fr.pages.clusters.title} · Equipôle`);
    expect(await focusedElement(page)).toMatchObject({ tag: 'main', id: 'main' });
    expect(await page.getAttribute('[data-nav="clusters"]', 'aria-current')).toBe('page');
  });
});

describe('keyboard and small screens', () => {
  test('the skip link is the first tab stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await waitForPage(page);

    await page.keyboard.press('Tab');
    const skip = await focusedElement(page);
    expect(skip).toMatchObject({ tag: 'a', text: fr.a11y.skipToContent });
    // Polled: under load, the first layout after the focus may not be there yet.
    await expect
      .poll(async () => {
        const box = await page.locator('.skip-link').boundingBox();
        return Boolean(box && box.y >= 0 && box.height > 0);
      }, { message: 'the skip link is visible when focused', timeout: 5_000 })
      .toBe(true);

    await page.keyboard.press('Enter');
    expect(await focusedElement(page)).toMatchObject({ tag: 'main', id: 'main' });
    expect(new URL(page.url()).pathname).toBe('/');

    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).inMain, 'the next tab stop is inside main').toBe(true);
  });

  test('on a phone the navigation folds behind a menu button', async ({ newContext }) => {
    const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/');
    await waitForPage(page);

    const toggle = page.locator('button[aria-controls="primary-nav"]');
    const firstLink = page.locator('#primary-nav a').first();
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await firstLink.isVisible()).toBe(false);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await readNavLabels(page)).toEqual([...navLabels('fr'), fr.nav.login]);
    await expectNoAxeViolations(page, 'home page, phone, menu open');

    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await toggle.click();
    await page.locator('[data-nav="clusters"]').click();
    await page.waitForURL('**/clusters');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expectNoAxeViolations(page, 'clusters page, phone');
  });
});

async function expectLanguage(page: import('playwright-core').Page, locale: Locale): Promise<void> {
  const messages = MESSAGES[locale];
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  expect(await page.locator('h1').textContent()).toBe(messages.home.title);
  expect(await readNavLabels(page)).toEqual(navLabels(locale));
  expect((await page.locator('header [data-nav="login"]').textContent())?.trim()).toBe(messages.nav.login);
  expect(await page.title()).toBe(`${messages.app.tagline} · Equipôle`);
  expect(await page.getAttribute(`.language-switch [data-locale="${locale}"]`, 'aria-pressed')).toBe('true');
}

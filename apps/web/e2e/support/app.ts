import type { Locale } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS as DEMO_ACCOUNTS } from '../../../api/src/database/demo/demo-catalogue';
import { messages, type MessageSchema } from '../../src/i18n/messages';

/** The catalogues the app ships: tests expect exactly what a user would read. */
export const MESSAGES: Record<Locale, MessageSchema> = messages;

/** The labels of the main navigation, in order, as a user reads them on a desktop. */
export function navLabels(locale: Locale): string[] {
  const { nav } = MESSAGES[locale];
  return [nav.home, nav.equipment, nav.bookings, nav.campaigns, nav.partner, nav.reports, nav.clusters, nav.organisations];
}

/** The navigation links the user can see (a phone shows them once the menu is open, plus "sign in"). */
export async function readNavLabels(page: Page): Promise<string[]> {
  return (await page.locator('#primary-nav a:visible').allTextContents()).map((text) => text.trim());
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`"${selector}" was not reached in ${limit} presses of Tab`);
}

export function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string; inMain: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: element?.textContent?.trim() ?? '',
      inMain: Boolean(element?.closest('main')),
    };
  });
}

/** The app has rendered the page: its heading is there. */
export async function waitForPage(page: Page): Promise<void> {
  await page.locator('main h1').waitFor();
}

/** The demo accounts (apps/api/src/database/demo), one per role. */
export { DEMO_PASSWORD };
export const DEMO_USERS = {
  coordinator: 'coordination@equipole.test',
  manager: 'gestion@escaut-industrie.test',
  member: 'formateur@athenee-collines.test',
  dutchMember: 'leerkracht@leiestroom.test',
} as const;

/**
 * Signs the page's browser context in through the API (the cookie lands in the context):
 * for tests whose subject is not the login form itself.
 */
export async function signInAs(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  const response = await page.context().request.post('/api/auth/login', { data: { email, password } });
  if (response.status() !== 204) throw new Error(`Signing in ${email} answered ${response.status()}: ${await response.text()}`);
  // A journey that switched the language while signed in changed the account's language too (emails,
  // invitations it sends, the next sign-in through the form): each journey starts from the demo's own.
  const demoLocale = DEMO_ACCOUNTS.find((account) => account.email === email)?.locale;
  if (demoLocale) {
    const reset = await page.context().request.patch('/api/auth/me', { data: { locale: demoLocale } });
    if (!reset.ok()) throw new Error(`Setting ${email}'s language answered ${reset.status()}: ${await reset.text()}`);
  }
}

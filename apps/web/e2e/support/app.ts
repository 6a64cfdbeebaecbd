import type { Locale } from '@equipole/shared';
import type { Page } from 'playwright-core';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';
import nl from '../../src/i18n/nl.json';

/** The catalogues the app ships: tests expect exactly what a user would read. */
export const MESSAGES: Record<Locale, typeof fr> = { fr, nl, en };

/** The labels of the main navigation, in order, as a user reads them on a desktop. */
export function navLabels(locale: Locale): string[] {
  const { nav } = MESSAGES[locale];
  return [nav.home, nav.equipment, nav.bookings, nav.partner, nav.reports, nav.clusters, nav.organisations];
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

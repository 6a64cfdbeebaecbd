import { LOCALES, type Locale, type ResourceSearchPage } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr.catalogue;
const BROWSER_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** Demo items (apps/api/src/database/demo/demo-catalogue.ts). */
const FORKLIFT = { fr: 'Chariot élévateur frontal', nl: 'Frontale heftruck', en: 'Counterbalance forklift' };
const VR_WELDING = { fr: 'Simulateur de soudage en réalité virtuelle', nl: 'VR-lassimulator', en: 'Virtual reality welding simulator' };
const TRUCK_SIMULATOR = { fr: 'Simulateur de conduite poids lourd', nl: 'Vrachtwagensimulator' };
const CAR_WORKSHOP = 'Atelier de maintenance automobile';
const DEMO_ITEMS = 25;
const PAGE_SIZE = 12;

/**
 * How many items the catalogue lists now: the demo's, plus any a journey that ran earlier on this
 * worker's server left published (files of one worker run one after the other, so it holds for the file).
 */
async function catalogueTotal(page: Page): Promise<number> {
  const response = await page.context().request.get('/api/resources', { params: { limit: 1 } });
  const total = ((await response.json()) as ResourceSearchPage).total;
  expect(total).toBeGreaterThanOrEqual(DEMO_ITEMS);
  return total;
}

/** The result count as the page announces it ("3 équipements trouvés"). */
function countText(locale: Locale, n: number): string {
  const forms = MESSAGES[locale].catalogue.results.count.split('|').map((form) => form.trim());
  return forms[Math.min(n, 2)].replace('{n}', String(n));
}

/** Waits until the search for the current address has answered with `n` results, and returns the names shown. */
async function results(page: Page, n: number, locale: Locale = 'fr'): Promise<string[]> {
  await page.waitForFunction(
    (text) => document.querySelector('.catalogue__count')?.textContent?.trim() === text && !document.querySelector('[aria-busy="true"]'),
    countText(locale, n),
  );
  return (await page.locator('.catalogue__list h3 a').allTextContents()).map((name) => name.trim());
}

function query(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

async function choose(page: Page, comboboxName: string, option: string, filter?: string): Promise<void> {
  await page.getByRole('combobox', { name: comboboxName }).click();
  if (filter) await page.locator('.p-select-filter').fill(filter);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function itemId(page: Page, name: string): Promise<string> {
  const response = await page.context().request.get('/api/resources', { params: { q: name, limit: 50 } });
  const found = ((await response.json()) as ResourceSearchPage).items.find((item) => item.names.fr === name);
  if (!found) throw new Error(`${name} is not in the demo data`);
  return found.id;
}

describe('equipment catalogue', () => {
  test('finds an item from a word typed without accents, then from a word in Dutch', async ({ page }) => {
    const everything = await catalogueTotal(page);
    await page.goto('/equipment');
    await waitForPage(page);
    expect(await results(page, everything)).toHaveLength(PAGE_SIZE);

    await page.getByLabel(fr.search.text).fill('elevateur');
    await page.waitForURL((url) => url.searchParams.get('q') === 'elevateur');
    // The forklift by its name first, then the car workshop whose description mentions "ponts élévateurs".
    expect(await results(page, 2)).toEqual([FORKLIFT.fr, CAR_WORKSHOP]);

    await page.getByLabel(fr.search.text).fill('heftruck');
    await page.waitForURL((url) => url.searchParams.get('q') === 'heftruck');
    // The forklift by its Dutch name first, then the warehouse whose occupation is "Heftruckchauffeur" in Dutch.
    expect(await results(page, 2)).toEqual([FORKLIFT.fr, 'Entrepôt pédagogique']);
    expect(await page.locator('.resource-card').first().textContent()).toContain('Escaut Industrie');

    await page.goBack();
    expect(query(page)).toEqual({ q: 'elevateur' });
    await results(page, 2);
    expect(await page.getByLabel(fr.search.text).inputValue()).toBe('elevateur');
  });

  test('filters by kind and occupation in the address, and Back restores each step', async ({ page }) => {
    const everything = await catalogueTotal(page);
    await page.goto('/equipment');
    await waitForPage(page);
    await results(page, everything);

    await choose(page, fr.search.kind, fr.kinds.simulator);
    await page.waitForURL((url) => url.searchParams.get('kind') === 'simulator');
    expect((await results(page, 2)).sort()).toEqual([TRUCK_SIMULATOR.fr, VR_WELDING.fr].sort());

    await choose(page, fr.search.occupation, 'Conducteur·rice poids lourd', 'poids');
    await page.waitForURL((url) => url.searchParams.has('occupation'));
    expect(await results(page, 1)).toEqual([TRUCK_SIMULATOR.fr]);
    expect(Object.keys(query(page)).sort()).toEqual(['kind', 'occupation']);

    await page.goBack();
    expect(query(page)).toEqual({ kind: 'simulator' });
    await results(page, 2);
    expect(await page.getByRole('combobox', { name: fr.search.kind }).textContent()).toBe(fr.kinds.simulator);

    await page.goBack();
    expect(query(page)).toEqual({});
    await results(page, everything);
  });

  test('pages through the results with shareable addresses', async ({ page }) => {
    const everything = await catalogueTotal(page);
    await page.goto('/equipment?sort=name&page=3');
    await waitForPage(page);
    expect(await results(page, everything)).toHaveLength(Math.min(PAGE_SIZE, everything - 2 * PAGE_SIZE));
    expect(await page.getAttribute('.catalogue__pages [aria-current="page"]', 'aria-label')).toBe(fr.results.page.replace('{n}', '3'));

    await page.getByRole('link', { name: fr.results.previous }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await results(page, everything)).toHaveLength(PAGE_SIZE);
    expect(query(page)).toEqual({ sort: 'name', page: '2' });
  });

  test('says when nothing matches and clears the filters in one click', async ({ page }) => {
    const everything = await catalogueTotal(page);
    await page.goto('/equipment?q=zzyzx&kind=vehicle');
    await waitForPage(page);
    await results(page, 0);
    await page.getByRole('heading', { name: fr.results.emptyTitle }).waitFor();
    await expectNoAxeViolations(page, 'catalogue, no result');

    await page.locator('.empty-state').getByRole('button', { name: fr.search.clear }).click();
    await page.waitForURL((url) => url.search === '');
    await results(page, everything);
    expect(await page.getByLabel(fr.search.text).inputValue()).toBe('');
  });

  test('searches around a postcode and shows distances', async ({ page }) => {
    const everything = await catalogueTotal(page);
    await page.goto('/equipment');
    await waitForPage(page);
    await page.getByLabel(fr.search.near).fill('8500');
    await page.getByLabel(fr.search.near).press('Enter');
    await page.waitForURL((url) => url.searchParams.get('near') === '8500');
    await results(page, everything);
    expect(await page.locator('.catalogue__place').textContent()).toContain('Kortrijk');
    expect(await page.locator('.resource-card__distance').first().textContent()).toMatch(/^à [\d,]+ km$/);
  });

  test.for(LOCALES)('has no WCAG 2.2 AA violation with results in %s', async (locale, { newContext }) => {
    const page = await (await newContext({ locale: BROWSER_LOCALE[locale] })).newPage();
    await page.goto('/equipment?kind=simulator');
    await waitForPage(page);
    await results(page, 2, locale);
    expect(await page.locator('h1').textContent()).toBe(MESSAGES[locale].pages.equipment.title);

    await expectNoAxeViolations(page, `catalogue (${locale})`);
  });

  test('shows the catalogue in Dutch, with Dutch names and labels', async ({ newContext }) => {
    const page = await (await newContext({ locale: 'nl-BE' })).newPage();
    const nl = MESSAGES.nl.catalogue;
    await page.goto('/equipment?kind=simulator&sort=name');
    await waitForPage(page);

    expect(await results(page, 2, 'nl')).toEqual([TRUCK_SIMULATOR.nl, VR_WELDING.nl]);
    expect(await page.getByRole('combobox', { name: nl.search.kind }).textContent()).toBe(nl.kinds.simulator);
    expect(await page.locator('.resource-card').first().textContent()).toContain(nl.kinds.simulator);
  });
});

describe('equipment page', () => {
  test('shows the rules in plain words and the week, and asks a visitor to sign in to book', async ({ page }) => {
    await page.goto('/equipment?kind=simulator');
    await waitForPage(page);
    await results(page, 2);
    await page.getByRole('link', { name: VR_WELDING.fr, exact: true }).click();
    await page.waitForURL(/\/equipment\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    await page.locator('h1', { hasText: VR_WELDING.fr }).waitFor();
    const hours = await page.locator('.rules-summary__hours li').allTextContents();
    expect(hours).toHaveLength(7);
    expect(hours[0]).toMatch(/^Lundi\u00a0: \d{1,2}:\d{2}–\d{1,2}:\d{2}/);
    expect(hours[6]).toBe(`Dimanche\u00a0: ${fr.rules.closed}`);
    expect(await page.locator('[data-rule="approval"] dd').textContent()).toBe(fr.rules.approval.automatic);

    const week = page.locator('.week__table');
    await week.waitFor();
    expect(await week.locator('thead th').count()).toBe(8);
    const caption = (await week.locator('caption').textContent())!.trim();
    // Seven days from today, never days already gone.
    expect(caption).toMatch(/^Du \d+ \S+ au /);
    expect(caption.startsWith(`Du ${now('Europe/Brussels').setLocale('fr').toFormat('d')} `)).toBe(true);
    const states = await week.locator('td').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-state')));
    expect(states.length % 7).toBe(0);
    expect(states, 'the weekend is closed').toContain('closed');

    await page.getByRole('button', { name: fr.week.next }).click();
    await page.waitForFunction((before) => document.querySelector('.week__table caption')?.textContent?.trim() !== before, caption);
    expect(await page.getByRole('button', { name: fr.week.previous }).isEnabled()).toBe(true);

    const signIn = page.getByRole('link', { name: fr.detail.signInToBook });
    expect(await signIn.getAttribute('href')).toBe(`/login?redirect=/equipment/${id}`);
    expect(await page.getByRole('button', { name: fr.detail.book }).count()).toBe(0);

    await signIn.click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(`/equipment/${id}`);
  });

  test('gives a signed-in member a button that takes them to the booking calendar', async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const id = await itemId(page, VR_WELDING.fr);
    await page.goto(`/equipment/${id}`);
    await page.locator('h1', { hasText: VR_WELDING.fr }).waitFor();

    await page.getByRole('button', { name: fr.detail.book }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'booking-panel');
  });

  test('shows a not-found page with a way back for an unknown item', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 404/);
    await page.goto('/equipment/00000000-0000-4000-8000-000000000000');
    await page.locator('h1', { hasText: fr.detail.notFoundTitle }).waitFor();
    await expectNoAxeViolations(page, 'equipment not found');

    await page.locator('.empty-state').getByRole('link', { name: fr.detail.backToCatalogue }).click();
    await page.waitForURL((url) => url.pathname === '/equipment');
  });

  test.for(LOCALES)('is translated and has no WCAG 2.2 AA violation in %s', async (locale, { newContext }) => {
    const page = await (await newContext({ locale: BROWSER_LOCALE[locale] })).newPage();
    const messages = MESSAGES[locale].catalogue;
    const id = await itemId(page, FORKLIFT.fr);

    await page.goto(`/equipment/${id}`);
    await page.locator('h1', { hasText: FORKLIFT[locale] }).waitFor();
    await page.locator('.week__table, .week__empty').first().waitFor();
    expect(await page.locator('.rules-summary__hours li').first().textContent()).toContain(messages.weekdays['1']);
    expect(await page.locator('.equipment__facts').textContent()).toContain(messages.kinds.vehicle);
    expect(await page.getByRole('link', { name: messages.detail.signInToBook }).count()).toBe(1);

    await expectNoAxeViolations(page, `equipment page (${locale})`);
  });
});

import { readFileSync } from 'node:fs';
import { indicatorChange, INDICATOR_KEYS, INDICATOR_VERSION, LOCALES, type EquipmentReport, type SummaryReport } from '@equipole/shared';
import type { Page, Response } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';

const fr = MESSAGES.fr.reports;

/** The dashboard has drawn its figures: tiles, the three charts and the equipment table. */
async function waitForDashboard(page: Page): Promise<void> {
  await page.locator('[data-indicator="occupancyRate"] .tile__value').waitFor();
  await page.locator('.report-chart canvas').nth(2).waitFor();
  await page.locator('[data-block="equipment"] tbody tr').first().waitFor();
}

const reportResponse = (page: Page, block: string, contains = '') =>
  page.waitForResponse((r: Response) => r.url().includes(`/api/reports/${block}?`) && r.url().includes(contains) && r.request().method() === 'GET');

/** "12,5" → 12.5 */
const frenchNumber = (text: string) => (text === '' ? null : Number(text.replace(',', '.')));
const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

describe('occupancy reports', () => {
  test('the coordinator filters the dashboard and downloads a CSV whose figures match the API', async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    const firstSummary = reportResponse(page, 'summary');
    await page.goto('/reports');
    await waitForPage(page);
    expect(await page.locator('main h1').textContent()).toBe(MESSAGES.fr.pages.reports.title);
    const before = (await (await firstSummary).json()) as SummaryReport;
    expect(before.indicatorVersion).toBe(INDICATOR_VERSION);
    expect(before.scope).toBe('network');
    await waitForDashboard(page);
    expect(await page.locator('[data-testid="indicator-version"]').textContent()).toBe(fr.version.replace('{version}', INDICATOR_VERSION));
    // Demo data fills every block: no "no data" message anywhere.
    expect(await page.locator('.report-block__empty').count()).toBe(0);
    for (const block of ['partnerships', 'learners', 'shortage', 'unmet']) await page.locator(`[data-block="${block}"] table tbody tr`).first().waitFor({ state: 'attached' });

    // Only equipment in France: the address and the figures follow.
    const filteredSummary = reportResponse(page, 'summary', 'country=FR');
    const filteredEquipment = reportResponse(page, 'equipment', 'country=FR');
    await page.click('#report-country');
    await page.getByRole('option', { name: fr.countries.FR }).click();
    await page.waitForURL(/country=FR/);
    const after = (await (await filteredSummary).json()) as SummaryReport;
    // The subtitle says the figures are limited to the filter, no longer "all shared equipment".
    await page.waitForFunction((text) => document.querySelector('.page-header__lead')?.textContent === text,
      fr.scopeFiltered.network.replace('{filters}', fr.filterValue.replace('{label}', fr.filters.country).replace('{value}', fr.countries.FR)));
    const equipment = (await (await filteredEquipment).json()) as EquipmentReport;
    expect(after.current.openHours).toBeLessThan(before.current.openHours);
    expect(equipment.items.length).toBeGreaterThan(0);
    expect(equipment.items.every((item) => item.site.country === 'FR')).toBe(true);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-block="equipment"] tbody tr').length === count,
      equipment.items.length,
    );

    // The CSV of the equipment table: French format, same figures as the API's JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv="equipment"]')]);
    expect(download.suggestedFilename()).toMatch(/^equipole-equipment-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text.slice(1).trim().split('\r\n').map((line) => line.split(';'));
    expect(header[0]).toBe('Équipement');
    expect(rows).toHaveLength(equipment.items.length);
    rows.forEach((row, index) => {
      const item = equipment.items[index];
      expect(row[0]).toBe(item.names.fr);
      expect(row[4]).toBe('FR');
      expect([frenchNumber(row[5]), frenchNumber(row[6]), frenchNumber(row[7])]).toEqual([round(item.openHours, 2), round(item.bookedHours, 2), round(item.usedHours, 2)]);
      expect(frenchNumber(row[8])).toBe(round(item.occupancyRate === null ? null : item.occupancyRate * 100, 1));
      expect([Number(row[10]), Number(row[11])]).toEqual([item.completedBookings, item.noShows]);
    });
  });

  test('the tiles compare with the previous period only when it is comparable, coloured by whether up is good, as the CSV says', async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    // The demo's items are on the platform since its first bookings, 91 days ago: the default three months have no comparable period.
    const threeMonths = reportResponse(page, 'summary');
    await page.goto('/reports');
    await waitForPage(page);
    expect(((await (await threeMonths).json()) as SummaryReport).previousComparable).toBe(false);
    await page.locator('[data-testid="no-comparable-period"]').waitFor();
    await page.locator('[data-indicator="occupancyRate"] .tile__value').waitFor();
    for (const text of await page.locator('.tile__change').allTextContents()) expect(text.trim()).toBe(fr.tiles.noComparablePeriod);

    // Thirty days: the thirty before are comparable. Every tile shows the change of indicatorChange, coloured by its tone.
    const monthResponse = reportResponse(page, 'summary');
    await page.goto('/reports?period=30d');
    const month = (await (await monthResponse).json()) as SummaryReport;
    expect(month.previousComparable).toBe(true);
    await page.locator('[data-indicator="occupancyRate"] .tile__value').waitFor();
    expect(await page.locator('[data-testid="no-comparable-period"]').count()).toBe(0);
    const tiles = await page.locator('.tile').evaluateAll((elements) => elements.map((tile) => {
      const change = tile.querySelector('.tile__change') as HTMLElement;
      return { key: tile.getAttribute('data-indicator')!, direction: change.dataset.direction, tone: change.dataset.tone, colour: getComputedStyle(change).color, text: change.textContent!.trim() };
    }));
    const COLOURS = { good: 'rgb(22, 101, 52)', bad: 'rgb(159, 18, 57)', neutral: 'rgb(71, 85, 105)' };
    const number = (value: number) => new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }).format(Math.abs(value));
    for (const tile of tiles) {
      const key = tile.key as (typeof INDICATOR_KEYS)[number];
      const change = indicatorChange(key, month.current[key], month.previous[key], true);
      expect({ key, direction: tile.direction, tone: tile.tone, colour: tile.colour }).toEqual({ key, direction: change.direction, tone: change.tone, colour: COLOURS[change.tone] });
      if (change.value !== null && change.value !== 0) expect(tile.text).toContain(number(change.value));
      // Fewer no-shows and less unmet demand are good news; more are bad news.
      if ((key === 'noShowRate' || key === 'unmetHours') && change.direction !== 'stable' && change.direction !== 'none') {
        expect(change.tone).toBe(change.direction === 'down' ? 'good' : 'bad');
      }
    }

    // The CSV of the tiles writes the same change, to the digit.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv="summary"]')]);
    const rows = readFileSync((await download.path())!, 'utf8').slice(1).trim().split('\r\n').slice(1).map((line) => line.split(';'));
    expect(rows).toHaveLength(INDICATOR_KEYS.length);
    INDICATOR_KEYS.forEach((key, index) => {
      const change = indicatorChange(key, month.current[key], month.previous[key], true);
      expect([key, frenchNumber(rows[index][3])]).toEqual([key, change.value]);
    });
    await expectNoAxeViolations(page, 'reports, thirty days compared');
  });

  test('a manager sees the partner view of its own equipment only', async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    const equipmentResponse = reportResponse(page, 'equipment');
    await page.goto('/reports');
    await waitForPage(page);
    const equipment = (await (await equipmentResponse).json()) as EquipmentReport;
    expect(equipment.scope).toBe('partner');
    expect(new Set(equipment.items.map((item) => item.owner.name))).toEqual(new Set(['Centre de formation Escaut Industrie']));
    await waitForDashboard(page);
    expect(await page.locator('.page-header__lead').textContent()).toBe(fr.scope.partner);
    expect(await page.locator('[data-block="equipment"] tbody tr').count()).toBe(equipment.items.length);
    await expectNoAxeViolations(page, 'reports, partner view');
  });

  test.for(LOCALES)('has no WCAG 2.2 AA violation in %s', async (locale, { page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/reports');
    await waitForPage(page);
    if (locale !== 'fr') await page.click(`.language-switch [data-locale="${locale}"]`);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
    await waitForDashboard(page);
    expect(await page.locator('[data-block="equipment"] h2').textContent()).toBe(MESSAGES[locale].reports.equipment.title);
    await expectNoAxeViolations(page, `reports (${locale})`);
  });
});

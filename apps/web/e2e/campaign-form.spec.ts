import type { CampaignDetail } from '@equipole/shared';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr.campaigns.create;
const ZONE = 'Europe/Brussels';
/** Escaut Industrie's PLC benches. */
const ITEM = 'Bancs d’automates programmables';

describe('opening a campaign', () => {
  test('a partner’s manager opens a campaign from the form, with the keyboard; missing fields are named and focused first', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    await page.goto('/campaigns');
    await waitForPage(page);
    await page.locator('[data-testid="open-campaign"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/campaigns\/new/);
    await waitForPage(page);
    const item = page.getByLabel(ITEM, { exact: false });
    await item.first().waitFor();

    // Nothing typed: every required field says so, and focus goes to the first one.
    await page.click('[data-testid="create-campaign"]');
    await page.getByText(fr.required).first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('campaign-name');
    await expectNoAxeViolations(page, 'campaign form with errors (fr)');

    const monday = now(ZONE).startOf('week').plus({ weeks: 12 });
    const name = `Campagne formulaire ${Math.random().toString(36).slice(2, 7)}`;
    await page.fill('#campaign-name', name);
    await item.first().focus();
    await page.keyboard.press('Space');
    await page.fill('#campaign-period-start', monday.toISODate()!);
    await page.fill('#campaign-period-end', monday.plus({ days: 4 }).toISODate()!);
    await page.fill('#campaign-window-opens', now(ZONE).minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#campaign-window-closes', now(ZONE).plus({ days: 14 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#campaign-publish-by', monday.minus({ weeks: 2 }).toISODate()!);
    await page.locator('#campaign-level-secondary').focus();
    await page.keyboard.press('Space');
    await page.fill('#campaign-cap-organisation', '3');

    const created = page.waitForResponse((response) => response.url().endsWith('/api/campaigns') && response.request().method() === 'POST');
    await page.locator('[data-testid="create-campaign"]').focus();
    await page.keyboard.press('Enter');
    const body = (await (await created).json()) as CampaignDetail;
    expect(body).toMatchObject({ name, status: 'open', sessionMinutes: 240, eligibleKinds: ['school'], eligibleLevels: ['secondary'], capPerOrganisation: 3, capPerClass: null });
    expect(body.items.map((i) => i.id)).toHaveLength(1);
    expect(body.periodStart).toBe(monday.toISODate());
    await page.waitForURL(new RegExp(`/campaigns/${body.id}$`));
    await page.locator('[data-testid="campaign-status"]').waitFor();
    expect(await page.locator('main').textContent()).toContain(name);
  });
});

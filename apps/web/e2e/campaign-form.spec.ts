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
/** Vlaskouter's robotic welding cell: like the PLC benches, offered in the metal cluster. */
const OTHER_PARTNER_ITEM = 'Cellule robotisée de soudage';
const CLUSTER = 'Pôle Métal & Usinage Eurométropole';

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

  test('a coordinator opens a cluster’s campaign over two partners’ items, with the keyboard', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/campaigns/new');
    await waitForPage(page);

    // Opened by a cluster: the radio, then the cluster chosen in the list with the arrow keys.
    await page.locator('#campaign-opened-by-cluster').focus();
    await page.keyboard.press('Space');
    await page.locator('#campaign-cluster').waitFor();
    await page.locator('#campaign-cluster').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: CLUSTER, exact: true }).waitFor();
    const focused = page.locator('[role="option"][data-p-focused="true"]');
    for (let step = 0; step < 10; step++) {
      if ((await focused.count()) > 0 && (await focused.textContent())?.includes(CLUSTER)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    expect(await page.locator('#campaign-cluster').textContent()).toContain(CLUSTER);

    // The cluster's items, each with its partner.
    const ours = page.getByLabel(ITEM, { exact: false }).first();
    const theirs = page.getByLabel(OTHER_PARTNER_ITEM, { exact: false }).first();
    await theirs.waitFor();
    expect(await page.locator(`label[for="${await theirs.getAttribute('id')}"]`).textContent()).toContain('Vlaskouter');
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
    await expectNoAxeViolations(page, 'campaign form, opened by a cluster (fr)');

    const monday = now(ZONE).startOf('week').plus({ weeks: 14 });
    const name = `Campagne du pôle ${Math.random().toString(36).slice(2, 7)}`;
    await page.fill('#campaign-name', name);
    for (const item of [ours, theirs]) {
      await item.focus();
      await page.keyboard.press('Space');
    }
    await page.fill('#campaign-period-start', monday.toISODate()!);
    await page.fill('#campaign-period-end', monday.plus({ days: 4 }).toISODate()!);
    await page.fill('#campaign-window-opens', now(ZONE).minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#campaign-window-closes', now(ZONE).plus({ days: 14 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#campaign-publish-by', monday.minus({ weeks: 2 }).toISODate()!);

    const created = page.waitForResponse((response) => response.url().endsWith('/api/campaigns') && response.request().method() === 'POST');
    await page.locator('[data-testid="create-campaign"]').focus();
    await page.keyboard.press('Enter');
    const body = (await (await created).json()) as CampaignDetail;
    expect(body).toMatchObject({ name, organisation: null, cluster: { name: CLUSTER }, canManage: true });
    expect(new Set(body.items.map((i) => i.organisation.name)).size).toBe(2);
    await page.waitForURL(new RegExp(`/campaigns/${body.id}$`));
    await page.locator('[data-testid="campaign-status"]').waitFor();
    expect(await page.locator('main').textContent()).toContain(CLUSTER);
  });
});

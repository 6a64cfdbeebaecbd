import type { ApiErrorBody, ResourceDetail, ResourceSearchPage } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';

const fr = MESSAGES.fr.partner;
const common = MESSAGES.fr.common;

/** A name no other run or test uses, with accents the catalogue search must forgive. */
function uniqueName(): { name: string; plain: string } {
  const suffix = Math.random().toString(36).slice(2, 8);
  return { name: `Presse plieuse démo ${suffix}`, plain: `Presse plieuse demo ${suffix}` };
}

async function openEditor(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForPage(page);
  await page.locator('#equipment-form').waitFor();
}

/** Monday 08:00–12:00 and 13:00–17:00, copied to Tuesday–Friday; the weekend closed. */
async function setSchoolHours(page: Page): Promise<void> {
  const day = (weekday: number) => page.locator(`.opening-hours__day[data-weekday="${weekday}"]`);
  for (let weekday = 1; weekday <= 7; weekday++) {
    const close = day(weekday).getByRole('button', { name: fr.hours.closeDayOn.replace('{day}', MESSAGES.fr.partner.weekdays[String(weekday) as '1']) });
    if (await close.count()) await close.click();
  }
  await page.click('[data-testid="add-interval-1"]');
  await page.click('[data-testid="add-interval-1"]');
  await page.fill('#editor-rules-hours-1-0-start', '8:00');
  await page.fill('#editor-rules-hours-1-0-end', '12:00');
  await page.fill('#editor-rules-hours-1-1-start', '13:00');
  await page.fill('#editor-rules-hours-1-1-end', '17:00');
  await page.locator('#editor-rules-hours-1-1-end').blur();
  await page.click('[data-testid="copy-monday"]');
}

async function findByName(page: Page, plain: string, name: string): Promise<ResourceDetail> {
  const response = await page.context().request.get('/api/resources', { params: { q: plain, includeInactive: 'true', limit: 20 } });
  const found = ((await response.json()) as ResourceSearchPage).items.find((item) => item.names.fr === name);
  if (!found) throw new Error(`${name} was not found by the search API`);
  return (await (await page.context().request.get(`/api/resources/${found.id}`)).json()) as ResourceDetail;
}

describe('partner area', () => {
  test('a manager publishes equipment with its hours, finds it in the catalogue, edits it, closes it, retires it and brings it back', async ({ page, browserErrors }) => {
    const { name, plain } = uniqueName();
    await signInAs(page, DEMO_USERS.manager);

    // Our equipment.
    await page.goto('/partner');
    await waitForPage(page);
    await page.locator('[data-testid="partner-equipment"]').waitFor();
    expect(await page.locator('main h1').textContent()).toBe(MESSAGES.fr.pages.partner.title);
    await expectNoAxeViolations(page, 'partner area');

    // Publish.
    await page.getByRole('link', { name: fr.area.publish }).first().click();
    await page.locator('#equipment-form').waitFor();
    await page.locator('#editor-rules-hours-1-0-start').waitFor();
    await expectNoAxeViolations(page, 'new equipment (fr)');
    // A new item may take its site's rules: a real checkbox, named by its label.
    expect(await page.getByRole('checkbox', { name: fr.editor.useSiteDefaults }).count()).toBe(1);
    await page.fill('#editor-name-fr', name);
    await page.fill('#editor-capacity', '6');
    await setSchoolHours(page);
    await page.click('#editor-rules-approval-owner');
    expect(await page.locator('.opening-hours__error').count()).toBe(0);
    await page.click('[data-testid="save-equipment"]');
    // Published: on to its photos, in the editor.
    await page.waitForURL(/\/partner\/equipment\/[^/]+\/edit#editor-photos$/);
    await page.waitForFunction(() => document.activeElement?.id === 'editor-photos');
    await page.goto('/partner');
    await page.locator(`[data-testid="partner-equipment"] >> text=${name}`).waitFor();

    const published = await findByName(page, plain, name);
    expect(published.capacity).toBe(6);
    expect(published.rules.approvalMode).toBe('owner');
    expect(published.rules.openingHours).toEqual(
      [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, start: '08:00', end: '12:00' },
        { weekday, start: '13:00', end: '17:00' },
      ]),
    );

    // The catalogue finds it without the accents.
    await page.goto(`/equipment?q=${encodeURIComponent(plain)}`);
    await waitForPage(page);
    await page.getByRole('link', { name, exact: true }).first().waitFor();

    // Edit: capacity.
    await openEditor(page, `/partner/equipment/${published.id}/edit`);
    await page.fill('#editor-capacity', '8');
    await page.click('[data-testid="save-equipment"]');
    await page.getByText(fr.editor.saved.replace('{name}', name)).waitFor();
    expect((await findByName(page, plain, name)).capacity).toBe(8);

    // Overlapping intervals: the API's message shows under the interval.
    browserErrors.allow(/status of 400/);
    await page.fill('#editor-rules-hours-1-1-start', '11:00');
    const answer = page.waitForResponse((response) => response.url().includes(`/api/resources/${published.id}`) && response.request().method() === 'PATCH');
    await page.click('[data-testid="save-equipment"]');
    const response = await answer;
    expect(response.status()).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    const detail = (body.details as { field: string; message: string }[]).find((d) => d.field === 'rules.openingHours.1');
    expect(detail?.message).toBeTruthy();
    const errorUnderInterval = page.locator('.opening-hours__day[data-weekday="1"] .opening-hours__error');
    await errorUnderInterval.waitFor();
    expect(await errorUnderInterval.textContent()).toBe(detail!.message);
    expect(await page.getAttribute('#editor-rules-hours-1-1-start', 'aria-invalid')).toBe('true');
    await page.fill('#editor-rules-hours-1-1-start', '13:00');
    expect(await page.locator('.opening-hours__error').count()).toBe(0);

    // Leaving with unsaved changes asks first.
    await page.fill('#editor-capacity', '9');
    await page.getByRole('link', { name: fr.editor.back }).click();
    await page.getByRole('alertdialog').or(page.getByRole('dialog')).getByText(fr.editor.leaveConfirm).waitFor();
    await page.getByRole('button', { name: fr.editor.stay }).click();
    expect(page.url()).toContain('/edit');
    await page.fill('#editor-capacity', '8');

    // A closure of the item.
    await page.fill('#resource-closures-starts', '2031-12-24');
    await page.fill('#resource-closures-ends', '2031-12-26');
    await page.fill('#resource-closures-reason', 'Fermeture de fin d’année');
    await page.click('[data-testid="resource-closures-add"]');
    await page.locator('[data-testid="resource-closures-table"] >> text=Fermeture de fin d’année').waitFor();
    await expectNoAxeViolations(page, 'edit equipment (fr)');
    expect((await findByName(page, plain, name)).closures.some((c) => c.reason === 'Fermeture de fin d’année' && c.scope === 'resource')).toBe(true);

    // Retire, after confirming.
    await page.goto('/partner');
    await waitForPage(page);
    const row = page.locator(`[data-testid="partner-equipment"] tr[data-resource-id="${published.id}"]`);
    await row.locator('[data-action="retired"]').click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await dialog.getByText(fr.area.retireConfirm.replace('{name}', name)).waitFor();
    await dialog.getByRole('button', { name: fr.area.actions.retired }).click();
    await page.getByText(fr.area.statusChanged.retired.replace('{name}', name)).waitFor();
    // Out of the catalogue, but still in its managers' list, where it can be brought back.
    const retired = (await (await page.context().request.get(`/api/resources/${published.id}`)).json()) as ResourceDetail;
    expect(retired.status).toBe('retired');
    const catalogue = (await (await page.context().request.get(`/api/resources?q=${encodeURIComponent(name)}`)).json()) as { total: number };
    expect(catalogue.total).toBe(0);
    await row.locator('[data-action="active"]').click();
    await page.getByText(fr.area.statusChanged.active.replace('{name}', name)).waitFor();
    expect(((await (await page.context().request.get(`/api/resources/${published.id}`)).json()) as ResourceDetail).status).toBe('active');
    // Out of the catalogue again, for the journeys that run after this one on the same server.
    expect((await page.context().request.post(`/api/resources/${published.id}/status`, { data: { status: 'retired' } })).status()).toBe(200);
  }, 240_000);

  test('the editor has no WCAG 2.2 AA violation in Dutch and English', async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    await openEditor(page, '/partner/equipment/new');
    await page.locator('#editor-rules-hours-1-0-start').waitFor();
    for (const locale of ['nl', 'en'] as const) {
      await page.click(`.language-switch [data-locale="${locale}"]`);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
      await page.locator(`.language-switch [data-locale="${locale}"][aria-pressed="true"]`).waitFor();
      // The switch's colours fade in: let the transition end before measuring contrast.
      await page.waitForTimeout(500);
      expect(await page.locator('main h1').textContent()).toBe(MESSAGES[locale].pages.partnerEquipmentNew.title);
      expect(await page.locator('.opening-hours__legend').textContent()).toBe(MESSAGES[locale].partner.hours.legend);
      await expectNoAxeViolations(page, `new equipment (${locale})`);
    }
  }, 120_000);

  test('sites and credentials pages list the organisation’s data, add a site closure and grant a credential', async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);

    await page.goto('/partner/sites');
    await waitForPage(page);
    await page.locator('#site-rules-hours-1-0-start').waitFor();
    expect(await page.locator('main h1').textContent()).toBe(MESSAGES.fr.pages.partnerSites.title);
    await expectNoAxeViolations(page, 'partner sites');
    const reason = `Journée pédagogique ${Math.random().toString(36).slice(2, 6)}`;
    await page.fill('#site-closures-starts', '2031-03-02');
    await page.fill('#site-closures-reason', reason);
    await page.click('[data-testid="site-closures-add"]');
    const closureRow = page.locator('[data-testid="site-closures-table"] tr', { hasText: reason });
    await closureRow.waitFor();
    await closureRow.getByRole('button', { name: fr.closures.deleteLabel.replace('{reason}', reason) }).click();
    await page.getByRole('button', { name: common.delete, exact: true }).last().click();
    await closureRow.waitFor({ state: 'detached' });

    await page.goto('/partner/credentials');
    await waitForPage(page);
    await page.locator('#credential-name-Fr').waitFor();
    const credential = `Habilitation presse ${Math.random().toString(36).slice(2, 6)}`;
    await page.fill('#credential-name-Fr', credential);
    await page.click('button:has-text("' + fr.credentials.create + '")');
    await page.locator('#grant-email').waitFor();
    await page.fill('#grant-email', DEMO_USERS.member);
    await page.fill('#grant-expires', '2031-06-30');
    await page.click('button:has-text("' + fr.credentials.grant + '")');
    await page.getByText(fr.credentials.granted.replace('{email}', DEMO_USERS.member)).waitFor();
    await page.locator('table', { hasText: DEMO_USERS.member }).waitFor();
    await expectNoAxeViolations(page, 'partner credentials');
  }, 180_000);

  test('a member who manages nothing gets the restricted page', async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    await page.goto('/partner');
    await waitForPage(page);
    expect(await page.locator('main h1').textContent()).toBe(MESSAGES.fr.pages.forbidden.title);
    await expectNoAxeViolations(page, 'partner area for a member');
  });
});

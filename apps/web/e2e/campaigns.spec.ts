import type { BookingView, CampaignDetail, CurrentUser, ResourceSearchPage } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr.campaigns;
const ZONE = 'Europe/Brussels';
/** Escaut Industrie's PLC benches: weekdays, twelve places, no buffer, approval not needed. */
const ITEM = 'Bancs d’automates programmables';

/** A campaign of the item's owner, created by its manager through the API, open for requests now; a week allocated ten weeks ahead. */
async function openCampaign(manager: Page): Promise<CampaignDetail> {
  const search = (await (await manager.context().request.get('/api/resources', { params: { limit: 100 } })).json()) as ResourceSearchPage;
  const item = search.items.find((i) => i.names.fr === ITEM);
  if (!item) throw new Error(`${ITEM} is not in the demo data`);
  const monday = now(ZONE).startOf('week').plus({ weeks: 10 });
  const response = await manager.context().request.post('/api/campaigns', {
    data: {
      organisationId: item.organisation.id, name: `Campagne automates ${Math.random().toString(36).slice(2, 7)}`, resourceIds: [item.id],
      periodStart: monday.toISODate(), periodEnd: monday.plus({ days: 4 }).toISODate(),
      windowOpensAt: now(ZONE).minus({ hours: 1 }).toISO(), windowClosesAt: now(ZONE).plus({ days: 14 }).toISO(), publishBy: monday.minus({ weeks: 2 }).toISODate(),
      sessionMinutes: 120, eligibleKinds: ['school'], capPerOrganisation: 3, capPerClass: 2,
    },
  });
  if (response.status() !== 201) throw new Error(`Creating the campaign answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as CampaignDetail;
}

/** A school's request through the API, as a member of their first organisation. */
async function requestAs(page: Page, campaign: CampaignDetail, sessions: number, section: string): Promise<void> {
  const me = (await (await page.context().request.get('/api/auth/me')).json()) as CurrentUser;
  const response = await page.context().request.post(`/api/campaigns/${campaign.id}/requests`, {
    data: { organisationId: me.memberships[0].organisationId, resourceId: campaign.items[0].id, sessions, pupils: 10, class: { level: 'secondary', year: 5, section } },
  });
  if (response.status() !== 201) throw new Error(`The request answered ${response.status()}: ${await response.text()}`);
}

async function openCampaignPage(page: Page, id: string): Promise<void> {
  await page.goto(`/campaigns/${id}`);
  await waitForPage(page);
  await page.locator('[data-testid="campaign-status"]').waitFor();
}

async function acceptConfirmation(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: label }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('campaigns', () => {
  test('a school finds an open campaign and submits a request for a class, on a phone too', { timeout: 120_000 }, async ({ page, newContext }) => {
    const manager = await (await newContext()).newPage();
    await signInAs(manager, DEMO_USERS.manager);
    const campaign = await openCampaign(manager);

    await signInAs(page, DEMO_USERS.member);
    await page.goto('/campaigns');
    await waitForPage(page);
    await page.getByRole('link', { name: campaign.name }).click();
    await page.locator('[data-testid="campaign-request-form"]').waitFor();
    await expectNoAxeViolations(page, 'campaign (school, fr)');

    await page.fill('#request-sessions', '3');
    await page.fill('#request-pupils', '11');
    await page.fill('#request-year', '5');
    await page.fill('#request-section', 'Électromécanique');
    await page.fill('#request-teacher', 'Mme Leroy');
    await page.check('#request-day-2');
    await page.check('#request-trainer');
    await page.click('[data-testid="submit-request"]');
    await page.locator('.p-toast-message', { hasText: fr.form.submitted }).waitFor();
    const request = page.locator('[data-testid="campaign-request"]');
    await request.waitFor();
    expect(await request.textContent()).toContain('5 Électromécanique');

    // Stored as sent, class included; the school sees only its own requests.
    const detail = (await (await page.context().request.get(`/api/campaigns/${campaign.id}`)).json()) as CampaignDetail;
    expect(detail.requests).toEqual([
      expect.objectContaining({ sessions: 3, pupils: 11, preferredWeekdays: [2], class: expect.objectContaining({ level: 'secondary', year: 5, section: 'Électromécanique', teacher: 'Mme Leroy', trainerRequested: true }) }),
    ]);

    const phone = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signInAs(phone, DEMO_USERS.member);
    await openCampaignPage(phone, campaign.id);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(phone, 'campaign (school, phone)');
  });

  test('a partner closes the window, runs the allocation from a seed, removes a session and publishes', { timeout: 180_000 }, async ({ page, newContext }) => {
    await signInAs(page, DEMO_USERS.manager);
    const campaign = await openCampaign(page);
    for (const [user, section] of [[DEMO_USERS.member, 'Électricité'], [DEMO_USERS.dutchMember, 'Elektriciteit']] as const) {
      const school = await (await newContext()).newPage();
      await signInAs(school, user);
      await requestAs(school, campaign, 3, section);
    }

    await openCampaignPage(page, campaign.id);
    await expectNoAxeViolations(page, 'campaign (manager, open)');
    await page.click('[data-testid="close-window"]');
    await acceptConfirmation(page, fr.manage.closeNow);
    await page.locator('[data-testid="run-allocation"]').waitFor();

    await page.fill('#allocation-seed', 'rentree');
    await page.click('[data-testid="run-allocation"]');
    const allocations = page.locator('[data-testid="allocation"]');
    await allocations.first().waitFor();
    // Two schools, caps of 2 per class: four sessions, drawn from the published seed.
    expect(await allocations.count()).toBe(4);
    expect(await page.locator('[data-testid="campaign-seed"]').textContent()).toBe('rentree');
    await expectNoAxeViolations(page, 'campaign (manager, allocated)');

    await allocations.first().locator('[data-testid="remove-allocation"]').click();
    await acceptConfirmation(page, fr.manage.remove);
    await page.locator('.p-toast-message', { hasText: fr.manage.removed }).waitFor();
    await expect.poll(() => allocations.count()).toBe(3);

    await page.click('[data-testid="publish"]');
    await acceptConfirmation(page, fr.manage.publish);
    await page.locator('[data-testid="campaign-status"]', { hasText: fr.status.published }).waitFor();

    const published = (await (await page.context().request.get(`/api/campaigns/${campaign.id}`)).json()) as CampaignDetail;
    expect(published.allocations).toHaveLength(3);
    for (const allocation of published.allocations) {
      const booking = (await (await page.context().request.get(`/api/bookings/${allocation.bookingId}`)).json()) as BookingView;
      expect({ status: booking.status, start: booking.start }).toEqual({ status: 'confirmed', start: allocation.start });
    }
    expect(published.requests.reduce((sum, r) => sum + (r.unmetSessions ?? 0), 0)).toBe(3);
    await expectNoAxeViolations(page, 'campaign (manager, published)');

    // The sessions not given appear in the reports' unmet demand for the month of publication (indicators 1.2).
    const today = now(ZONE);
    await page.goto(`/reports?period=custom&from=${today.startOf('month').toISODate()}&to=${today.endOf('month').toISODate()}`);
    await waitForPage(page);
    const rows = page.locator('[data-unmet="campaign"] tbody tr', { hasText: campaign.name });
    await rows.first().waitFor();
    const sessions = await rows.evaluateAll((list) => list.reduce((sum, row) => sum + Number(row.querySelectorAll('td')[2].textContent), 0));
    expect(sessions).toBe(3);
    await expectNoAxeViolations(page, 'reports (manager, campaign unmet demand)');
  });

  test('a teacher downloads the attendance attestation of a completed booking, and its reference checks out', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const list = (await (await page.context().request.get('/api/bookings', { params: { status: 'completed', limit: 1 } })).json()) as { items: BookingView[] };
    const [booking] = list.items;
    expect(booking).toBeDefined();
    await page.goto(`/bookings/${booking.id}`);
    await waitForPage(page);
    const link = page.locator('[data-testid="download-attestation"]');
    await link.waitFor();
    expect((await link.textContent())?.trim()).toBe(MESSAGES.fr.bookings.actions.attestation);
    await expectNoAxeViolations(page, 'booking with attestation (fr)');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(file)).subarray(0, 5).toString()).toBe('%PDF-');
    const reference = /attestation-(EQP-[A-Z2-7]{12})\.pdf/.exec(download.suggestedFilename())![1];
    const check = await page.context().request.get(`/api/attestations/${reference}`);
    expect(check.status()).toBe(200);
    expect(await check.json()).toMatchObject({ reference, valid: true, organisation: booking.organisation.name, actualStart: booking.actualStart });
  });
});

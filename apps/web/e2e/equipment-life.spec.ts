import { DEFAULT_BOOKING_RULES, type BookingView, type BreakdownReportView, type CurrentUser, type ResourceDetail, type SiteSummary } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, onTestFinished } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const ZONE = 'Europe/Brussels';
const life = MESSAGES.fr.equipmentLife;
/** A 1×1 PNG: a real image by its bytes, as the API checks. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082', 'hex');

/**
 * A machine of the demo manager open around the clock, booked without approval or lead time, whose
 * check-in opens an hour before each booking: the journeys book it "now" and on a later day.
 */
async function createMachine(manager: Page): Promise<ResourceDetail> {
  const machine = await publishMachine(manager);
  // Out of the catalogue once the test is over: files on this worker's server count the demo's items.
  onTestFinished(async () => {
    await manager.context().request.post(`/api/resources/${machine.id}/status`, { data: { status: 'retired', affectedBookings: { all: 'keep' } } }).catch(() => undefined);
  });
  return machine;
}

async function publishMachine(manager: Page): Promise<ResourceDetail> {
  const me = (await (await manager.context().request.get('/api/auth/me')).json()) as CurrentUser;
  const organisationId = me.memberships.find((m) => m.role === 'manager')!.organisationId;
  const sites = (await (await manager.context().request.get(`/api/organisations/${organisationId}/sites`)).json()) as SiteSummary[];
  const response = await manager.context().request.post('/api/resources', {
    data: {
      organisationId,
      siteId: sites[0].id,
      kind: 'machine',
      nameFr: `Tour conventionnel ${Math.random().toString(36).slice(2, 8)}`,
      capacity: 8,
      checkinMarginMinutes: 60,
      rules: {
        ...DEFAULT_BOOKING_RULES,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        leadTimeMinutes: 0,
        approvalMode: 'automatic',
        cancelCutoffHours: 0,
        allowedOrganisationIds: [],
      },
    },
  });
  if (response.status() !== 201) throw new Error(`Creating the machine answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as ResourceDetail;
}

async function book(member: Page, resourceId: string, start: DateTime, hours: number): Promise<BookingView> {
  const me = (await (await member.context().request.get('/api/auth/me')).json()) as CurrentUser;
  const response = await member.context().request.post('/api/bookings', {
    data: {
      resourceId,
      organisationId: me.memberships[0].organisationId,
      purpose: 'course',
      participants: { pupils: 4, trainers: 1 },
      start: start.toUTC().toISO(),
      end: start.plus({ hours }).toUTC().toISO(),
    },
  });
  if (response.status() !== 201) throw new Error(`Booking answered ${response.status()}: ${await response.text()}`);
  const booking = (await response.json()) as BookingView;
  expect(booking.status).toBe('confirmed');
  return booking;
}

async function bookingOf(page: Page, id: string): Promise<BookingView> {
  return (await (await page.context().request.get(`/api/bookings/${id}`)).json()) as BookingView;
}

async function reportsOf(page: Page, resourceId: string): Promise<BreakdownReportView[]> {
  return (await (await page.context().request.get(`/api/breakdowns?resourceId=${resourceId}`)).json()) as BreakdownReportView[];
}

describe('equipment life', () => {
  test('a partner adding a closure over a booking sees it listed, chooses to cancel it, and the booking is cancelled', async ({ page, newContext, browserErrors }) => {
    // The first attempt is refused on purpose (409 BOOKINGS_AFFECTED): that answer opens the dialog.
    browserErrors.allow(/status of 409/);
    await signInAs(page, DEMO_USERS.manager);
    const machine = await createMachine(page);
    const member = await (await newContext()).newPage();
    await signInAs(member, DEMO_USERS.member);
    const day = now(ZONE).plus({ days: 10 }).startOf('day');
    const booking = await book(member, machine.id, day.set({ hour: 10 }), 2);

    await page.goto(`/partner/equipment/${machine.id}/edit`);
    await waitForPage(page);
    await page.locator('#resource-closures-starts').waitFor();
    await page.fill('#resource-closures-starts', day.toISODate()!);
    await page.fill('#resource-closures-ends', day.toISODate()!);
    await page.fill('#resource-closures-reason', 'Panne du pont roulant');
    await page.click('[data-testid="resource-closures-add"]');

    const dialog = page.getByRole('dialog', { name: life.affected.title });
    await dialog.waitFor();
    const rows = dialog.locator('[data-testid="affected-booking"]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(booking.organisation.name);
    expect(await page.locator('#affected-reason').inputValue()).toBe('Panne du pont roulant');
    await expectNoAxeViolations(page, 'affected bookings dialog');

    await dialog.getByRole('radio', { name: life.affected.cancel, exact: true }).check();
    await page.click('[data-testid="affected-confirm"]');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="resource-closures-table"] >> text=Panne du pont roulant').waitFor();
    const after = await bookingOf(member, booking.id);
    expect(after).toMatchObject({ status: 'cancelled', statusReason: 'Panne du pont roulant' });
  });

  test('on a phone, the QR page of a machine checks the booker in and out', async ({ newContext }) => {
    const manager = await (await newContext()).newPage();
    await signInAs(manager, DEMO_USERS.manager);
    const machine = await createMachine(manager);
    const phone = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signInAs(phone, DEMO_USERS.member);
    // The next half hour: within the machine's one-hour check-in margin, whatever the time now.
    const current = now(ZONE);
    const start = current.startOf('hour').plus({ minutes: current.minute < 30 ? 30 : 60 });
    const booking = await book(phone, machine.id, start, 1);

    await phone.goto(`/equipment/${machine.id}/check-in`);
    await waitForPage(phone);
    const card = phone.locator('[data-testid="checkin-booking"]');
    await card.waitFor();
    expect(await phone.locator('#checkin-participants-pupils').inputValue()).toBe('4');
    await expectNoAxeViolations(phone, 'check-in (phone)');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await phone.getByRole('button', { name: life.checkIn.checkIn }).click();
    await phone.locator('[data-testid="checkin-result"]').waitFor();
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('checkin-result');
    const checkedIn = await bookingOf(phone, booking.id);
    expect(checkedIn.checkedInAt).toBeTruthy();
    expect(checkedIn.actual).toMatchObject({ pupils: 4, trainers: 1 });

    await phone.getByRole('button', { name: life.checkIn.checkOut }).click();
    await phone.locator('[data-testid="checkin-result"] >> text=/Check-out/').waitFor();
    const done = await bookingOf(phone, booking.id);
    expect(done.status).toBe('completed');
    expect(Date.parse(done.actualEnd!)).toBeGreaterThan(Date.parse(done.actualStart!));
    await expectNoAxeViolations(phone, 'after check-out (phone)');
  });

  test('a member reports an unusable machine with a photo; its manager decides for the booking it hits and resolves it; the cancelled booker is offered other slots', async ({ page, newContext, browserErrors }) => {
    // Acknowledging first answers 409 BOOKINGS_AFFECTED on purpose: that answer opens the dialog.
    browserErrors.allow(/status of 409/);
    await signInAs(page, DEMO_USERS.manager);
    const machine = await createMachine(page);
    const member = await (await newContext()).newPage();
    await signInAs(member, DEMO_USERS.member);
    const day = now(ZONE).plus({ days: 5 }).startOf('day');
    const booking = await book(member, machine.id, day.set({ hour: 10 }), 2);

    // The member, at the machine: the check-in page's report form.
    await member.goto(`/equipment/${machine.id}/check-in`);
    await waitForPage(member);
    await member.locator('#breakdown-description').waitFor();
    await member.fill('#breakdown-description', 'La broche ne tourne plus');
    await member.locator('label[for="breakdown-unusable"]').click();
    await member.setInputFiles('#breakdown-photo', { name: 'broche.png', mimeType: 'image/png', buffer: PNG });
    await expectNoAxeViolations(member, 'breakdown report form');
    await member.getByRole('button', { name: life.breakdown.submit }).click();
    await member.getByText(life.breakdown.sent).waitFor();
    const [report] = await reportsOf(member, machine.id);
    expect(report).toMatchObject({ unusable: true, status: 'open', photoUrl: `/api/breakdowns/${report.id}/photo` });
    expect((await bookingOf(member, booking.id)).status).toBe('confirmed');

    // The manager's panel: the report, its photo and the booking waiting for a decision.
    await page.goto(`/partner/equipment/${machine.id}/edit`);
    await waitForPage(page);
    const waiting = page.locator('[data-testid="breakdown-awaiting"]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain(booking.organisation.name);
    const photo = page.locator('.breakdowns__photo img');
    await photo.scrollIntoViewIfNeeded();
    await photo.waitFor();
    await page.waitForFunction(() => (document.querySelector('.breakdowns__photo img') as HTMLImageElement | null)?.complete === true);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expectNoAxeViolations(page, 'breakdowns panel');

    await page.getByRole('button', { name: life.reports.decide }).click();
    const dialog = page.getByRole('dialog', { name: life.affected.title });
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="affected-booking"]').count()).toBe(1);
    expect(await page.locator('#affected-reason').inputValue()).toBe('La broche ne tourne plus');
    await dialog.getByRole('radio', { name: life.affected.cancel, exact: true }).check();
    await page.click('[data-testid="affected-confirm"]');
    await dialog.waitFor({ state: 'hidden' });
    await waiting.waitFor({ state: 'detached' });
    expect(await bookingOf(member, booking.id)).toMatchObject({ status: 'cancelled', statusReason: 'La broche ne tourne plus' });

    await page.fill(`#breakdown-note-${report.id}`, 'Courroie remplacée');
    await page.getByRole('button', { name: life.reports.resolve }).click();
    await page.getByText(life.reports.empty).waitFor();
    expect((await reportsOf(page, machine.id))[0]).toMatchObject({ status: 'resolved', resolutionNote: 'Courroie remplacée' });
    await expectNoAxeViolations(page, 'breakdowns panel, all resolved');

    // The booker of the cancelled booking: the machine is back, its next free slots are one click away.
    await member.goto(`/bookings/${booking.id}`);
    await waitForPage(member);
    const offers = member.locator('[data-testid="booking-alternatives"]');
    await offers.getByRole('heading', { name: life.alternatives.slots }).waitFor();
    await expectNoAxeViolations(member, 'alternatives to a cancelled booking');
    const first = offers.getByRole('button', { name: /^Réserver le / }).first();
    const label = (await first.getAttribute('aria-label'))!;
    await first.click();
    await member.waitForURL((url) => /\/bookings\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(booking.id));
    const rebooked = await bookingOf(member, member.url().split('/').pop()!);
    expect(rebooked).toMatchObject({ status: 'confirmed', resource: { id: machine.id } });
    expect(label).toContain(DateTime.fromISO(rebooked.start, { zone: ZONE }).setLocale('fr-BE').toLocaleString(DateTime.TIME_24_SIMPLE));
  });

  test('the site display shows the bookings in large type without signing in, until its address is revoked', async ({ page, newContext, browserErrors }) => {
    // The revoked address answers 404 on purpose.
    browserErrors.allow(/status of 404/);
    await signInAs(page, DEMO_USERS.manager);
    const machine = await createMachine(page);
    const member = await (await newContext()).newPage();
    await signInAs(member, DEMO_USERS.member);
    const booking = await book(member, machine.id, now(ZONE).plus({ days: 1 }).startOf('day').set({ hour: 10 }), 2);
    // Start from no address (another test may have made one).
    await page.context().request.delete(`/api/sites/${machine.site.id}/display`);

    await page.goto(`/partner/sites?org=${machine.organisation.id}&site=${machine.site.id}`);
    await waitForPage(page);
    await page.getByRole('button', { name: life.displayLink.create }).click();
    const url = await page.locator('#site-display-url').inputValue();
    expect(url).toMatch(/\/display\/[^/]+$/);

    const tablet = await (await newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await tablet.goto(new URL(url).pathname);
    const row = tablet.locator('[data-testid="display-booking"]', { hasText: machine.names.fr! });
    await row.waitFor();
    expect(await row.textContent()).toContain(booking.organisation.name);
    expect(await tablet.getByRole('heading', { level: 1 }).textContent()).toBe(machine.site.name);
    // Large type, readable from the door; no navigation of the app.
    const size = await row.locator('.display__org').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    expect(await tablet.locator('nav').count()).toBe(0);
    await expectNoAxeViolations(tablet, 'site display');

    await page.getByRole('button', { name: life.displayLink.revoke }).click();
    await page.locator('.p-confirmdialog-accept-button').click();
    await page.getByText(life.displayLink.inactive).waitFor();
    await tablet.reload();
    await tablet.getByRole('alert').filter({ hasText: life.display.unavailable }).waitFor();
    await expectNoAxeViolations(tablet, 'site display, revoked');
  });
});

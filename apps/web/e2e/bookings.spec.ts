import type { AvailabilityView, BookingView, ResourceSearchPage } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { formatDate, formatRange } from '../src/utils/format';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr.bookings;
const ZONE = 'Europe/Brussels';
/** The Athénée's own workshop, approved automatically and open to its members (school hours, 30-minute slots, 1–8 h). */
const RESOURCE = 'Atelier d’électricité du bâtiment';

interface Slot {
  start: DateTime;
  end: DateTime;
}

async function resourceId(page: Page): Promise<string> {
  const response = await page.context().request.get('/api/resources', { params: { q: 'électricité bâtiment', limit: 50 } });
  const found = ((await response.json()) as ResourceSearchPage).items.find((item) => item.names.fr === RESOURCE);
  if (!found) throw new Error(`${RESOURCE} is not in the demo data`);
  return found.id;
}

/** Free, grid-aligned slots of `minutes` on the item between two instants (from the availability API, so demo bookings never get in the way). */
async function freeSlots(page: Page, id: string, from: DateTime, to: DateTime, minutes: number): Promise<Slot[]> {
  const response = await page.context().request.get(`/api/resources/${id}/availability`, { params: { from: from.toUTC().toISO()!, to: to.toUTC().toISO()! } });
  const availability = (await response.json()) as AvailabilityView;
  const slots: Slot[] = [];
  for (const span of availability.free) {
    let start = DateTime.fromISO(span.start, { zone: ZONE });
    if (start.minute % 30 !== 0) start = start.plus({ minutes: 30 - (start.minute % 30) }).startOf('minute');
    const end = DateTime.fromISO(span.end, { zone: ZONE });
    for (; start.plus({ minutes }) <= end; start = start.plus({ minutes })) slots.push({ start, end: start.plus({ minutes }) });
  }
  return slots;
}

async function bookThroughApi(page: Page, id: string, slot: Slot): Promise<BookingView> {
  const me = (await (await page.context().request.get('/api/auth/me')).json()) as { memberships: { organisationId: string }[] };
  const response = await page.context().request.post('/api/bookings', {
    data: { resourceId: id, organisationId: me.memberships[0].organisationId, purpose: 'course', start: slot.start.toUTC().toISO(), end: slot.end.toUTC().toISO() },
  });
  if (response.status() !== 201) throw new Error(`Booking answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as BookingView;
}

async function openPanel(page: Page, id: string): Promise<void> {
  await page.goto(`/equipment/${id}`);
  await waitForPage(page);
  await page.locator('.equipment-booking-panel .eq-calendar [role="grid"]').waitFor();
}

async function openDialog(page: Page, slot: Slot): Promise<void> {
  await page.locator('[data-testid="request-slot"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('#booking-date').waitFor();
  await page.fill('#booking-date', slot.start.toISODate()!);
  await page.fill('#booking-start', slot.start.toFormat('HH:mm'));
  await page.fill('#booking-end', slot.end.toFormat('HH:mm'));
}

async function submitDialog(page: Page): Promise<void> {
  await page.click('button[type="submit"][form="booking-request-form"]');
}

/** Moves a FullCalendar forward until `date` is visible (week view). */
async function showWeekOf(page: Page, container: string, date: DateTime): Promise<void> {
  const weeks = Math.round(date.startOf('week').diff(now(ZONE).startOf('week'), 'weeks').weeks);
  for (let i = 0; i < weeks; i++) {
    await page.locator(`${container} .eq-calendar button[aria-label]`).nth(1).click();
  }
}

// The Monday of next week, at least two days ahead: on a weekend, the coming Monday is within the items' 24-hour lead time.
const nextWeek = () => now(ZONE).plus({ days: 2 }).startOf('week').plus({ weeks: 1 });

/** Free slots from `weeks` weeks after next Monday, over five weeks (closures such as school holidays are skipped). */
async function slotsFrom(page: Page, id: string, weeks: number, minutes: number): Promise<Slot[]> {
  const from = nextWeek().plus({ weeks });
  const slots = await freeSlots(page, id, from, from.plus({ weeks: 5 }), minutes);
  if (slots.length === 0) throw new Error(`No free slot of ${minutes} min from ${from.toISODate()}`);
  return slots;
}

describe('booking equipment', () => {
  test('a member requests a slot next week with the keyboard, sees it confirmed, in my bookings and on the calendars', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await slotsFrom(page, id, 0, 90))[0];

    await openPanel(page, id);
    expect(await page.locator('[data-testid="calendar-zone"]').textContent()).toContain(ZONE);
    await openDialog(page, slot);
    await page.fill('#booking-participants-pupils', '8');
    await page.fill('#booking-participants-trainers', '1');
    await submitDialog(page);

    const result = page.locator('[data-testid="booking-result"]');
    await result.waitFor();
    expect(await result.textContent()).toContain(fr.dialog.result.confirmed);
    expect(await result.textContent()).toContain(formatRange(slot.start.toUTC().toISO()!, slot.end.toUTC().toISO()!, 'fr', ZONE));
    await page.getByRole('button', { name: MESSAGES.fr.common.close }).filter({ hasText: MESSAGES.fr.common.close }).click();

    // The panel's calendar shows it among the user's own bookings.
    await showWeekOf(page, '.equipment-booking-panel', slot.start);
    await page.locator('.equipment-booking-panel .eq-event--mine', { hasText: fr.statuses.confirmed }).first().waitFor();

    // My bookings, list: upcoming bookings read soonest first, page by page.
    await page.goto('/bookings');
    await waitForPage(page);
    await page.locator('[data-testid="bookings-table"] tbody tr').first().waitFor();
    const when = formatRange(slot.start.toUTC().toISO()!, slot.end.toUTC().toISO()!, 'fr', ZONE);
    const row = page.locator('[data-testid="bookings-table"] tr', { hasText: when });
    for (let pageNumber = 0; pageNumber < 10 && (await row.count()) === 0; pageNumber++) {
      const firstRow = await page.locator('[data-testid="bookings-table"] tbody tr').first().textContent();
      await page.locator('.p-paginator-next').click();
      await page.waitForFunction(
        (before) => document.querySelector('[data-testid="bookings-table"] tbody tr')?.textContent !== before,
        firstRow,
      );
    }
    expect(await row.first().textContent()).toContain(fr.statuses.confirmed);

    // My bookings, calendar.
    await page.locator('[data-testid="tab-calendar"]').click();
    await page.locator('.my-bookings .eq-calendar [role="grid"]').waitFor();
    await showWeekOf(page, '.my-bookings', slot.start);
    await page.locator('.my-bookings .eq-event', { hasText: 'Atelier' }).first().waitFor();
  });

  test('a term-long weekly series with skip-conflicts reports the skipped dates and why', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    // Mondays 15:00–16:00 for ten weeks from next week; one of them is booked first, so it must be skipped.
    const monday = nextWeek().set({ hour: 15, minute: 0 });
    let taken: Slot | undefined;
    for (let week = 1; week < 10 && !taken; week++) {
      const candidate = { start: monday.plus({ weeks: week }), end: monday.plus({ weeks: week, hours: 1 }) };
      if ((await freeSlots(page, id, candidate.start, candidate.end, 60)).length > 0) taken = candidate;
    }
    if (!taken) throw new Error('No free Monday afternoon to book first');
    await bookThroughApi(page, id, taken);

    await openPanel(page, id);
    await openDialog(page, { start: monday, end: monday.plus({ hours: 1 }) });
    await page.locator('label[for="booking-repeat"]').click();
    await page.fill('#booking-until', monday.plus({ weeks: 9 }).toISODate()!);
    await page.locator('label[for="booking-mode-skip"]').click();
    await submitDialog(page);

    const result = page.locator('[data-testid="booking-result"]');
    await result.waitFor();
    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBe(10);
    const takenRow = rows.filter({ hasText: formatDate(taken.start.toUTC().toISO()!, 'fr', ZONE) });
    expect(await takenRow.locator('[data-outcome]').getAttribute('data-outcome')).toBe('skipped');
    expect(await takenRow.textContent()).toContain(fr.series.outcomes.skipped);
    expect(await takenRow.textContent()).toMatch(/déjà pris.*15:00.*16:00/);
    expect(await result.locator('[data-outcome="booked"]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'series report');
  });

  test('a request for a taken slot names the conflicting times and offers the waitlist', async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 409/);
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await slotsFrom(page, id, 1, 60))[0];
    await bookThroughApi(page, id, slot);

    await openPanel(page, id);
    await openDialog(page, slot);
    await submitDialog(page);

    const error = page.locator('[data-testid="booking-error"]');
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    expect(message).toContain(slot.start.toFormat('HH:mm'));
    expect(message).toContain(slot.end.toFormat('HH:mm'));
    const offer = page.locator('[data-testid="waitlist-offer"]');
    await offer.getByRole('button', { name: fr.dialog.waitlist.join }).click();
    await offer.getByText(fr.dialog.waitlist.joined).waitFor();
  });

  test('cancelling a booking asks for confirmation first', async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await slotsFrom(page, id, 2, 60))[0];
    const booking = await bookThroughApi(page, id, slot);

    await page.goto(`/bookings/${booking.id}`);
    await waitForPage(page);
    await page.locator('[data-testid="cancel-booking"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(fr.cancel.title);
    await dialog.getByRole('button', { name: fr.cancel.keep }).click();
    expect(await page.locator('.status-tag').first().textContent()).toBe(fr.statuses.confirmed);

    await page.locator('[data-testid="cancel-booking"]').click();
    await page.fill('#cancel-reason', 'Sortie scolaire déplacée');
    await page.locator('[data-testid="confirm-cancel"]').click();
    await page.locator('.status-tag[data-status="cancelled"]').waitFor();
    expect(await page.locator('[data-testid="cancel-booking"]').count()).toBe(0);
  });

  test('slot times stay in the site’s zone for a browser in New York', { timeout: 120_000 }, async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 409/);
    const page = await (await newContext({ timezoneId: 'America/New_York' })).newPage();
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await slotsFrom(page, id, 3, 60)).find((s) => s.start.hour >= 9)!;
    const booking = await bookThroughApi(page, id, slot);
    const times = `${slot.start.toFormat('HH:mm')}`;

    await openPanel(page, id);
    await showWeekOf(page, '.equipment-booking-panel', slot.start);
    const event = page.locator('.equipment-booking-panel .eq-event--mine', { hasText: fr.statuses.confirmed });
    await event.first().waitFor();
    expect((await event.allTextContents()).join(' ')).toContain(times);

    // The dialog proposes and reads times at the site: the booked slot typed in Brussels time conflicts with itself.
    await openDialog(page, slot);
    await submitDialog(page);
    await page.locator('[data-testid="booking-error"]').waitFor();
    expect(await page.locator('[data-testid="booking-error"]').textContent()).toContain(times);
    await page.keyboard.press('Escape');

    await page.goto(`/bookings/${booking.id}`);
    await waitForPage(page);
    expect(await page.locator('.booking-detail__facts').textContent()).toContain(`${slot.start.toFormat('HH:mm')}–${slot.end.toFormat('HH:mm')}`);
  });
});

describe('accessibility of the booking pages', () => {
  /** Signs the member in with the interface in `locale` (no profile change), and books a slot of their own to look at. */
  async function setUp(page: Page, locale: 'fr' | 'nl'): Promise<{ id: string; booking: BookingView; slot: Slot }> {
    await page.context().addInitScript((lang) => localStorage.setItem('equipole.locale', lang), locale);
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await slotsFrom(page, id, 4, 60))[0];
    return { id, slot, booking: await bookThroughApi(page, id, slot) };
  }

  for (const locale of ['fr', 'nl'] as const) {
    test(`the equipment calendar and the booking dialog have no WCAG 2.2 AA violation (${locale})`, { timeout: 120_000 }, async ({ page }) => {
      const { id, slot } = await setUp(page, locale);
      await openPanel(page, id);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      await expectNoAxeViolations(page, `equipment calendar (${locale})`);
      await openDialog(page, slot);
      await page.locator('label[for="booking-repeat"]').click();
      await expectNoAxeViolations(page, `booking dialog (${locale})`);
    });

    test(`my bookings (list, calendar, waitlists) have no WCAG 2.2 AA violation (${locale})`, { timeout: 120_000 }, async ({ page }) => {
      await setUp(page, locale);
      await page.goto('/bookings');
      await waitForPage(page);
      await page.locator('[data-testid="bookings-table"] tbody tr').first().waitFor();
      await expectNoAxeViolations(page, `my bookings, list (${locale})`);
      await page.locator('[data-testid="tab-calendar"]').click();
      await page.locator('.my-bookings .eq-event').first().waitFor();
      await expectNoAxeViolations(page, `my bookings, calendar (${locale})`);
      await page.locator('[data-testid="tab-waitlist"]').click();
      await page.locator('.my-bookings [role="tabpanel"]:visible p').first().waitFor();
      await expectNoAxeViolations(page, `my bookings, waitlists (${locale})`);
    });

    test(`a booking's page and its cancel dialog have no WCAG 2.2 AA violation (${locale})`, { timeout: 120_000 }, async ({ page }) => {
      const { booking } = await setUp(page, locale);
      await page.goto(`/bookings/${booking.id}`);
      await waitForPage(page);
      await page.locator('.booking-detail__facts').waitFor();
      await expectNoAxeViolations(page, `booking detail (${locale})`);
      await page.locator('[data-testid="cancel-booking"]').click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, `cancel dialog (${locale})`);
    });
  }
});

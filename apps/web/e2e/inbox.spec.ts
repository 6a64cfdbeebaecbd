import type { AvailabilityView, BookingView, CurrentUser, Page as ApiPage, ResourceSearchPage } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr;
const nl = MESSAGES.nl;
const ZONE = 'Europe/Brussels';
/**
 * Escaut Industrie's 5-axis machining centre: every request waits for the owner's approval, it is
 * open to the metal cluster (the Athénée is a member) and needs the CNC authorisation, which the
 * Athénée's trainer holds. 30-minute slots, 1–8 h, a 30-minute buffer after each booking.
 */
const RESOURCE = 'Centre d’usinage 5 axes';
/** Another item of the same owner, whose demo requests the empty-state test decides first. */
const OTHER_RESOURCE = 'Simulateur de soudage en réalité virtuelle';
const MEMBER_ORGANISATION = 'Athénée technique des Collines';
const MEMBER_NAME = 'Julien Lefebvre';
const DUTCH_MANAGER = 'beheer@vlaskouter.test';
/** Manages the sector fund (no equipment) and Usinage Hainaut Précision. */
const FUND_MANAGER = 'fund@fonds-metal.test';

interface Slot {
  start: DateTime;
  end: DateTime;
}

async function resourceIdOf(page: Page, name: string): Promise<string> {
  const response = await page.context().request.get('/api/resources', { params: { limit: 100 } });
  const found = ((await response.json()) as ResourceSearchPage).items.find((item) => item.names.fr === name);
  if (!found) throw new Error(`${name} is not in the demo data`);
  return found.id;
}

/** Free two-hour slots on the item during the given week (from the availability API, so demo bookings never get in the way). */
async function freeSlots(page: Page, id: string, monday: DateTime): Promise<Slot[]> {
  const response = await page.context().request.get(`/api/resources/${id}/availability`, {
    params: { from: monday.toUTC().toISO()!, to: monday.plus({ days: 7 }).toUTC().toISO()! },
  });
  const availability = (await response.json()) as AvailabilityView;
  const slots: Slot[] = [];
  for (const span of availability.free) {
    let start = DateTime.fromISO(span.start, { zone: ZONE });
    if (start.minute % 30 !== 0) start = start.plus({ minutes: 30 - (start.minute % 30) }).startOf('minute');
    const end = DateTime.fromISO(span.end, { zone: ZONE });
    // Two hours, then the item's 30-minute buffer before the next slot we may take.
    for (; start.plus({ hours: 2, minutes: 30 }) <= end; start = start.plus({ hours: 2, minutes: 30 })) slots.push({ start, end: start.plus({ hours: 2 }) });
  }
  return slots;
}

/** A week a few weeks ahead (past the lead time, inside the 90-day horizon), different for each test. */
const weekAhead = (weeks: number) => now(ZONE).startOf('week').plus({ weeks });

/** The member asks for the slot through the API, in a context of their own. */
async function requestAsMember(member: Page, resourceId: string, slot: Slot): Promise<BookingView> {
  const me = (await (await member.context().request.get('/api/auth/me')).json()) as CurrentUser;
  const response = await member.context().request.post('/api/bookings', {
    data: {
      resourceId,
      organisationId: me.memberships[0].organisationId,
      purpose: 'course',
      participants: { pupils: 2, trainers: 1 },
      notes: 'Initiation à la programmation 5 axes',
      start: slot.start.toUTC().toISO(),
      end: slot.end.toUTC().toISO(),
    },
  });
  if (response.status() !== 201) throw new Error(`Booking answered ${response.status()}: ${await response.text()}`);
  const booking = (await response.json()) as BookingView;
  expect(booking.status).toBe('pending');
  return booking;
}

async function memberPage(newContext: () => Promise<BrowserContext>): Promise<Page> {
  const member = await (await newContext()).newPage();
  await signInAs(member, DEMO_USERS.member);
  return member;
}

async function bookingStatus(page: Page, id: string): Promise<BookingView> {
  return (await (await page.context().request.get(`/api/bookings/${id}`)).json()) as BookingView;
}

async function openInbox(page: Page, resourceId: string): Promise<void> {
  await page.goto(`/partner/requests?resource=${resourceId}`);
  await waitForPage(page);
  await page.locator('[data-testid="pending-count"], [data-testid="pending-empty"]').first().waitFor();
}

const card = (page: Page, id: string) => page.locator(`[data-testid="request-card"][data-booking-id="${id}"]`);

describe('partner inbox', () => {
  test('a manager approves a member’s request: it leaves the pending list, shows confirmed in the decisions and on the planning', { timeout: 120_000 }, async ({ page, newContext }) => {
    const member = await memberPage(newContext);
    const resourceId = await resourceIdOf(member, RESOURCE);
    const monday = weekAhead(3);
    const [slot] = await freeSlots(member, resourceId, monday);
    const request = await requestAsMember(member, resourceId, slot);

    await signInAs(page, DEMO_USERS.manager);
    await openInbox(page, resourceId);
    const requestCard = card(page, request.id);
    await requestCard.waitFor();
    const text = (await requestCard.textContent()) ?? '';
    expect(text).toContain(MEMBER_ORGANISATION);
    expect(text).toContain(MEMBER_NAME);
    expect(text).toContain(fr.bookings.purposes.course);
    expect(text).toContain('Initiation à la programmation 5 axes');
    expect(text).toContain(ZONE);
    expect(await requestCard.locator('[data-testid="conflict"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'partner requests (fr)');

    await requestCard.locator('[data-testid="approve"]').click();
    await page.locator('.p-toast-message', { hasText: fr.inbox.toast.approved }).waitFor();
    await requestCard.waitFor({ state: 'detached' });
    expect((await bookingStatus(page, request.id)).status).toBe('confirmed');

    await page.locator('[data-testid="tab-decisions"]').click();
    const decided = page.locator('[data-testid="decisions-table"] tbody tr', { has: page.locator(`a[href="/bookings/${request.id}"]`) });
    await decided.waitFor();
    expect(await decided.locator('[data-status]').getAttribute('data-status')).toBe('confirmed');
    await expectNoAxeViolations(page, 'partner recent decisions (fr)');

    // The planning of that week shows it, in the item's row and the session's day, and opens it.
    await page.goto(`/partner/planning?week=${monday.toISODate()}`);
    await waitForPage(page);
    const onPlanning = page.locator(`tr[data-resource-id="${resourceId}"] td[data-day="${slot.start.toISODate()}"] a[data-booking-id="${request.id}"]`);
    await onPlanning.waitFor();
    expect(await onPlanning.getAttribute('data-status')).toBe('confirmed');
    expect(await onPlanning.textContent()).toContain(`${slot.start.toFormat('HH:mm')}–${slot.end.toFormat('HH:mm')}`);
    expect(await page.locator('[data-testid="planning-week"]').textContent()).toContain(String(monday.day));
    await expectNoAxeViolations(page, 'partner planning (fr)');

    // Next week, then back with the keyboard-reachable buttons; the address keeps the week.
    await page.locator('[data-testid="next-week"]').click();
    await onPlanning.waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.searchParams.get('week') === monday.plus({ weeks: 1 }).toISODate());
    await page.locator('[data-testid="previous-week"]').click();
    await onPlanning.click();
    await page.waitForURL(`**/bookings/${request.id}`);
  });

  test('declining needs a reason, which the requester then reads on the booking', { timeout: 120_000 }, async ({ page, newContext }) => {
    const member = await memberPage(newContext);
    const resourceId = await resourceIdOf(member, RESOURCE);
    const [slot] = await freeSlots(member, resourceId, weekAhead(4));
    const request = await requestAsMember(member, resourceId, slot);

    await signInAs(page, DEMO_USERS.manager);
    await openInbox(page, resourceId);
    await card(page, request.id).locator('[data-testid="decline"]').click();
    await page.locator('#decline-reason').waitFor();
    await page.click('[data-testid="confirm-decline"]');
    expect(await page.locator('#decline-reason-error').textContent()).toBe(fr.inbox.decline.reasonRequired);
    expect(await page.getAttribute('#decline-reason', 'aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'decline dialog (fr)');

    const reason = 'Machine réservée pour un audit ce jour-là : proposez le jeudi suivant.';
    await page.fill('#decline-reason', reason);
    await page.click('[data-testid="confirm-decline"]');
    await page.locator('.p-toast-message', { hasText: fr.inbox.toast.declined }).waitFor();
    await card(page, request.id).waitFor({ state: 'detached' });

    const seen = await bookingStatus(member, request.id);
    expect(seen.status).toBe('declined');
    expect(seen.statusReason).toBe(reason);
  });

  test('overlapping pending requests are highlighted and left out of bulk approval, which approves the others', { timeout: 120_000 }, async ({ page, newContext }) => {
    const member = await memberPage(newContext);
    const resourceId = await resourceIdOf(member, RESOURCE);
    const slots = await freeSlots(member, resourceId, weekAhead(5));
    const [first, second, third] = [await requestAsMember(member, resourceId, slots[0]), await requestAsMember(member, resourceId, slots[1]), await requestAsMember(member, resourceId, slots[2])];

    // The database refuses two overlapping pending requests of one item, so the second one is
    // played by the browser: a copy of the first, an hour later, added to the API's answer.
    const ghostId = '00000000-0000-4000-8000-000000000001';
    await page.route('**/api/bookings?*', async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('status') !== 'pending') return route.fallback();
      const response = await route.fetch();
      const body = (await response.json()) as ApiPage<BookingView>;
      const original = body.items.find((b) => b.id === first.id);
      if (original) {
        const shift = (iso: string) => DateTime.fromISO(iso).plus({ hours: 1 }).toUTC().toISO()!;
        body.items.push({ ...original, id: ghostId, start: shift(original.start), end: shift(original.end) });
        body.total += 1;
      }
      return route.fulfill({ response, json: body });
    });

    await signInAs(page, DEMO_USERS.manager);
    await openInbox(page, resourceId);
    for (const id of [first.id, ghostId]) {
      const conflict = card(page, id).locator('[data-testid="conflict"]');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain(MEMBER_ORGANISATION);
      expect(await card(page, id).locator('input[type="checkbox"]').count()).toBe(0);
    }
    expect(await card(page, second.id).locator('[data-testid="conflict"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'partner requests with a conflict (fr)');
    await page.unroute('**/api/bookings?*');

    await card(page, second.id).locator('input[type="checkbox"]').check();
    await card(page, third.id).locator('input[type="checkbox"]').check();
    await page.click('[data-testid="bulk-approve"]');
    await page.locator('.p-confirmdialog-accept-button').click();
    await page.locator('.p-toast-message', { hasText: '2 demandes approuvées' }).waitFor();
    await card(page, second.id).waitFor({ state: 'detached' });
    await card(page, third.id).waitFor({ state: 'detached' });
    expect((await bookingStatus(page, second.id)).status).toBe('confirmed');
    expect((await bookingStatus(page, third.id)).status).toBe('confirmed');
    expect((await bookingStatus(page, first.id)).status).toBe('pending');
  });

  test('an item without pending requests and a week without bookings show their empty states', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    const otherId = await resourceIdOf(page, OTHER_RESOURCE);
    const waiting = (await (await page.context().request.get('/api/bookings', { params: { scope: 'inbox', resourceId: otherId, limit: 500 } })).json()) as ApiPage<BookingView>;
    for (const booking of waiting.items) {
      const response = await page.context().request.post(`/api/bookings/${booking.id}/approve`, { data: {} });
      expect(response.status()).toBe(200);
    }
    await openInbox(page, otherId);
    await page.locator('[data-testid="pending-empty"]').waitFor();
    expect(await page.locator('[data-testid="pending-empty"] h3').textContent()).toBe(fr.inbox.requests.emptyTitle);
    await expectNoAxeViolations(page, 'empty inbox (fr)');

    const farWeek = weekAhead(40);
    await page.goto(`/partner/planning?week=${farWeek.toISODate()}`);
    await waitForPage(page);
    await page.locator('[data-testid="planning-none"]').waitFor();
    await expectNoAxeViolations(page, 'empty planning week (fr)');
  });

  test('a Dutch-speaking manager reads the inbox, the decisions and the planning in Dutch', { timeout: 120_000 }, async ({ newContext }) => {
    const farWeek = weekAhead(40);
    const dutch = await (await newContext({ locale: 'nl-BE' })).newPage();
    await signInAs(dutch, DUTCH_MANAGER);
    await dutch.goto('/partner/requests');
    await waitForPage(dutch);
    expect(await dutch.getAttribute('html', 'lang')).toBe('nl');
    expect(await dutch.locator('h1').textContent()).toBe(nl.pages.partnerRequests.title);
    await dutch.locator('[data-testid="pending-count"], [data-testid="pending-empty"]').first().waitFor();
    await expectNoAxeViolations(dutch, 'partner requests (nl)');
    await dutch.locator('[data-testid="tab-decisions"]').click();
    await dutch.locator('[data-testid="decisions-table"], [data-testid="decisions-empty"]').first().waitFor();
    await expectNoAxeViolations(dutch, 'recent decisions (nl)');

    await dutch.goto('/partner/planning');
    await waitForPage(dutch);
    await dutch.locator('[data-testid="planning-count"]').waitFor();
    expect(await dutch.locator('[data-testid="planning-week"]').textContent()).toContain('Week van');
    await expectNoAxeViolations(dutch, 'partner planning (nl)');
    await dutch.goto(`/partner/planning?week=${farWeek.toISODate()}`);
    await dutch.locator('[data-testid="planning-none"]').waitFor();
    expect(await dutch.locator('[data-testid="planning-none"]').textContent()).toBe(nl.inbox.planning.none);
  });
});

describe('all bookings (coordinators)', () => {
  test('filters by status and period, and shows an empty state when nothing matches', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/admin/bookings');
    await waitForPage(page);
    await page.locator('[data-testid="all-table"] tbody tr').first().waitFor();
    const allCount = await page.locator('[data-testid="all-count"]').textContent();
    await expectNoAxeViolations(page, 'all bookings (fr)');

    await page.click('[data-testid="filter-status"]');
    await page.locator('[role="option"]', { hasText: fr.bookings.statuses.declined }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await page.waitForFunction((before) => document.querySelector('[data-testid="all-count"]')?.textContent !== before, allCount);
    await page.locator('[data-testid="all-table"] tbody tr [data-status]').first().waitFor();
    const statuses = await page.locator('[data-testid="all-table"] tbody tr [data-status]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['declined']));

    // A period far in the future: nothing matches.
    await page.fill('#all-from', '2031-01-01');
    await page.fill('#all-to', '2031-01-31');
    await page.locator('[data-testid="all-empty"]').waitFor();
    expect(await page.locator('[data-testid="all-empty"] h2').textContent()).toBe(fr.inbox.all.emptyTitle);
    await expectNoAxeViolations(page, 'all bookings, nothing matches (fr)');

    // An end before the start is explained next to the field, and nothing is asked of the API.
    await page.fill('#all-to', '2030-12-01');
    expect(await page.locator('#all-to-error').textContent()).toBe(fr.inbox.all.periodOrder);
  });

  test('reads in Dutch and passes axe, a coordinator’s planning included', { timeout: 120_000 }, async ({ newContext }) => {
    const page = await (await newContext({ locale: 'nl-BE' })).newPage();
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/admin/bookings');
    await waitForPage(page);
    expect(await page.locator('h1').textContent()).toBe(nl.pages.allBookings.title);
    await page.locator('[data-testid="all-table"] tbody tr').first().waitFor();
    await expectNoAxeViolations(page, 'all bookings (nl)');

    // A coordinator's planning starts on the first organisation that publishes equipment.
    await page.goto('/partner/planning');
    await waitForPage(page);
    await page.locator('[data-testid="planning-count"]').waitFor();
    expect(await page.locator('.planning-grid tbody tr').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'coordinator planning (nl)');
  });

  test('a manager of an organisation without equipment is told how to start', { timeout: 120_000 }, async ({ newContext }) => {
    const page = await (await newContext({ locale: 'nl-BE' })).newPage();
    await signInAs(page, FUND_MANAGER);
    const me = (await (await page.context().request.get('/api/auth/me')).json()) as CurrentUser;
    const fund = me.memberships.find((m) => m.organisationName.startsWith('Fonds'));
    if (!fund) throw new Error('The fund manager does not manage the sector fund');
    await page.goto(`/partner/planning?org=${fund.organisationId}`);
    await waitForPage(page);
    await page.locator('[data-testid="planning-empty"]').waitFor();
    expect(await page.locator('[data-testid="planning-empty"] h2').textContent()).toBe(nl.inbox.planning.emptyTitle);
    await expectNoAxeViolations(page, 'planning without equipment (nl)');
    await page.click('[data-testid="planning-organisation"]');
    await page.locator('[role="option"]', { hasText: 'Hainaut' }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await page.locator('[data-testid="planning-count"]').waitFor();
    await page.waitForURL((url) => url.searchParams.get('org') !== fund.organisationId);
  });
});

import type { AvailabilityView, BookingView, OutboxEmail, Page as ApiPage, ResourceSearchPage } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

/** Issue 19: what people hit when booking — errors they can see, phones, three languages. */
const ZONE = 'Europe/Brussels';
/** The Athénée's own workshop, confirmed automatically (30-minute slots, 1–8 h). */
const RESOURCE = 'Atelier d’électricité du bâtiment';
const PHONE = { viewport: { width: 390, height: 844 } };

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

async function availability(page: Page, id: string, from: DateTime, to: DateTime): Promise<AvailabilityView> {
  const response = await page.context().request.get(`/api/resources/${id}/availability`, { params: { from: from.toUTC().toISO()!, to: to.toUTC().toISO()! } });
  return (await response.json()) as AvailabilityView;
}

/** Free 30-minute-aligned slots of `minutes`, from `weeks` weeks after next Monday, over five weeks. */
async function freeSlots(page: Page, id: string, weeks: number, minutes: number): Promise<Slot[]> {
  const from = now(ZONE).plus({ days: 2 }).startOf('week').plus({ weeks: 1 + weeks });
  const slots: Slot[] = [];
  for (const span of (await availability(page, id, from, from.plus({ weeks: 5 }))).free) {
    let start = DateTime.fromISO(span.start, { zone: ZONE });
    if (start.minute % 30 !== 0) start = start.plus({ minutes: 30 - (start.minute % 30) }).startOf('minute');
    const end = DateTime.fromISO(span.end, { zone: ZONE });
    for (; start.plus({ minutes }) <= end; start = start.plus({ minutes })) slots.push({ start, end: start.plus({ minutes }) });
  }
  if (slots.length === 0) throw new Error(`No free slot of ${minutes} min`);
  return slots;
}

async function book(page: Page, id: string, slot: Slot): Promise<BookingView> {
  const me = (await (await page.context().request.get('/api/auth/me')).json()) as { memberships: { organisationId: string }[] };
  const response = await page.context().request.post('/api/bookings', {
    data: { resourceId: id, organisationId: me.memberships[0].organisationId, purpose: 'course', start: slot.start.toUTC().toISO(), end: slot.end.toUTC().toISO() },
  });
  if (response.status() !== 201) throw new Error(`Booking answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as BookingView;
}

async function openDialog(page: Page, id: string): Promise<void> {
  await page.goto(`/equipment/${id}`);
  await waitForPage(page);
  await page.locator('.equipment-booking-panel .eq-calendar [role="grid"]').waitFor();
  await page.locator('[data-testid="request-slot"]').click();
  await page.locator('#booking-request-form[data-proposal="settled"]').waitFor();
}

async function proposedSlot(page: Page): Promise<Slot> {
  const [date, start, end] = await Promise.all(['#booking-date', '#booking-start', '#booking-end'].map((field) => page.inputValue(field)));
  return { start: DateTime.fromISO(`${date}T${start}`, { zone: ZONE }), end: DateTime.fromISO(`${date}T${end}`, { zone: ZONE }) };
}

/** No horizontal scrolling of the page itself (a wide table may scroll inside its own region). */
async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scroll: root.scrollWidth, viewport: root.clientWidth };
  });
  expect(widths.scroll, `${label} is wider than the phone`).toBeLessThanOrEqual(widths.viewport);
}

describe('booking: errors people can see', () => {
  test('a refused request on a phone is scrolled into view and focused; the dialog never proposes a taken slot', { timeout: 120_000 }, async ({ newContext, browserErrors }) => {
    browserErrors.allow(/status of 409/);
    const page = await (await newContext(PHONE)).newPage();
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);

    // Whatever the dialog proposes first, someone takes it: the next opening proposes another, free one.
    await openDialog(page, id);
    const first = await proposedSlot(page);
    await book(page, id, first);
    await openDialog(page, id);
    const second = await proposedSlot(page);
    expect(second.start.toISO()).not.toBe(first.start.toISO());
    const open = await availability(page, id, second.start.minus({ hours: 1 }), second.end.plus({ hours: 1 }));
    expect(
      open.free.some((span) => Date.parse(span.start) <= second.start.toMillis() && second.end.toMillis() <= Date.parse(span.end)),
      'the proposed slot is free',
    ).toBe(true);

    // The slot taken above, typed in: the refusal is at the dialog's foot, yet it is what the user sees and where focus is.
    await page.fill('#booking-date', first.start.toISODate()!);
    await page.fill('#booking-start', first.start.toFormat('HH:mm'));
    await page.fill('#booking-end', first.end.toFormat('HH:mm'));
    await page.click('button[type="submit"][form="booking-request-form"]');
    const error = page.locator('[data-testid="booking-error"]');
    await error.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'booking-error');
    const box = await page.evaluate(() => {
      const rect = document.querySelector('[data-testid="booking-error"]')!.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    expect(await error.textContent()).toContain(first.start.toFormat('HH:mm'));
    await expectNoAxeViolations(page, 'booking dialog with a refusal (390 px)');
  });
});

describe('publishing equipment: errors people can see', () => {
  test('a refused publication is summarised at the top and focused; once published, the photos come next; a closure already over is refused at its field', { timeout: 180_000 }, async ({ page, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.manager);
    await page.goto('/partner/equipment/new');
    await waitForPage(page);
    await page.locator('#editor-rules-hours-1-0-start').waitFor();

    // No name: the summary opens the form, in view, with focus — not 3,000 px below at the button.
    await page.click('[data-testid="save-equipment"]');
    const summary = page.locator('[data-testid="editor-errors"]');
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'editor-errors');
    const box = await page.evaluate(() => {
      const rect = document.querySelector('[data-testid="editor-errors"]')!.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    expect(await summary.textContent()).toContain(MESSAGES.fr.common.errors.checkFields);
    await expectNoAxeViolations(page, 'equipment editor with a refusal');

    const name = `Plieuse de démonstration ${Math.random().toString(36).slice(2, 8)}`;
    await page.fill('#editor-name-fr', name);
    await page.fill('#editor-capacity', '4');
    await page.click('[data-testid="save-equipment"]');
    await page.waitForURL(/\/partner\/equipment\/[^/]+\/edit#editor-photos$/);
    await page.waitForFunction(() => document.activeElement?.id === 'editor-photos');
    const id = /equipment\/([^/]+)\/edit/.exec(page.url())![1];

    // Last week is over: the API refuses it (400, translated), the form shows it at the end date and focuses it.
    const today = now(ZONE);
    await page.fill('#resource-closures-starts', today.minus({ days: 8 }).toISODate()!);
    await page.fill('#resource-closures-ends', today.minus({ days: 1 }).toISODate()!);
    await page.fill('#resource-closures-reason', 'Inventaire');
    const answer = page.waitForResponse((response) => response.url().endsWith(`/api/resources/${id}/closures`) && response.request().method() === 'POST');
    await page.click('[data-testid="resource-closures-add"]');
    expect((await answer).status()).toBe(400);
    await page.waitForFunction(() => document.activeElement?.id === 'resource-closures-ends');
    expect(await page.locator('#resource-closures-ends-error').textContent()).toContain('Cette fermeture est déjà passée');
    // Out of the catalogue again, for the other journeys.
    expect((await page.context().request.post(`/api/resources/${id}/status`, { data: { status: 'retired' } })).status()).toBe(200);
  });
});

describe('booking: a weekly series is confirmed by email', () => {
  test('one email lists the dates booked and skipped, in the outbox the coordinators read', { timeout: 120_000 }, async ({ page, newContext }) => {
    await signInAs(page, DEMO_USERS.member);
    const coordinator = await (await newContext()).newPage();
    await signInAs(coordinator, DEMO_USERS.coordinator);
    const outbox = async () => ((await (await coordinator.context().request.get('/api/outbox', { params: { limit: 100 } })).json()) as ApiPage<OutboxEmail>).items;
    const before = new Set((await outbox()).map((email) => email.id));
    const id = await resourceId(page);
    // A slot free on four weeks running, whatever the demo holds around today: the test takes the second
    // week itself, so the series skips exactly that one.
    const slots = await freeSlots(page, id, 6, 60);
    const free = new Set(slots.map((one) => one.start.toMillis()));
    const slot = slots.find((one) => [1, 2, 3].every((weeks) => free.has(one.start.plus({ weeks }).toMillis())));
    if (!slot) throw new Error('No slot free four weeks running');
    // The second week is taken first: the series skips it.
    await book(page, id, { start: slot.start.plus({ weeks: 1 }), end: slot.end.plus({ weeks: 1 }) });

    await page.goto(`/equipment/${id}`);
    await waitForPage(page);
    await page.locator('[data-testid="request-slot"]').click();
    await page.locator('#booking-request-form[data-proposal="settled"]').waitFor();
    await page.fill('#booking-date', slot.start.toISODate()!);
    await page.fill('#booking-start', slot.start.toFormat('HH:mm'));
    await page.fill('#booking-end', slot.end.toFormat('HH:mm'));
    await page.locator('label[for="booking-repeat"]').click();
    await page.fill('#booking-until', slot.start.plus({ weeks: 3 }).toISODate()!);
    await page.click('button[type="submit"][form="booking-request-form"]');
    const result = page.locator('[data-testid="booking-result"]');
    await result.waitFor();
    // vue-i18n plurals, no "date(s)".
    expect(await result.locator('[role="status"]').textContent()).toBe('3 dates réservées, 1 ignorée.');

    const emails = (await outbox()).filter((email) => !before.has(email.id) && email.kind === 'booking_series' && email.recipient === DEMO_USERS.member);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe(`Réservations confirmées : ${RESOURCE}, 3 dates`);
    expect(emails[0].textBody).toMatch(/Dates réservées :/);
    expect(emails[0].textBody).toMatch(/Date ignorée :/);
    await coordinator.goto('/admin/emails');
    await waitForPage(coordinator);
    await coordinator.getByText(emails[0].subject).first().waitFor();
  });
});

describe('search in three languages', () => {
  test('Dutch "lassen" and French "soudeur" find the welding equipment (stemming, occupations)', async ({ page }) => {
    await page.context().addInitScript(() => localStorage.setItem('equipole.locale', 'nl'));
    await page.goto('/equipment?q=lassen');
    await waitForPage(page);
    const names = page.locator('.catalogue__list h3 a');
    await names.filter({ hasText: 'Robotlascel' }).waitFor();
    const found = (await names.allTextContents()).map((name) => name.trim());
    expect(found).toEqual(expect.arrayContaining(['Robotlascel', 'VR-lassimulator', 'MIG/MAG-lasatelier (12 posten)']));

    await page.goto('/equipment?q=soudeur');
    await names.filter({ hasText: 'Robotlascel' }).waitFor();
    await expectNoAxeViolations(page, 'catalogue search (nl)');
  });
});

describe('phones (390 px)', () => {
  test('my bookings, the equipment calendar and week table, and the reports fit the screen', { timeout: 180_000 }, async ({ newContext }) => {
    const page = await (await newContext(PHONE)).newPage();
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    const slot = (await freeSlots(page, id, 2, 60))[1];
    const booking = await book(page, id, slot);

    // My bookings: each booking is a card whose date, status and cancel button are on screen.
    await page.goto('/bookings');
    await waitForPage(page);
    await page.locator('[data-testid="bookings-table"] tbody tr').first().waitFor();
    await expectNoHorizontalScroll(page, 'my bookings');
    const cancel = page.locator('[data-testid="cancel-booking"]').first();
    const cancelBox = (await cancel.boundingBox())!;
    expect(cancelBox.x + cancelBox.width).toBeLessThanOrEqual(390);
    const statusBox = (await page.locator('[data-testid="bookings-table"] .status-tag').first().boundingBox())!;
    expect(statusBox.x + statusBox.width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page, 'my bookings (390 px)');
    await page.locator('[data-testid="tab-calendar"]').click();
    await page.locator('.my-bookings .eq-calendar [role="grid"]').waitFor();
    await expectNoHorizontalScroll(page, 'my bookings, calendar');

    // The equipment page: the week table starts today, the calendar's day headers keep their dates.
    await page.goto(`/equipment/${id}`);
    await waitForPage(page);
    await page.locator('.week__table').waitFor();
    await page.locator('.equipment-booking-panel .eq-calendar [role="grid"]').waitFor();
    await expectNoHorizontalScroll(page, 'equipment page');
    const firstDay = (await page.locator('.week__table thead th abbr').first().textContent())!;
    expect(firstDay).toContain(String(now(ZONE).day));
    const headers = await page.locator('.equipment-booking-panel .eq-calendar [role="columnheader"]').allTextContents();
    const dayHeaders = headers.map((text) => text.trim()).filter(Boolean);
    expect(dayHeaders.length).toBeGreaterThan(0);
    for (const header of dayHeaders) expect(header).toMatch(/\d/);
    await expectNoAxeViolations(page, 'equipment page (390 px)');

    // Reports: figures come before the filters, nothing wider than the screen.
    await page.goto('/reports');
    await waitForPage(page);
    await page.locator('[data-indicator="occupancyRate"] .tile__value').waitFor();
    await page.locator('[data-block="trend"] .report-table').waitFor();
    await expectNoHorizontalScroll(page, 'reports');
    const tileTop = (await page.locator('[data-indicator="occupancyRate"]').boundingBox())!.y;
    expect(tileTop, 'the first figure shows on the first screen').toBeLessThan(844);
    const filtersTop = (await page.locator('[data-testid="report-filters-toggle"]').boundingBox())!.y;
    expect(filtersTop, 'the folded filters come after the figures').toBeGreaterThan(tileTop);
    expect(await page.locator('[data-testid="report-filters-toggle"]').getAttribute('open')).toBeNull();
    await expectNoAxeViolations(page, 'reports (390 px)');

    expect(booking.id).toBeTruthy();
  });
});

describe('coordinators: emails and all bookings', () => {
  test('the emails page says no SMTP server sends them; all bookings start this week, with a search box and sortable columns; the navigation stays on one line at 1366 px', { timeout: 120_000 }, async ({ newContext }) => {
    const page = await (await newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await signInAs(page, DEMO_USERS.coordinator);

    // The browser journeys run without SMTP_URL: the outbox is where emails stay.
    await page.goto('/admin/emails');
    await waitForPage(page);
    const banner = page.locator('[data-testid="no-smtp"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(MESSAGES.fr.directory.emails.noSmtpTitle);
    await expectNoAxeViolations(page, 'emails without SMTP');

    // Every item of the main navigation on a single line.
    const wrapped = await page.locator('#primary-nav > li > a:visible').evaluateAll((links) =>
      links
        .filter((link) => {
          const text = document.createRange();
          text.selectNodeContents(link);
          return new Set(Array.from(text.getClientRects()).map((line) => Math.round(line.top))).size > 1;
        })
        .map((link) => link.textContent?.trim()),
    );
    expect(wrapped).toEqual([]);
    const tops = await page.locator('#primary-nav > li').evaluateAll((items) =>
      new Set(items.filter((item) => item.getClientRects().length > 0).map((item) => Math.round(item.getBoundingClientRect().top))).size,
    );
    expect(tops, 'the navigation is one row').toBe(1);

    await page.goto('/admin/bookings');
    await waitForPage(page);
    const monday = now(ZONE).startOf('week');
    expect(await page.inputValue('#all-from')).toBe(monday.toISODate());
    const rows = page.locator('[data-testid="all-table"] tbody tr');
    await rows.first().waitFor();
    const listed = async (params: Record<string, string>) =>
      ((await (await page.context().request.get('/api/bookings', { params: { scope: 'all', limit: 25, ...params } })).json()) as ApiPage<BookingView>).items;
    const firstShown = (await listed({ from: monday.toUTC().toISO()!, sort: 'start' }))[0];
    expect(DateTime.fromISO(firstShown.end) > monday, 'the first booking shown is this week or later').toBe(true);

    // Sorting by equipment: the header says so, and the API answers in that order.
    const answer = page.waitForResponse((response) => response.url().includes('/api/bookings?') && response.url().includes('sort=equipment'));
    await page.locator('[data-testid="all-table"] th', { hasText: MESSAGES.fr.inbox.request.equipment }).click();
    await answer;
    expect(await page.locator('[data-testid="all-table"] th[aria-sort="ascending"]').textContent()).toContain(MESSAGES.fr.inbox.request.equipment);

    // Searching: only bookings whose equipment, organisations or notes hold the words.
    const searched = page.waitForResponse((response) => response.url().includes('/api/bookings?') && response.url().includes('q=robot'));
    await page.fill('#all-search', 'robot');
    await searched;
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="all-table"] tbody tr')).every((row) => /robot/i.test(row.textContent ?? '')));
    await expectNoAxeViolations(page, 'all bookings, searched and sorted');
  });
});

describe('the equipment page: one week for the table and the calendar', () => {
  test('moving either the week table or the calendar moves both, without drift', { timeout: 120_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    const id = await resourceId(page);
    await page.goto(`/equipment/${id}`);
    await waitForPage(page);
    const table = page.locator('.week__table');
    await table.waitFor();
    const panel = page.locator('.equipment-booking-panel');
    await panel.locator('.eq-calendar [role="grid"]').waitFor();
    const today = now(ZONE).startOf('day');
    const tableFirstDay = async () => (await table.locator('thead th abbr').first().getAttribute('title'))!;
    const calendarDays = async () => (await panel.locator('.eq-calendar [role="columnheader"]').allTextContents()).map((text) => text.trim()).filter(Boolean);
    const dayLabel = (day: DateTime) => day.setLocale('fr-BE').toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
    expect(await tableFirstDay()).toBe(dayLabel(today));

    // The table's next week: the calendar follows to the same Monday.
    for (let step = 1; step <= 2; step++) {
      const monday = today.startOf('week').plus({ weeks: step });
      await page.getByRole('button', { name: MESSAGES.fr.catalogue.week.next }).click();
      await page.waitForFunction((label) => document.querySelector('.week__table thead th abbr')?.getAttribute('title') === label, dayLabel(monday));
      await page.waitForFunction(
        (day) => (document.querySelector('.equipment-booking-panel .eq-calendar [role="columnheader"]')?.textContent ?? '').includes(day),
        String(monday.day),
      );
    }
    // The calendar's previous week: the table follows back.
    const previous = today.startOf('week').plus({ weeks: 1 });
    await panel.getByRole('button', { name: 'Précédent', exact: true }).click();
    await page.waitForFunction((label) => document.querySelector('.week__table thead th abbr')?.getAttribute('title') === label, dayLabel(previous));
    expect((await calendarDays())[0]).toContain(String(previous.day));
    await panel.getByRole('button', { name: 'Précédent', exact: true }).click();
    await page.waitForFunction((label) => document.querySelector('.week__table thead th abbr')?.getAttribute('title') === label, dayLabel(today));
    expect(await page.getByRole('button', { name: MESSAGES.fr.catalogue.week.previous }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page, 'equipment page, weeks moved');
  });
});

describe('PrimeVue speaks the app’s language', () => {
  test('the paginator’s screen-reader labels are Dutch on a Dutch page, and follow a change of language', { timeout: 120_000 }, async ({ page }) => {
    await page.context().addInitScript(() => localStorage.setItem('equipole.locale', 'nl'));
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/admin/bookings');
    await waitForPage(page);
    // From the start of the demo's bookings: several pages.
    await page.fill('#all-from', '2020-01-01');
    const first = page.locator('[data-testid="all-table"] .p-paginator-first');
    await first.waitFor();
    expect(await first.getAttribute('aria-label')).toBe(MESSAGES.nl.primevue.firstPageLabel);
    expect(await page.locator('[data-testid="all-table"] .p-paginator-next').getAttribute('aria-label')).toBe(MESSAGES.nl.primevue.nextPageLabel);
    await page.click('.language-switch [data-locale="fr"]');
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await page.waitForFunction((label) => document.querySelector('[data-testid="all-table"] .p-paginator-first')?.getAttribute('aria-label') === label, MESSAGES.fr.primevue.firstPageLabel);
    await expectNoAxeViolations(page, 'all bookings, paginator in French');
  });
});

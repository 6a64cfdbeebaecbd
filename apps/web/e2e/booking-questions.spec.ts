import type { AvailabilityView, BookingView, ResourceSearchPage } from '@equipole/shared';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const fr = MESSAGES.fr;
const ZONE = 'Europe/Brussels';
/** The Athénée's own workshop, approved automatically and open to its members. */
const RESOURCE = 'Atelier d’électricité du bâtiment';
const QUESTION = 'Matériel à prévoir par l’école';

async function resourceId(page: Page): Promise<string> {
  const response = await page.context().request.get('/api/resources', { params: { q: 'électricité bâtiment', limit: 50 } });
  const found = ((await response.json()) as ResourceSearchPage).items.find((item) => item.names.fr === RESOURCE);
  if (!found) throw new Error(`${RESOURCE} is not in the demo data`);
  return found.id;
}

/** A free 90-minute slot on the item two to six weeks ahead (from the availability API). */
async function freeSlot(page: Page, id: string): Promise<{ start: DateTime; end: DateTime }> {
  const from = now(ZONE).plus({ days: 2 }).startOf('week').plus({ weeks: 2 });
  const response = await page.context().request.get(`/api/resources/${id}/availability`, { params: { from: from.toUTC().toISO()!, to: from.plus({ weeks: 4 }).toUTC().toISO()! } });
  for (const span of ((await response.json()) as AvailabilityView).free) {
    let start = DateTime.fromISO(span.start, { zone: ZONE });
    if (start.minute % 30 !== 0) start = start.plus({ minutes: 30 - (start.minute % 30) }).startOf('minute');
    if (start.plus({ minutes: 90 }) <= DateTime.fromISO(span.end, { zone: ZONE })) return { start, end: start.plus({ minutes: 90 }) };
  }
  throw new Error('No free slot');
}

describe('partners’ own questions', () => {
  test('a coordinator adds a required choice question to an item; a member must answer it in the booking dialog and sees the answer on the booking', { timeout: 180_000 }, async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    const id = await resourceId(page);
    try {
      await journey(page, id);
    } finally {
      // The files of a worker share one server: the item goes back to asking nothing.
      await page.context().clearCookies();
      await signInAs(page, DEMO_USERS.coordinator);
      await page.context().request.put(`/api/resources/${id}/questions`, { data: { questions: [] } });
    }
  });
});

/** The coordinator's part, then the member's. */
async function journey(page: Page, id: string): Promise<void> {
  await page.goto(`/partner/equipment/${id}/edit`);
  await waitForPage(page);
  await page.locator('#equipment-questions form').waitFor();

  // With the keyboard: add a question, make it a required choice, label it, list the choices.
  await page.getByRole('button', { name: fr.partner.questions.add }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('question-0-kind');
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: fr.partner.questions.kinds.choice }).click();
  await page.locator('#question-0-required').check();
  await page.fill('#question-0-label-fr', QUESTION);
  await page.fill('#question-0-label-nl', 'Materiaal mee te brengen');
  await page.fill('#question-0-options', 'Rien\nCâbles et gaines\nTableau électrique');
  await expectNoAxeViolations(page, 'equipment editor with a question (fr)');
  await page.click('[data-testid="save-questions"]');
  await page.getByText(fr.partner.questions.saved).waitFor();
  const saved = await (await page.context().request.get(`/api/resources/${id}/questions`)).json();
  expect(saved).toEqual([expect.objectContaining({ kind: 'choice', required: true, options: ['Rien', 'Câbles et gaines', 'Tableau électrique'] })]);

  // The member books: the dialog asks the question and will not send without an answer.
  await page.context().clearCookies();
  await signInAs(page, DEMO_USERS.member);
  const slot = await freeSlot(page, id);
  await page.goto(`/equipment/${id}`);
  await waitForPage(page);
  await page.locator('[data-testid="request-slot"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('#booking-date').waitFor();
  await page.fill('#booking-date', slot.start.toISODate()!);
  await page.fill('#booking-start', slot.start.toFormat('HH:mm'));
  await page.fill('#booking-end', slot.end.toFormat('HH:mm'));
  const fieldset = page.locator('[data-testid="booking-questions"]');
  await fieldset.waitFor();
  expect(await fieldset.textContent()).toContain(QUESTION);
  await page.click('button[type="submit"][form="booking-request-form"]');
  await page.getByText(fr.bookings.questions.required).waitFor();
  await expectNoAxeViolations(page, 'booking dialog with a question (fr)');

  await page.locator(`[data-testid="booking-questions"] [aria-invalid="true"], [data-testid="booking-questions"] .p-select`).first().click();
  await page.getByRole('option', { name: 'Câbles et gaines' }).click();
  const created = page.waitForResponse((response) => response.url().endsWith('/api/bookings') && response.request().method() === 'POST');
  await page.click('button[type="submit"][form="booking-request-form"]');
  const booking = (await (await created).json()) as BookingView;
  await page.locator('[data-testid="booking-result"]').waitFor();
  expect(booking.answers).toEqual([expect.objectContaining({ value: 'Câbles et gaines' })]);

  // The booking page shows the answer.
  await page.goto(`/bookings/${booking.id}`);
  await waitForPage(page);
  const answers = page.locator('[data-testid="booking-answers"]');
  await answers.waitFor();
  expect(await answers.textContent()).toContain(QUESTION);
  expect(await answers.textContent()).toContain('Câbles et gaines');
  await expectNoAxeViolations(page, 'booking with answers (fr)');
}

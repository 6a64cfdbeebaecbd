import type { EmailPreferences, OutboxEmail, Page as ApiPage } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';

const fr = MESSAGES.fr.notifications;
const nl = MESSAGES.nl.notifications;

/** Toasts fade in: axe would measure their colours half-way through the animation. */
async function toastsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.p-toast-message-enter-active, .p-toast-message-leave-active'));
}

async function openProfile(page: Page): Promise<void> {
  await page.goto('/profile');
  await waitForPage(page);
  await page.locator('[data-test="personal-feed-panel"] [data-test="feed-state"]').waitFor();
}

async function feedUrl(page: Page): Promise<string> {
  const input = page.locator('[data-test="feed-url"]');
  await input.waitFor();
  return new URL(await input.inputValue()).pathname;
}

async function acceptConfirmation(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: label }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('notification settings on the profile', () => {
  test('a member switches reminders off and on; managers’ emails are not offered to them', async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    await openProfile(page);
    expect(await page.locator('#notification-emails-title').textContent()).toBe(fr.emails.title);
    await page.locator('[data-test="email-pref-reminders"]').waitFor();
    expect(await page.locator('[data-test="email-pref-equipmentActivity"]').count()).toBe(0);
    expect(await page.locator('[data-test="email-pref-digest"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'profile notifications (member, fr)');

    const reminders = page.locator('#email-pref-reminders');
    expect(await reminders.isChecked()).toBe(true);
    await page.getByText(fr.emails.reminders.label, { exact: true }).click();
    await page.locator('.p-toast').getByText(fr.emails.saved).waitFor();
    const saved = (await (await page.context().request.get('/api/auth/me/notifications')).json()) as EmailPreferences;
    expect(saved).toMatchObject({ reminders: false, waitlist: true });

    await page.reload();
    await waitForPage(page);
    await page.locator('[data-test="email-pref-reminders"]').waitFor();
    expect(await page.locator('#email-pref-reminders').isChecked()).toBe(false);
    await page.locator('#email-pref-reminders').focus();
    // The box ticks at once; the preference is saved when the request answers.
    const savedAgain = page.waitForResponse((response) => response.url().endsWith('/api/auth/me/notifications') && response.request().method() !== 'GET');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (document.querySelector('#email-pref-reminders') as HTMLInputElement | null)?.checked === true);
    expect((await savedAgain).ok()).toBe(true);
    await page.locator('.p-toast').getByText(fr.emails.saved).waitFor();
    await toastsSettled(page);
    expect(((await (await page.context().request.get('/api/auth/me/notifications')).json()) as EmailPreferences).reminders).toBe(true);
  });

  test('the personal calendar URL is shown once, serves the bookings as iCalendar, and stops working when regenerated or revoked', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInAs(page, DEMO_USERS.member);
    await openProfile(page);
    expect(await page.locator('[data-test="personal-feed-panel"] [data-test="feed-state"]').textContent()).toContain(fr.feed.inactive);

    await page.locator('[data-test="feed-create"]').click();
    const first = await feedUrl(page);
    expect(first).toMatch(/^\/api\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    await page.locator('[data-test="feed-copy"]').click();
    await page.locator('.p-toast').getByText(fr.feed.copied).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/api\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    await toastsSettled(page);
    await expectNoAxeViolations(page, 'profile with a new calendar URL');

    const ics = await page.context().request.get(first);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const body = await ics.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toContain('DTSTART;TZID=Europe/Brussels:');
    expect(body).toContain('BEGIN:VTIMEZONE');

    await page.locator('[data-test="feed-regenerate"]').click();
    await acceptConfirmation(page, fr.feed.regenerate);
    await page.waitForFunction((old) => !(document.querySelector('[data-test="feed-url"]') as HTMLInputElement | null)?.value.endsWith(old), first);
    const second = await feedUrl(page);
    expect(second).not.toBe(first);
    expect((await page.context().request.get(first)).status()).toBe(404);
    expect((await page.context().request.get(second)).status()).toBe(200);

    await page.reload();
    await openProfile(page);
    expect(await page.locator('[data-test="feed-url"]').count(), 'the URL is never shown again').toBe(0);
    expect(await page.getByText(fr.feed.lostHint).count()).toBe(1);
    await page.locator('[data-test="feed-revoke"]').click();
    await acceptConfirmation(page, fr.feed.revoke);
    await page.locator('[data-test="personal-feed-panel"] [data-test="feed-state"]').filter({ hasText: fr.feed.inactive }).waitFor();
    expect((await page.context().request.get(second)).status()).toBe(404);
  });

  test('speaks Dutch to a Dutch-speaking member', async ({ newContext }) => {
    const page = await (await newContext({ locale: 'nl-BE' })).newPage();
    await signInAs(page, DEMO_USERS.dutchMember);
    await openProfile(page);
    await page.getByText(nl.emails.reminders.label, { exact: true }).waitFor();
    expect(await page.locator('#notification-feed-title').textContent()).toBe(nl.feed.personalTitle);
    await expectNoAxeViolations(page, 'profile notifications (nl)');
  });

  test('a manager also chooses the emails about their equipment', async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    await openProfile(page);
    await page.locator('[data-test="email-pref-digest"]').waitFor();
    expect(await page.getByText(fr.emails.equipmentActivity.label, { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'profile notifications (manager)');
  });
});

describe('booking emails in the demo', () => {
  test('the coordinators’ Emails page shows booking emails the demo wrote', async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    // Every page of the outbox: journeys that ran earlier on this server may have written many emails since the demo's.
    const outboxPage = async (offset: number) =>
      (await (await page.context().request.get('/api/outbox', { params: { limit: 200, offset } })).json()) as ApiPage<OutboxEmail>;
    const outbox = await outboxPage(0);
    const kinds = new Set(outbox.items.map((email) => email.kind));
    for (let offset = 200; offset < outbox.total; offset += 200) for (const email of (await outboxPage(offset)).items) kinds.add(email.kind);
    for (const kind of ['booking_requested', 'booking_confirmed', 'booking_cancelled', 'booking_reminder', 'pending_digest']) expect(kinds).toContain(kind);
    // The page shows the newest 50 as the API pages them (the demo's newest may be of any kind): the newest is on screen.
    await page.goto('/admin/emails');
    await waitForPage(page);
    await page.getByText(outbox.items[0].subject).first().waitFor();
  });
});

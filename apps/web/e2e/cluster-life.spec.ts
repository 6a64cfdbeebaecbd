import { readFile } from 'node:fs/promises';
import type { InterregReport } from '@equipole/shared';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';
import { now } from './support/clock';

const LONG = { timeout: 180_000 };
const fr = MESSAGES.fr;
const ZONE = 'Europe/Brussels';
/** A 1×1 PNG: a real image by its bytes, as the API checks. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4c80000000049454e44ae426082', 'hex');

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
}

async function metalCluster(page: Page): Promise<{ id: string; name: string }> {
  const clusters: { id: string; name: string }[] = await (await page.context().request.get('/api/clusters')).json();
  return clusters.find((c) => /m[ée]tal/i.test(c.name)) ?? clusters[0];
}

/** Sessions, a cluster's public page and its printed evaluation report (issue 22). */
describe('the cluster’s life', () => {
  test('a partner publishes a session, a school registers a group, and both appear on the cluster’s public page', LONG, async ({ page, newContext }) => {
    await signInAs(page, DEMO_USERS.manager);
    const cluster = await metalCluster(page);
    await page.goto('/sessions/new');
    await waitForPage(page);
    await page.locator('#session-site option').first().waitFor({ state: 'attached' });
    await page.selectOption('#session-cluster', cluster.id);
    const title = `Découverte du soudage ${Date.now() % 100000}`;
    await page.fill('#session-titleFr', title);
    const day = now(ZONE).startOf('day').plus({ days: 12 });
    await page.fill('#session-start', day.set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#session-end', day.set({ hour: 12 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.fill('#session-seats', '12');
    await page.check('input[type="checkbox"][value="school"]');
    await settle(page);
    await expectNoAxeViolations(page, 'publish a session');
    await page.click('[data-test="session-submit"]');
    await page.locator('main h1', { hasText: title }).waitFor();
    const sessionUrl = new URL(page.url()).pathname;
    expect(sessionUrl).toMatch(/^\/sessions\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-test="session-seats"]').textContent()).toContain('12');
    await settle(page);
    await expectNoAxeViolations(page, 'session (host)');

    // A teacher of a school registers a group of ten, on a phone-sized screen.
    const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const teacher = await phone.newPage();
    await signInAs(teacher, DEMO_USERS.member);
    await teacher.goto(sessionUrl);
    await teacher.locator('main h1', { hasText: title }).waitFor();
    await teacher.fill('#register-pupils', '9');
    await teacher.fill('#register-trainers', '1');
    await settle(teacher);
    await expectNoAxeViolations(teacher, 'register a group (390 px)');
    await teacher.click('[data-test="register-submit"]');
    const result = teacher.locator('[data-test="register-result"]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/10/);
    // Announced to screen readers, in view.
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.isVisible()).toBe(true);
    expect(await teacher.locator('[data-test="session-seats"]').textContent()).toContain('2');
    expect(await teacher.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The host sees the group and its contact.
    await page.reload();
    await page.locator('[data-test="host-groups"] li').first().waitFor();

    // A visitor reads the cluster's public page, with the new session.
    const visitor = await (await newContext()).newPage();
    await visitor.goto(`/clusters/${cluster.id}/page`);
    await visitor.locator('main h1', { hasText: cluster.name }).waitFor();
    await visitor.locator('[data-test="session-cards"]', { hasText: title }).waitFor();
    await settle(visitor);
    await expectNoAxeViolations(visitor, 'public cluster page');
  });

  test('the host edits a published session by keyboard, then records who came once it has started', LONG, async ({ page, newContext, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.manager);
    const api = page.context().request;
    const me = (await (await api.get('/api/auth/me')).json()) as { memberships: { organisationId: string; role: string }[] };
    const host = me.memberships.find((m) => m.role === 'manager')!.organisationId;
    const [site] = (await (await api.get(`/api/organisations/${host}/sites`)).json()) as { id: string }[];
    // Starts in 40 seconds: published (and registered for) before, attendance recorded after.
    const start = now(ZONE).plus({ seconds: 40 }).startOf('second');
    const title = `Démonstration plieuse ${Date.now() % 100000}`;
    const created = await api.post('/api/sessions', {
      data: { kind: 'demonstration', organisationId: host, siteId: site.id, titleFr: title, seats: 10, start: start.toISO(), end: start.plus({ hours: 3 }).toISO() },
    });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as { id: string };
    const teacher = await (await newContext()).newPage();
    await signInAs(teacher, DEMO_USERS.member);
    const school = ((await (await teacher.context().request.get('/api/auth/me')).json()) as { memberships: { organisationId: string }[] }).memberships[0].organisationId;
    const registered = await teacher.context().request.post(`/api/sessions/${session.id}/registrations`, {
      data: { organisationId: school, group: { pupils: 6, trainers: 1 }, contact: { name: 'Mme Lemaire', email: 'lemaire@example.test' } },
    });
    expect(registered.status()).toBe(201);

    await page.goto(`/sessions/${session.id}`);
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.locator('[data-test="host-groups"] li').first().waitFor();
    await page.focus('[data-test="session-edit-open"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-test="session-edit"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-titleFr');
    // Fewer seats than the group holds: refused, the message in view and focused, the field explained.
    await page.fill('#edit-seats', '3');
    await page.focus('#edit-seats');
    await page.keyboard.press('Enter');
    await page.locator('[data-test="session-edit-error"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('session-edit-error');
    expect(await page.locator('#edit-seats-error').textContent()).toContain('7');
    await settle(page);
    await expectNoAxeViolations(page, 'edit a session (refused)');
    const renamed = `${title} (modifiée)`;
    await page.fill('#edit-titleFr', renamed);
    await page.fill('#edit-seats', '14');
    await page.focus('[data-test="session-edit-save"]');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: renamed }).waitFor();
    expect(await page.locator('[data-test="session-seats"]').textContent()).toContain('14');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'session-edit-open');

    // Once it has started, the host records who came: the form starts from the group as registered.
    await page.waitForTimeout(Math.max(0, start.toMillis() - now(ZONE).toMillis()) + 1000);
    await page.reload();
    await page.locator('[data-test="attendance-form"]').waitFor();
    const pupils = page.locator('[data-test="attendance-form"] input[id$="-pupils"]');
    expect(await pupils.inputValue()).toBe('6');
    await pupils.fill('5');
    await settle(page);
    await expectNoAxeViolations(page, 'record attendance');
    await page.focus('[data-test="attendance-save"]');
    await page.keyboard.press('Enter');
    const result = page.locator('[data-test="attendance-result"]');
    await result.waitFor();
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.textContent()).toContain('6');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'attendance-result');
    await page.locator('main', { hasText: fr.life.sessions.held }).waitFor();
    const held = (await (await api.get(`/api/sessions/${session.id}/registrations`)).json()) as { attended: { pupils: number; trainers: number } | null }[];
    expect(held[0].attended).toMatchObject({ pupils: 5, trainers: 1 });
  });

  test('a school rates a completed booking from its page, once; coordinators read only aggregates', LONG, async ({ page, newContext, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.member);
    const pending = (await (await page.context().request.get('/api/satisfaction/pending')).json()) as { subject: string; id: string; rater: string }[];
    const booking = pending.find((p) => p.subject === 'booking' && p.rater === 'booker')!;
    expect(booking).toBeDefined();
    await page.goto(`/bookings/${booking.id}`);
    const link = page.locator('[data-test="rate-link"]');
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/satisfaction\?/);
    const form = page.locator('[data-target="true"]');
    await form.waitFor();
    // The linked form comes first and takes the focus.
    await page.waitForFunction(() => document.activeElement?.closest('[data-target="true"]') !== null && document.activeElement?.tagName === 'H2');
    expect(await page.locator('[data-test="rating-form"]').first().getAttribute('data-target')).toBe('true');

    // Sent without scores: refused, the error in view and focused, each criterion explained.
    await form.locator('[data-test="rating-send"]').click();
    await form.locator('[data-test="rating-error"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('rating-error');
    expect(await form.locator('.satisfaction__error').count()).toBe(3);
    await settle(page);
    await expectNoAxeViolations(page, 'rate a booking (refused)');

    // By keyboard: the first radio of a scale, then arrows move the choice.
    for (const criterion of ['equipmentCondition', 'welcome', 'relevance']) {
      await form.locator(`input[name$="-${criterion}"][value="1"]`).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
    }
    expect(await form.locator('input[type="radio"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['4', '4', '4']);
    const comment = `Accueil parfait ${Date.now() % 100000}`;
    await form.locator('textarea').fill(comment);
    await form.locator('[data-test="rating-send"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-test="rating-thanks"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'rating-thanks');
    await page.locator('[data-target="true"]').waitFor({ state: 'detached' });
    const after = (await (await page.context().request.get('/api/satisfaction/pending')).json()) as { id: string }[];
    expect(after.some((p) => p.id === booking.id)).toBe(false);
    const again = await page.context().request.post('/api/satisfaction', { data: { subject: 'booking', id: booking.id, rater: 'booker', equipmentCondition: 5, welcome: 5, relevance: 5 } });
    expect(again.status()).toBe(409);

    // A coordinator reads averages and counts, hidden below 3 answers, and never the comment.
    const coordinator = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signInAs(coordinator, DEMO_USERS.coordinator);
    await coordinator.goto('/reports');
    await coordinator.locator('[data-testid="satisfaction-link"]').click();
    const summary = coordinator.locator('[data-test="satisfaction-summary"]');
    await summary.locator('[data-test="satisfaction-partners"]').waitFor();
    expect(await summary.locator('[data-test="satisfaction-total"]').textContent()).toMatch(/\d+ réponses? en tout/);
    expect(await summary.textContent()).toContain('moins de 3 réponses');
    expect(await coordinator.locator('main').textContent()).not.toContain(comment);
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await settle(coordinator);
    await expectNoAxeViolations(coordinator, 'satisfaction summary (390 px)');
  });

  test('a coordinator publishes a good practice naming the partners involved, with a photo, which a visitor reads and sees on the public page', LONG, async ({ page, newContext, browserErrors }) => {
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.coordinator);
    const cluster = await metalCluster(page);
    await page.goto(`/clusters/${cluster.id}/page`);
    const form = page.locator('[data-test="story-form"]');
    await form.waitFor();
    // Sent empty: refused, the message in view and focused.
    await form.locator('[data-test="story-submit"]').click();
    await form.locator('[data-test="story-error"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('story-error');
    const title = `Un atelier partagé par deux pays ${Date.now() % 100000}`;
    await page.fill('#story-title', title);
    await page.fill('#story-body', 'Les élèves du lycée ont soudé sur la machine du centre, de l’autre côté de la frontière.');
    // The partners involved, by keyboard: Space ticks a checkbox.
    const boxes = form.locator('[data-test="story-partners"] input[type="checkbox"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (const index of [0, 1]) {
      await boxes.nth(index).focus();
      await page.keyboard.press('Space');
      names.push(((await boxes.nth(index).locator('xpath=..').textContent()) ?? '').trim().replace(/ \([A-Z]{2}\)$/, ''));
    }
    // A photo: the wrong type is refused in the browser, a real one previewed; its description is asked for.
    await page.setInputFiles('#story-photo', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas une image') });
    await form.locator('#story-photo-error').filter({ hasText: fr.partner.photos.problems.type }).waitFor();
    expect(await form.locator('[data-test="story-photo-preview"]').count()).toBe(0);
    await page.setInputFiles('#story-photo', { name: 'atelier.png', mimeType: 'image/png', buffer: PNG });
    await form.locator('[data-test="story-photo-preview"]').waitFor();
    expect(await form.locator('#story-photo-error').count()).toBe(0);
    await form.locator('[data-test="story-submit"]').click();
    await form.locator('#story-photo-alt-fr-error').filter({ hasText: fr.life.cluster.storyPhotoAltRequired }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('story-photo-alt-fr');
    const alt = 'Deux apprentis soudent une pièce au centre';
    await page.fill('#story-photo-alt-fr', alt);
    await settle(page);
    await expectNoAxeViolations(page, 'publish a good practice with a photo');
    await form.locator('[data-test="story-submit"]').focus();
    await page.keyboard.press('Enter');
    const story = page.locator('article', { hasText: title });
    await story.waitFor();
    expect(await story.textContent()).toContain(fr.life.cluster.storyPartners.replace('{names}', names.join(', ')));
    await story.locator(`img[alt="${alt}"]`).waitFor();
    // The form is empty again, its photo gone.
    expect(await form.locator('[data-test="story-photo-chosen"]').count()).toBe(0);

    const visitor = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await visitor.goto(`/clusters/${cluster.id}/page`);
    const seen = visitor.locator('article', { hasText: title });
    await seen.waitFor();
    expect(await visitor.locator('[data-test="story-form"]').count()).toBe(0);
    expect(await seen.locator('[data-test="story-photo-delete"]').count()).toBe(0);
    // The uploaded photo itself, served without signing in, with its description.
    const image = seen.locator('[data-test="story-photo"]');
    expect(await image.getAttribute('alt')).toBe(alt);
    await image.scrollIntoViewIfNeeded();
    await visitor.waitForFunction((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth === 1, await image.elementHandle());
    await settle(visitor);
    await expectNoAxeViolations(visitor, 'public cluster page with a good practice and its photo (390 px)');

    // The coordinator removes the photo, after a confirmation; the story stays.
    await story.locator('[data-test="story-photo-delete"]').click();
    const dialog = page.locator('.p-confirmdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: fr.life.cluster.storyPhotoRemove }).click();
    await page.getByText(fr.life.cluster.storyPhotoRemoved).waitFor();
    await story.locator('[data-test="story-photo"]').waitFor({ state: 'detached' });
    expect(await story.textContent()).toContain(title);
  });

  test('a coordinator prints a cluster’s evaluation report', LONG, async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    const cluster = await metalCluster(page);
    await page.goto(`/clusters/${cluster.id}/evaluation`);
    await page.locator('main h1', { hasText: cluster.name }).waitFor();
    await page.locator('[data-test="evaluation-table"] tbody tr').first().waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'evaluation report');

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => { (window as unknown as { printed: number }).printed++; };
    });
    await page.click('[data-test="print-evaluation"]');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // Printed: the report without the app's header, footer and period form.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('[data-test="print-evaluation"]').isVisible()).toBe(false);
    expect(await page.locator('[data-test="evaluation-table"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
  test('a coordinator reads the Interreg proxies per cluster, exports them as CSV, and reads them as cards on a phone', LONG, async ({ page, newContext }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/clusters');
    await waitForPage(page);
    await page.click('[data-test="interreg-link"]');
    await page.locator('main h1', { hasText: fr.life.interreg.title }).waitFor();
    const rows = page.locator('[data-test="interreg-table"] tbody tr');
    await rows.first().waitFor();

    // The figures are the API's for the period the page shows (the last 12 whole months by default).
    const from = await page.inputValue('#interreg-from');
    const to = await page.inputValue('#interreg-to');
    const report: InterregReport = await (await page.context().request.get(`/api/interreg?from=${from}&to=${to}`)).json();
    expect(await rows.count()).toBe(report.clusters.length);
    for (const row of report.clusters) {
      const cells = await page.locator(`[data-test="interreg-table"] tr[data-cluster="${row.cluster.id}"] td`).allTextContents();
      expect(cells.map((cell) => Number(cell.replace(/\D/g, '')))).toEqual([
        row.rco87.value, row.rco87.crossBorderPartnerships, row.rco81.value, row.rco81.bookingParticipants, row.rco81.sessionParticipants,
      ]);
    }
    expect(await page.locator('main').textContent()).toContain(fr.life.interreg.rco87Definition);
    await settle(page);
    await expectNoAxeViolations(page, 'Interreg indicators');

    // Another period: the results take the focus and say which period they show.
    const lastMonth = now(ZONE).minus({ months: 1 }).startOf('month').toISODate()!;
    await page.fill('#interreg-from', lastMonth);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/api/interreg?') && response.url().includes(`from=${lastMonth}`) && response.ok()),
      page.click('[data-test="interreg-show"]'),
    ]);
    await rows.first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('interreg__results'))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="interreg-csv"]')]);
    expect(download.suggestedFilename()).toMatch(/^equipole-interreg-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('RCO');

    // On a phone, each cluster is a card: no horizontal scrolling.
    const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await signInAs(small, DEMO_USERS.coordinator);
    await small.goto('/clusters/interreg');
    await small.locator('[data-test="interreg-table"] tbody tr').first().waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await settle(small);
    await expectNoAxeViolations(small, 'Interreg indicators (390 px)');
  });
});

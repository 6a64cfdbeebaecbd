import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { DEMO_USERS, MESSAGES, signInAs, waitForPage } from './support/app';
import { test } from './support/browser';

const fr = MESSAGES.fr.directory;
const nl = MESSAGES.nl.directory;
/** Demo organisations (apps/api/src/database/demo/demo-catalogue.ts). */
const ESCAUT = 'Centre de formation Escaut Industrie';
const ATHENEE = 'Athénée technique des Collines';

const unique = () => randomUUID().slice(0, 8);
/** The longer journeys run axe several times; a shared two-core machine needs more than the default minute. */
const LONG = { timeout: 180_000 };

/** Waits for overlays and dialogs to finish their transitions (axe reads colours mid-fade), then runs axe. */
async function checkA11y(page: Page, label: string): Promise<void> {
  await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
  await expectNoAxeViolations(page, label);
}

/** Picks an option of a PrimeVue Select by its visible label. */
async function choose(page: Page, inputId: string, option: string): Promise<void> {
  await page.click(`#${inputId}`);
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
}

async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.p-toast-message', { hasText: text }).first().waitFor();
}

/** Switches the interface language and waits for the switch's transitions to end (axe reads colours mid-fade). */
async function switchLanguage(page: Page, locale: 'fr' | 'nl' | 'en'): Promise<void> {
  await page.click(`.language-switch [data-locale="${locale}"]`);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity));
}

async function openOrganisation(page: Page, name: string): Promise<void> {
  await page.goto('/organisations');
  await waitForPage(page);
  await page.getByRole('link', { name, exact: true }).click();
  await page.locator('main h1', { hasText: name }).waitFor();
}

describe('organisations directory', () => {
  test('a coordinator creates an organisation, invites its manager and reads the invitation email', LONG, async ({ page, browserErrors }) => {
    // The first attempt is meant to fail validation.
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/organisations');
    await waitForPage(page);
    await page.locator('[data-test="organisations-table"]').getByRole('link', { name: ESCAUT }).waitFor();
    await checkA11y(page, 'organisations (coordinator)');

    const name = `Institut Saint-Luc ${unique()}`;
    await page.getByRole('button', { name: fr.organisations.create }).click();
    await page.locator('[data-test="organisation-form"]').waitFor();
    await choose(page, 'new-organisation-kind', fr.kinds.school);
    await page.fill('#new-organisation-name', name);
    await page.fill('#new-organisation-city', 'Tournai');
    await page.fill('#new-organisation-registrationNumber', '0403.170.702');
    await page.fill('#new-organisation-website', 'saint-luc.example');
    await checkA11y(page, 'create organisation dialog');
    await page.getByRole('button', { name: MESSAGES.fr.common.create, exact: true }).click();

    // The API's messages land under their fields, and nothing is created.
    const numberError = page.locator('#new-organisation-registrationNumber-error');
    await numberError.waitFor();
    expect((await numberError.textContent())?.trim()).not.toBe('');
    expect(await page.getAttribute('#new-organisation-registrationNumber', 'aria-describedby')).toContain('new-organisation-registrationNumber-error');
    await page.locator('#new-organisation-website-error').waitFor();
    await checkA11y(page, 'create organisation dialog with errors');

    await page.fill('#new-organisation-registrationNumber', '0403.170.701');
    await page.fill('#new-organisation-website', 'https://saint-luc.example');
    await page.getByRole('button', { name: MESSAGES.fr.common.create, exact: true }).click();
    await toast(page, fr.organisations.created.replace('{name}', name));

    // Straight on to the invitation of its first manager.
    const invite = page.locator('[data-test="invite-form"]');
    await invite.waitFor();
    await page.locator('.p-dialog-title', { hasText: fr.organisations.inviteFirstTitle }).waitFor();
    const email = `direction-${unique()}@saint-luc.test`;
    await page.fill('#invite-email', email);
    await page.fill('#invite-name', 'Anne Direction');
    expect((await page.locator('#invite-role').textContent())?.trim()).toBe(fr.roles.manager);
    await page.getByRole('button', { name: fr.invite.submit }).click();
    await toast(page, fr.invite.sent.replace('{email}', email));

    await page.locator('main h1', { hasText: name }).waitFor();
    const row = page.locator('[data-test="members-table"] tr', { hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain(fr.members.pending);
    await checkA11y(page, 'new organisation page');

    await page.goto('/admin/emails');
    await waitForPage(page);
    await page.locator('[data-test="emails-table"]').waitFor();
    await page.fill('#emails-recipient', email.toUpperCase());
    const emailRow = page.locator('[data-test="emails-table"] tbody tr', { hasText: email });
    await emailRow.waitFor();
    expect(await page.locator('[data-test="emails-table"] tbody tr').count()).toBe(1);
    expect(await emailRow.textContent()).toContain(name);
    await checkA11y(page, 'emails page, filtered');

    await emailRow.getByRole('button', { name: fr.emails.readShort }).click();
    const body = page.locator('[data-test="email-dialog"] [data-test="email-text"]').first();
    await body.waitFor();
    expect(await body.textContent()).toMatch(/\/invitation\/[A-Za-z0-9_-]+/);
    await checkA11y(page, 'email dialog');
  });

  test('a manager sees the members of their organisation, invites a member and changes a role', LONG, async ({ page }) => {
    await signInAs(page, DEMO_USERS.manager);
    await openOrganisation(page, ESCAUT);
    await page.locator('[data-test="members-table"]').getByText(DEMO_USERS.manager).waitFor();
    await checkA11y(page, 'own organisation (manager)');

    const email = `stagiaire-${unique()}@escaut-industrie.test`;
    await page.getByRole('button', { name: fr.invite.open }).click();
    await page.locator('[data-test="invite-form"]').waitFor();
    expect((await page.locator('#invite-role').textContent())?.trim()).toBe(fr.roles.member);
    await page.fill('#invite-email', email);
    await page.fill('#invite-name', 'Léa Stagiaire');
    await page.getByRole('button', { name: fr.invite.submit }).click();
    await toast(page, fr.invite.sent.replace('{email}', email));

    const row = page.locator('[data-test="members-table"] tbody tr', { hasText: email });
    await row.waitFor();
    await page.click(`[data-test="role-${email}"]`);
    await page.getByRole('option', { name: fr.roles.manager, exact: true }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await toast(page, fr.members.roleChanged.replace('{name}', 'Léa Stagiaire').replace('{role}', fr.roles.manager.toLowerCase()));
    expect((await page.locator(`[data-test="role-${email}"]`).textContent())?.trim()).toBe(fr.roles.manager);

    // And removes her again, after confirming.
    await row.getByRole('button', { name: fr.members.remove.replace('{name}', 'Léa Stagiaire') }).click();
    await page.locator('.p-confirmdialog').waitFor();
    await checkA11y(page, 'remove member confirmation');
    await page.locator('.p-confirmdialog').getByRole('button', { name: fr.members.removeAccept }).click();
    await toast(page, fr.members.removed.replace('{name}', 'Léa Stagiaire'));
    await row.waitFor({ state: 'detached' });
  });

  test('a member sees the directory and their colleagues but cannot invite or create', LONG, async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    await page.goto('/organisations');
    await waitForPage(page);
    await page.locator('[data-test="organisations-table"]').waitFor();
    expect(await page.getByRole('button', { name: fr.organisations.create }).count()).toBe(0);

    await page.fill('#organisations-search', 'athenee');
    await page.locator('[data-test="organisations-table"] tbody tr').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-test="organisations-table"] tbody tr').length === 1);
    await choose(page, 'organisations-country', fr.countries.FR);
    await page.locator('.empty-state', { hasText: fr.organisations.noMatchTitle }).waitFor();
    await checkA11y(page, 'organisations, no match');
    await page.locator('main').getByRole('button', { name: fr.resetFilters }).first().click();
    await page.locator('[data-test="organisations-table"]').getByRole('link', { name: ESCAUT }).waitFor();

    await openOrganisation(page, ATHENEE);
    await page.locator('[data-test="members-table"]').getByText(DEMO_USERS.member).waitFor();
    expect(await page.getByRole('button', { name: fr.invite.open }).count()).toBe(0);
    expect(await page.locator('[data-test="members-table"] .p-select').count()).toBe(0);
    await checkA11y(page, 'own organisation (member)');

    // Another organisation: its details, but no members list (nor any request for it).
    await openOrganisation(page, ESCAUT);
    await page.getByText(fr.organisation.membersHidden).waitFor();
    expect(await page.getByRole('button', { name: fr.invite.open }).count()).toBe(0);
  });

  test('an unknown organisation shows a not-found page', async ({ page }) => {
    await signInAs(page, DEMO_USERS.member);
    await page.goto('/organisations/not-an-id');
    await page.locator('main h1', { hasText: fr.organisation.notFoundTitle }).waitFor();
    await checkA11y(page, 'organisation not found');
  });
});

describe('clusters', () => {
  test('a visitor reads the clusters and a cluster page, in French and Dutch', LONG, async ({ page }) => {
    await page.goto('/clusters');
    await waitForPage(page);
    const table = page.locator('[data-test="clusters-table"]');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await checkA11y(page, 'clusters (visitor)');

    await table.locator('tbody tr a').first().click();
    await page.locator('[data-test="cluster-members-table"]').waitFor();
    expect(await page.locator('[data-test="cluster-members-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByText(fr.clusters.coordinators).count()).toBe(0);
    expect(await page.getByRole('button', { name: fr.clusters.edit }).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('@');
    await checkA11y(page, 'cluster page (visitor)');

    await switchLanguage(page, 'nl');
    await page.getByRole('heading', { name: nl.clusters.members }).waitFor();
    await checkA11y(page, 'cluster page (visitor, nl)');
    await page.getByRole('link', { name: nl.clusters.back }).click();
    await page.locator('[data-test="clusters-table"]').waitFor();
    await checkA11y(page, 'clusters (visitor, nl)');
  });

  test('a coordinator creates a cluster, adds a member organisation and removes it', LONG, async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/clusters');
    await waitForPage(page);
    await page.getByRole('button', { name: fr.clusters.create }).click();
    await page.locator('[data-test="cluster-form"]').waitFor();
    const name = `Pôle soins ${unique()}`;
    await page.fill('#cluster-name', name);
    await choose(page, 'cluster-sector', fr.sectors.care);
    await page.fill('#cluster-description-Fr', 'Former ensemble aux gestes de soins.');
    await page.locator('#cluster-lead').waitFor();
    await checkA11y(page, 'create cluster dialog');
    await page.locator('[data-test="cluster-form"]').getByRole('button', { name: MESSAGES.fr.common.create, exact: true }).click();

    await page.locator('main h1', { hasText: name }).waitFor();
    await page.getByText('Former ensemble aux gestes de soins.').waitFor();
    await choose(page, 'cluster-add-member', ATHENEE);
    await page.getByRole('button', { name: fr.clusters.addMemberSubmit }).click();
    const row = page.locator('[data-test="cluster-members-table"] tbody tr', { hasText: ATHENEE });
    await row.waitFor();
    await checkA11y(page, 'cluster page (coordinator)');

    await row.getByRole('button', { name: fr.clusters.removeMember.replace('{name}', ATHENEE) }).click();
    await page.locator('.p-confirmdialog').getByRole('button', { name: fr.clusters.removeAccept }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText(fr.clusters.noMembers).waitFor();
  });
});

describe('administration', () => {
  test('the hub links to every coordinator tool, in French and Dutch', async ({ page }) => {
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/admin');
    await waitForPage(page);
    for (const route of ['admin-occupations', 'admin-emails', 'admin-bookings', 'organisations', 'clusters']) {
      expect(await page.locator(`[data-test="admin-${route}"]`).count(), route).toBe(1);
    }
    await checkA11y(page, 'admin hub');
    await switchLanguage(page, 'nl');
    await page.locator('main h1', { hasText: MESSAGES.nl.pages.admin.title }).waitFor();
    await checkA11y(page, 'admin hub (nl)');

    await page.locator('[data-test="admin-admin-emails"]').click();
    await page.locator('[data-test="emails-table"]').waitFor();
    await checkA11y(page, 'emails page (nl)');
  });

  test('occupations: a search without accents finds the electrician, and a shortage flag toggles', LONG, async ({ page, browserErrors }) => {
    // The new occupation is meant to fail validation.
    browserErrors.allow(/status of 400/);
    await signInAs(page, DEMO_USERS.coordinator);
    await page.goto('/admin/occupations');
    await waitForPage(page);
    await page.locator('[data-test="occupations-table"]').waitFor();
    await checkA11y(page, 'occupations admin');

    await page.fill('#occupations-search', 'electricien');
    await page.locator('[data-code="industrial-electrician"]').waitFor();
    expect(await page.locator('[data-code="industrial-electrician"]').textContent()).toBe('Électricien·ne industriel·le');

    const flag = page.locator('[data-test="shortage-industrial-electrician-HDF"]');
    const before = await flag.getAttribute('data-state');
    await flag.click();
    await page.locator('[data-test="shortage-form"]').waitFor();
    await page.click('[data-test="shortage-flag"]');
    await page.fill('#shortage-source', 'France Travail – métiers en tension 2026');
    await checkA11y(page, 'shortage dialog');
    await page.locator('[data-test="shortage-form"]').getByRole('button', { name: MESSAGES.fr.common.save }).click();
    await page.waitForFunction(
      ([selector, state]) => document.querySelector(selector!)?.getAttribute('data-state') !== state,
      ['[data-test="shortage-industrial-electrician-HDF"]', before],
    );

    // Invalid codes get the API's messages under their fields.
    await page.getByRole('button', { name: fr.occupations.create }).click();
    await page.locator('[data-test="occupation-form"]').waitFor();
    await page.fill('#occupation-code', 'Pas Valide');
    await page.fill('#occupation-rome', '12345');
    await page.locator('[data-test="occupation-form"]').getByRole('button', { name: MESSAGES.fr.common.create, exact: true }).click();
    await page.locator('#occupation-code-error').waitFor();
    await page.locator('#occupation-rome-error').waitFor();
    await page.locator('#occupation-label-Fr-error').waitFor();
    await checkA11y(page, 'occupation form with errors');
  });
});

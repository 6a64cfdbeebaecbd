import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject, test as base } from 'vitest';
import type { ServerUnderTest } from '../global-setup';

/** Screenshots of failed tests land here (ignored by git). */
const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Debian's Chromium (never a downloaded one); CHROMIUM_PATH points elsewhere if needed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** French-speaking Belgian desktop user unless a test says otherwise. */
export const DEFAULT_CONTEXT: BrowserContextOptions = {
  locale: 'fr-BE',
  timezoneId: 'Europe/Brussels',
  viewport: { width: 1280, height: 800 },
  // The app honours reduced motion: no fade is caught half-way by axe's contrast check, and no wait on animations.
  reducedMotion: 'reduce',
};

/**
 * Errors the page reports (uncaught exceptions, console errors such as CSP refusals).
 * A test fails when any is left that it did not expect with `allow`.
 */
export class BrowserErrors {
  readonly messages: string[] = [];
  private readonly allowed: RegExp[] = [];

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.messages.filter((message) => !this.allowed.some((pattern) => pattern.test(message)));
  }
}

/**
 * The server of this test worker (global-setup.ts starts one per worker): the files of one worker run
 * one after the other on it, as they all did on one server before, and never meet another worker's data.
 */
export function serverOfThisWorker(): ServerUnderTest {
  const servers = inject('servers');
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return servers[(Math.max(worker, 1) - 1) % servers.length];
}

/**
 * `test` with one Chromium per file and a fresh context and page per test.
 * Use `newContext` for a second context with other options (phone, other language).
 */
export const test = base
  .extend('baseUrl', { scope: 'file' }, () => serverOfThisWorker().baseUrl)
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('browserErrors', () => new BrowserErrors())
  .extend('newContext', async ({ browser, baseUrl, browserErrors, task }, { onCleanup }) => {
    const contexts: BrowserContext[] = [];
    onCleanup(async () => {
      if (task.result?.state === 'fail') await saveScreenshots(contexts, task.name);
      await Promise.all(contexts.map((context) => context.close()));
      const unexpected = browserErrors.unexpected();
      if (unexpected.length > 0) throw new Error(`The browser reported errors:\n${unexpected.map((m) => `  - ${m}`).join('\n')}`);
    });
    return async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
      const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: baseUrl, ...options });
      context.on('page', (page) => watchErrors(page, browserErrors));
      contexts.push(context);
      return context;
    };
  })
  .extend('context', async ({ newContext }) => newContext())
  .extend('page', async ({ context }): Promise<Page> => context.newPage());

function watchErrors(page: Page, errors: BrowserErrors): void {
  page.on('pageerror', (error) => errors.messages.push(`${page.url()}: uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.messages.push(`${page.url()}: console error ${message.text()}`);
  });
}

async function saveScreenshots(contexts: BrowserContext[], testName: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const slug = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  const pages = contexts.flatMap((context) => context.pages());
  await Promise.all(
    pages.map(async (page, index) => {
      const path = `${ARTIFACTS_DIR}${slug}${pages.length > 1 ? `-${index + 1}` : ''}.png`;
      await page.screenshot({ path, fullPage: true }).then(
        () => console.error(`Screenshot of the failed test: ${path}`),
        () => undefined,
      );
    }),
  );
}

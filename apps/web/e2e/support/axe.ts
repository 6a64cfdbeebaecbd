import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.2 AA, as the project's accessibility target. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/**
 * Runs axe-core in the page and fails with one line per offending element.
 * The source is evaluated through the DevTools protocol, so the app's CSP stays on.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axe.source);
  const results: AxeResults = await page.evaluate(
    (tags) => window.axe!.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  if (results.violations.length > 0) throw new Error(`Accessibility violations on ${label}:\n${formatViolations(results.violations)}`);
}

export function formatViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => `      ${node.target.map(String).join(' > ')}${summary(node.failureSummary)}`);
      return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${targets.join('\n')}`;
    })
    .join('\n');
}

function summary(failure: string | undefined): string {
  if (!failure) return '';
  return ` — ${failure.replace(/\s+/g, ' ').trim()}`;
}

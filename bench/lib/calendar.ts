import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Milliseconds from the end of the calendar request (the browser's own resource timing) to the
 * frame where `expected` events are in the equipment page's week view, once per run, each in a
 * fresh browser context signed in with `cookie` ("name=value"). Null when no Chromium is installed.
 */
export async function measureCalendarRender(baseUrl: string, cookie: string, resourceId: string, expected: number, runs: number): Promise<number[] | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  try {
    const separator = cookie.indexOf('=');
    const times: number[] = [];
    for (let run = 0; run < runs + 1; run += 1) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 800 } });
      await context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: baseUrl }]);
      const page = await context.newPage();
      await page.goto(`/equipment/${resourceId}`);
      await page.waitForFunction(
        (count) => {
          if (document.querySelectorAll('.equipment-booking-panel .eq-event').length < count) return false;
          (window as unknown as { renderedAt: number }).renderedAt = performance.now();
          return true;
        },
        expected,
        { polling: 'raf', timeout: 60_000 },
      );
      const ms = await page.evaluate((id) => {
        const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`/api/resources/${id}/calendar`));
        const last = requests[requests.length - 1] as PerformanceResourceTiming;
        return (window as unknown as { renderedAt: number }).renderedAt - last.responseEnd;
      }, resourceId);
      if (run > 0) times.push(ms); // the first run warms the server and the browser's caches
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

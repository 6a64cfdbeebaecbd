import { MAX_CONCURRENT_REPORTS, REPORTS_BUSY_RETRY_SECONDS } from '@equipole/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportsApi, takingTurns } from './reports';

const FILTERS = { from: '2025-03-24', to: '2025-03-30' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const busy = () => json(429, { statusCode: 429, code: 'REPORTS_BUSY', message: 'busy', details: { retryAfterSeconds: REPORTS_BUSY_RETRY_SECONDS }, requestId: 'r' });

/** A promise and the function that settles it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('report requests', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it(`sends at most ${MAX_CONCURRENT_REPORTS} at once, the others when one ends (the API refuses a person more)`, async () => {
    const answers = Array.from({ length: 8 }, () => deferred<Response>());
    const fetch = vi.fn().mockImplementation(() => answers[fetch.mock.calls.length - 1].promise);
    vi.stubGlobal('fetch', fetch);
    const blocks = (['summary', 'trend', 'heatmap', 'equipment', 'partnerships', 'learners', 'shortage', 'unmet'] as const).map((block) => reportsApi.get(block, FILTERS));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(MAX_CONCURRENT_REPORTS));
    answers[0].resolve(json(200, { block: 0 }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(MAX_CONCURRENT_REPORTS + 1));
    answers.slice(1).forEach((answer, index) => answer.resolve(json(200, { block: index + 1 })));
    expect(await Promise.all(blocks)).toEqual(Array.from({ length: 8 }, (_, block) => ({ block })));
    expect(fetch).toHaveBeenCalledTimes(8);
  });

  it('fetches a block’s CSV in turn with the blocks still loading, in the chosen language', async () => {
    const answers = Array.from({ length: MAX_CONCURRENT_REPORTS }, () => deferred<Response>());
    const fetch = vi.fn()
      .mockImplementation(() => answers[fetch.mock.calls.length - 1]?.promise ?? new Response('\uFEFFa;b\r\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }));
    vi.stubGlobal('fetch', fetch);
    const blocks = answers.map(() => reportsApi.get('summary', FILTERS));
    const csv = reportsApi.csv('equipment', FILTERS, 'nl');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(MAX_CONCURRENT_REPORTS));
    answers.forEach((answer) => answer.resolve(json(200, {})));
    await Promise.all(blocks);
    expect(await csv).toBe('a;b\r\n'); // fetch drops the byte-order mark: the block puts it back when saving
    const url = new URL(fetch.mock.calls[MAX_CONCURRENT_REPORTS][0] as string, 'http://x');
    expect([url.pathname, Object.fromEntries(url.searchParams)]).toEqual(['/api/reports/equipment.csv', { ...FILTERS, lang: 'nl' }]);
  });

  it('asks again after Retry-After when another tab holds the person’s reports', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockResolvedValueOnce(busy()).mockResolvedValueOnce(json(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    const report = reportsApi.get('summary', FILTERS);
    await vi.advanceTimersByTimeAsync(REPORTS_BUSY_RETRY_SECONDS * 1000 - 1);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await report).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('gives up with the API’s error after a few busy answers', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => busy()));
    const report = reportsApi.get('trend', FILTERS).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10 * REPORTS_BUSY_RETRY_SECONDS * 1000);
    expect(await report).toMatchObject({ status: 429, code: 'REPORTS_BUSY' });
  });

  it('never runs a waiting request whose block was reloaded or left', async () => {
    const inTurn = takingTurns(1);
    const first = deferred<string>();
    const running = inTurn(() => first.promise);
    const controller = new AbortController();
    const task = vi.fn(async () => 'late');
    const waiting = inTurn(task, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    first.resolve('done');
    expect(await running).toBe('done');
    expect(await inTurn(async () => 'next')).toBe('next');
    expect(task).not.toHaveBeenCalled();
  });
});

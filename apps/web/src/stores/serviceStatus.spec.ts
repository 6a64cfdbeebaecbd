import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useServiceStatusStore } from './serviceStatus';

const fetchMock = vi.fn<typeof fetch>();

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('service status', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  it('is loading while the health check runs, then ok with the report', async () => {
    fetchMock.mockResolvedValue(json(200, { status: 'ok', database: 'up', embedded: true, version: '0.1.0' }));
    const store = useServiceStatusStore();

    const done = store.check();
    expect(store.state).toBe('loading');
    await done;

    expect(store.state).toBe('ok');
    expect(store.report).toEqual({ status: 'ok', database: 'up', embedded: true, version: '0.1.0' });
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/health');
  });

  it('is in error, with the report, when the database is down (503)', async () => {
    fetchMock.mockResolvedValue(json(503, { status: 'error', database: 'down', embedded: false, version: '0.1.0' }));
    const store = useServiceStatusStore();

    await store.check();

    expect(store.state).toBe('error');
    expect(store.report?.database).toBe('down');
  });

  it('is in error when the API cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const store = useServiceStatusStore();

    await store.check();

    expect(store.state).toBe('error');
    expect(store.report).toBeNull();
  });

  it('shares one request between simultaneous checks', async () => {
    fetchMock.mockResolvedValue(json(200, { status: 'ok', database: 'up', embedded: true, version: '0.1.0' }));
    const store = useServiceStatusStore();

    await Promise.all([store.check(), store.check()]);

    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

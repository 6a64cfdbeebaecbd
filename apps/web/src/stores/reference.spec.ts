import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useOccupationsStore, useOrganisationsStore } from './reference';
import { useSessionStore } from './session';

const fetchMock = vi.fn<typeof fetch>();

function page(items: unknown[]): Response {
  return new Response(JSON.stringify({ items, total: items.length, limit: 200, offset: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('reference data stores', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  it('fetches the occupations once for every caller, and again once forgotten', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(page([{ id: 'o1' }])));
    const store = useOccupationsStore();

    const [first, second] = await Promise.all([store.load(), store.load()]);
    expect(first).toEqual([{ id: 'o1' }]);
    expect(second).toBe(first);
    expect(store.items).toEqual([{ id: 'o1' }]);
    await store.load();
    expect(fetchMock).toHaveBeenCalledTimes(1);

    store.forget();
    expect(store.items).toBeNull();
    await store.load();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('keeps no failure: the next load asks again', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('offline')).mockImplementation(() => Promise.resolve(page([])));
    const store = useOccupationsStore();

    await expect(store.load()).rejects.toThrow();
    await expect(store.load()).resolves.toEqual([]);
  });

  it('fetches the organisations again for another person', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(page([{ id: 'org' }])));
    const store = useOrganisationsStore();
    const session = useSessionStore();

    await store.load();
    session.setUser({ id: 'u2', email: 'b@example.org', name: 'B', locale: 'fr', isCoordinator: true, memberships: [] });
    await nextTick();
    expect(store.items).toBeNull();
    await store.load();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { inboxApi } from './inbox';

function answer(items: { id: string }[], total: number) {
  return new Response(JSON.stringify({ items, total, limit: items.length, offset: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('inboxApi.pending', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks managers’ inbox for pending requests in the API’s order (soonest first)', async () => {
    const fetch = vi.fn().mockResolvedValue(answer([{ id: 'a' }, { id: 'b' }], 2));
    vi.stubGlobal('fetch', fetch);
    const page = await inboxApi.pending({ isCoordinator: false, limit: 50, offset: 0 });
    expect(page.items.map((b) => b.id)).toEqual(['a', 'b']);
    const url = new URL(fetch.mock.calls[0][0] as string, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: 'inbox', status: 'pending', limit: '50', offset: '0' });
  });

  it('reads coordinators’ pages from the end of the latest-first list, reversed', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(answer([{ id: 'z' }], 120)).mockResolvedValueOnce(answer([{ id: 'c' }, { id: 'b' }, { id: 'a' }], 120));
    vi.stubGlobal('fetch', fetch);
    const page = await inboxApi.pending({ isCoordinator: true, limit: 50, offset: 0 });
    expect(page.items.map((b) => b.id)).toEqual(['a', 'b', 'c']);
    expect(page.total).toBe(120);
    const second = new URL(fetch.mock.calls[1][0] as string, 'http://x');
    expect(Object.fromEntries(second.searchParams)).toMatchObject({ scope: 'all', status: 'pending', limit: '50', offset: '70' });
  });
});

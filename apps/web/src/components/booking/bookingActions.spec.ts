import { describe, expect, it } from 'vitest';
import { bookingActions } from './bookingActions';

const now = Date.parse('2026-03-10T12:00:00.000Z');
const booking = (status: 'pending' | 'confirmed' | 'completed', start: string, seriesId: string | null = null) => ({
  status,
  start,
  seriesId,
  organisation: { id: 'school', name: 'School' },
  resource: { id: 'r', names: { fr: 'x', nl: null, en: null }, timeZone: 'Europe/Brussels', organisationId: 'owner', organisationName: 'Owner' },
});
const member = { isCoordinator: false, memberships: [{ organisationId: 'school', role: 'member' as const }] };
const ownerManager = { isCoordinator: false, memberships: [{ organisationId: 'owner', role: 'manager' as const }] };

describe('bookingActions', () => {
  it('lets the booking organisation change a future booking but not see its history', () => {
    expect(bookingActions(booking('confirmed', '2026-03-20T08:00:00Z', 's'), member, now)).toEqual({
      cancel: true, reschedule: true, cancelSeries: true, attendance: false, noShow: false, history: false,
    });
  });

  it('offers attendance once started, and no-show to the owner half an hour after the start', () => {
    const started = booking('confirmed', '2026-03-10T11:00:00Z');
    expect(bookingActions(started, member, now)).toMatchObject({ cancel: false, attendance: true, noShow: false });
    expect(bookingActions(started, ownerManager, now)).toMatchObject({ attendance: true, noShow: true, history: true });
    expect(bookingActions(booking('confirmed', '2026-03-10T11:45:00Z'), ownerManager, now).noShow).toBe(false);
  });

  it('offers nothing to someone uninvolved', () => {
    const stranger = { isCoordinator: false, memberships: [{ organisationId: 'other', role: 'manager' as const }] };
    expect(Object.values(bookingActions(booking('pending', '2026-03-20T08:00:00Z'), stranger, now)).some(Boolean)).toBe(false);
  });
});

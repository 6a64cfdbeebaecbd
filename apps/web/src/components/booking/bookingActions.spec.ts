import { describe, expect, it } from 'vitest';
import { bookingActions } from './bookingActions';

const now = Date.parse('2026-03-10T12:00:00.000Z');
const booking = (status: 'pending' | 'confirmed' | 'completed', start: string, seriesId: string | null = null) => ({
  status,
  start,
  seriesId,
  organisation: { id: 'school', name: 'School' },
  resource: { id: 'r', names: { fr: 'x', nl: null, en: null }, timeZone: 'Europe/Brussels', organisationId: 'owner', organisationName: 'Owner' },
  bookedBy: { id: 'teacher', name: 'Teacher' },
  trainer: { id: 'trainer', name: 'Trainer' },
});
const member = { id: 'teacher', isCoordinator: false, memberships: [{ organisationId: 'school', role: 'member' as const }] };
const ownerManager = { id: 'partner', isCoordinator: false, memberships: [{ organisationId: 'owner', role: 'manager' as const }] };

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

  it('offers attendance to those who vouch for the session only: not to other members of either organisation', () => {
    const started = booking('confirmed', '2026-03-10T11:00:00Z');
    const colleague = { id: 'colleague', isCoordinator: false, memberships: [{ organisationId: 'school', role: 'member' as const }] };
    const ownerMember = { id: 'staff', isCoordinator: false, memberships: [{ organisationId: 'owner', role: 'member' as const }] };
    const trainer = { id: 'trainer', isCoordinator: false, memberships: [{ organisationId: 'school', role: 'member' as const }] };
    const schoolManager = { id: 'head', isCoordinator: false, memberships: [{ organisationId: 'school', role: 'manager' as const }] };
    const coordinator = { id: 'coordination', isCoordinator: true, memberships: [] };
    expect(bookingActions(started, colleague, now).attendance).toBe(false);
    expect(bookingActions(started, ownerMember, now).attendance).toBe(false);
    for (const viewer of [member, trainer, schoolManager, ownerManager, coordinator]) expect(bookingActions(started, viewer, now).attendance).toBe(true);
  });

  it('offers nothing to someone uninvolved', () => {
    const stranger = { id: 'stranger', isCoordinator: false, memberships: [{ organisationId: 'other', role: 'manager' as const }] };
    expect(Object.values(bookingActions(booking('pending', '2026-03-20T08:00:00Z'), stranger, now)).some(Boolean)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { campaignOwner, classLabel, isWindowOpen, sessionBounds } from './campaignFormat';

describe('campaign formatting', () => {
  it('turns a local date and time into a session of the campaign’s length, across a DST change', () => {
    expect(sessionBounds('2027-03-28', '08:00', 240, 'Europe/Brussels')).toEqual({ start: '2027-03-28T06:00:00.000Z', end: '2027-03-28T10:00:00.000Z' });
    expect(sessionBounds('', '08:00', 240, 'Europe/Brussels')).toBeNull();
  });

  it('names who runs a campaign: its organisation, else its cluster', () => {
    expect(campaignOwner({ organisation: { id: 'o', name: 'Escaut Industrie' }, cluster: null })).toBe('Escaut Industrie');
    expect(campaignOwner({ organisation: null, cluster: { id: 'c', name: 'Pôle Métal' } })).toBe('Pôle Métal');
  });

  it('names a class by year and section, else by its level', () => {
    const base = { level: 'secondary' as const, year: null, section: null, teacher: null, trainerRequested: false, module: null };
    expect(classLabel({ class: { ...base, year: 5, section: 'Mécanique' } }, 'Secondaire')).toBe('5 Mécanique');
    expect(classLabel({ class: base }, 'Secondaire')).toBe('Secondaire');
  });

  it('is open for requests only inside the window of an open campaign', () => {
    const campaign = { status: 'open' as const, windowOpensAt: '2026-05-15T00:00:00Z', windowClosesAt: '2026-06-15T00:00:00Z' };
    expect(isWindowOpen(campaign, Date.parse('2026-06-01T00:00:00Z'))).toBe(true);
    expect(isWindowOpen(campaign, Date.parse('2026-06-15T00:00:00Z'))).toBe(false);
    expect(isWindowOpen({ ...campaign, status: 'allocated' }, Date.parse('2026-06-01T00:00:00Z'))).toBe(false);
  });
});

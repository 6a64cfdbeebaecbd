import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { followServerClock, now } from './clock';

describe('business time in the browser', () => {
  afterEach(() => followServerClock(null));

  it('is the real time while the API sends no clock header', () => {
    followServerClock(null);
    expect(Math.abs(now() - Date.now())).toBeLessThan(50);
  });

  it('follows the instant the API says, and keeps running from there', () => {
    followServerClock('2027-03-28T00:30:00.000Z', Date.now());
    expect(Math.abs(now() - Date.parse('2027-03-28T00:30:00.000Z'))).toBeLessThan(50);
    expect(DateTime.now().setZone('Europe/Brussels').toISODate()).toBe('2027-03-28');
  });

  it('falls back to the real time on a header it cannot read', () => {
    followServerClock('2027-03-28T00:30:00.000Z');
    followServerClock('not a date');
    expect(Math.abs(now() - Date.now())).toBeLessThan(50);
  });
});

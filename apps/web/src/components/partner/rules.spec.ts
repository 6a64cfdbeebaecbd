import { DEFAULT_BOOKING_RULES } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { toWeeklyHours } from './openingHours';
import { checkRules, clearErrors, cloneRules, fieldMessage, hoursToMinutes, minutesToHours, problemMessages, rulesForApi } from './rules';

const translate = (key: string, args: (string | number)[]) => `${key}(${args.join(',')})`;

describe('booking rules in the form', () => {
  it('keys the browser’s findings like the API’s field errors', () => {
    const rules = {
      ...DEFAULT_BOOKING_RULES,
      openingHours: [
        { weekday: 1 as const, start: '08:00', end: '12:00' },
        { weekday: 1 as const, start: '11:00', end: '17:00' },
        { weekday: 2 as const, start: '14:00', end: '13:00' },
      ],
    };
    const messages = problemMessages(checkRules(rules), translate, 'rules.');
    expect(messages['rules.openingHours.1']).toBe('partner.problems.openingOverlap(08:00–12:00)');
    expect(messages['rules.openingHours.2']).toBe('partner.problems.openingOrder(14:00,13:00)');
    expect(messages['rules.openingHours.0']).toBeUndefined();
  });

  it('flags durations that are out of order or off the booking step', () => {
    const messages = problemMessages(checkRules({ ...DEFAULT_BOOKING_RULES, minDurationMinutes: 90, maxDurationMinutes: 60, slotMinutes: 60 }), translate);
    expect(messages.minDurationMinutes).toBe('partner.problems.durationOrder(60)');
  });

  it('prefers the API’s message to the browser’s, including nested start/end errors', () => {
    expect(fieldMessage('rules.openingHours.1', { 'rules.openingHours.1': 'api' }, { 'rules.openingHours.1': 'client' })).toBe('api');
    expect(fieldMessage('rules.openingHours.1', { 'rules.openingHours.1.end': 'bad end' }, {})).toBe('bad end');
    expect(fieldMessage('rules.openingHours.1', {}, { 'rules.openingHours.1': 'client' })).toBe('client');
    expect(fieldMessage('rules.openingHours.1', {}, {})).toBeUndefined();
  });

  it('clears the API’s errors under a field once it changes', () => {
    const errors: Record<string, string | undefined> = { 'rules.openingHours.1': 'x', 'rules.openingHours': 'y', 'rules.slotMinutes': 'z', rulesX: 'w' };
    clearErrors(errors, 'rules.openingHours');
    expect(errors).toEqual({ 'rules.slotMinutes': 'z', rulesX: 'w' });
  });

  it('builds the API payload from the week editor, with the allowed list only for "listed" items', () => {
    const rules = cloneRules({ ...DEFAULT_BOOKING_RULES, accessPolicy: 'listed', allowedOrganisationIds: ['a'] });
    const week = toWeeklyHours([{ weekday: 5, start: '09:00', end: '10:00' }]);
    expect(rulesForApi(rules, week, true)).toMatchObject({ openingHours: [{ weekday: 5, start: '09:00', end: '10:00' }], allowedOrganisationIds: ['a'] });
    expect(rulesForApi({ ...rules, accessPolicy: 'all' }, week, true).allowedOrganisationIds).toEqual([]);
    expect('allowedOrganisationIds' in rulesForApi(rules, week, false)).toBe(false);
  });

  it('copies rules without sharing intervals, filling gaps with the platform defaults', () => {
    const source = { ...DEFAULT_BOOKING_RULES };
    const copy = cloneRules(source);
    copy.openingHours[0].start = '07:00';
    expect(source.openingHours[0].start).toBe('08:00');
    expect(cloneRules(null)).toMatchObject({ slotMinutes: 30, allowedOrganisationIds: [] });
  });

  it('converts quotas between hours and minutes, empty meaning none', () => {
    expect(hoursToMinutes(7.5)).toBe(450);
    expect(hoursToMinutes(null)).toBeNull();
    expect(hoursToMinutes(Number.NaN)).toBeNull();
    expect(minutesToHours(450)).toBe(7.5);
    expect(minutesToHours(null)).toBeNull();
  });
});

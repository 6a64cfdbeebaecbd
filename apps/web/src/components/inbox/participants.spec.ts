import { describe, expect, it } from 'vitest';
import { participantGroups } from './participants';

describe('participantGroups', () => {
  it('keeps the groups with people, in the form’s order, and adds them up', () => {
    expect(participantGroups({ pupils: 12, apprentices: 0, jobSeekers: 3, trainers: 1, employees: 0 })).toEqual({
      groups: [{ key: 'pupils', count: 12 }, { key: 'job_seekers', count: 3 }, { key: 'trainers', count: 1 }],
      total: 16,
    });
  });

  it('is empty without participants', () => {
    expect(participantGroups(null)).toEqual({ groups: [], total: 0 });
    expect(participantGroups({ pupils: 0, apprentices: 0, jobSeekers: 0, trainers: 0, employees: 0 }).total).toBe(0);
  });
});

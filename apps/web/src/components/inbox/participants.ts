import type { Participants } from '@equipole/shared';

/** The `bookings.beneficiaries.<type>` key of each participants field. */
export const BENEFICIARY_KEYS: Record<keyof Participants, string> = {
  pupils: 'pupils',
  apprentices: 'apprentices',
  jobSeekers: 'job_seekers',
  trainers: 'trainers',
  employees: 'employees',
};

/** The non-zero groups of participants, in the form's order, with their total. */
export function participantGroups(participants: Participants | null | undefined): { groups: { key: string; count: number }[]; total: number } {
  if (!participants) return { groups: [], total: 0 };
  const groups = (Object.keys(BENEFICIARY_KEYS) as (keyof Participants)[])
    .filter((field) => (participants[field] ?? 0) > 0)
    .map((field) => ({ key: BENEFICIARY_KEYS[field], count: participants[field] }));
  return { groups, total: groups.reduce((sum, group) => sum + group.count, 0) };
}

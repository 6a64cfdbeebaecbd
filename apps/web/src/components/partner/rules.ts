import { DEFAULT_BOOKING_RULES, validateBookingRules, type BookingRules, type RuleProblem, type RulesInput } from '@equipole/shared';
import type { WeeklyHours } from './openingHours';
import { toOpeningHours } from './openingHours';

/** Translates one problem; `args` fill `{0}`, `{1}`… of the message. */
export type ProblemTranslator = (key: string, args: (string | number)[]) => string;

/** Problems found by the shared checks, as messages keyed like the API's field errors (`<prefix><field>`). */
export function problemMessages(problems: RuleProblem[], translate: ProblemTranslator, prefix = ''): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const problem of problems) {
    messages[`${prefix}${problem.field}`] ??= translate(`partner.problems.${problem.constraint}`, problem.args ?? []);
  }
  return messages;
}

/** The checks the API makes on rules, run in the browser as the user types (the API stays the judge on save). */
export function checkRules(rules: Pick<BookingRules, 'openingHours' | 'minDurationMinutes' | 'maxDurationMinutes' | 'slotMinutes'>): RuleProblem[] {
  return validateBookingRules(rules);
}

/** Rules ready for the API from the form's model (the week editor keeps its own shape). */
export function rulesForApi(rules: RulesInput, week: WeeklyHours, withAllowedList: boolean): RulesInput {
  const result: RulesInput = { ...rules, openingHours: toOpeningHours(week) };
  if (!withAllowedList) delete result.allowedOrganisationIds;
  else result.allowedOrganisationIds = rules.accessPolicy === 'listed' ? [...(rules.allowedOrganisationIds ?? [])] : [];
  return result;
}

/** A copy of the rules stripped of anything the API does not take (site defaults have no allowed list). */
export function cloneRules(rules: Partial<RulesInput> | null | undefined): RulesInput {
  const base = { ...DEFAULT_BOOKING_RULES, ...(rules ?? {}) };
  return {
    openingHours: base.openingHours.map((interval) => ({ ...interval })),
    slotMinutes: base.slotMinutes,
    minDurationMinutes: base.minDurationMinutes,
    maxDurationMinutes: base.maxDurationMinutes,
    leadTimeMinutes: base.leadTimeMinutes,
    horizonDays: base.horizonDays,
    bufferBeforeMinutes: base.bufferBeforeMinutes,
    bufferAfterMinutes: base.bufferAfterMinutes,
    approvalMode: base.approvalMode,
    quotaWeekMinutes: base.quotaWeekMinutes,
    quotaMonthMinutes: base.quotaMonthMinutes,
    accessPolicy: base.accessPolicy,
    cancelCutoffHours: base.cancelCutoffHours,
    allowedOrganisationIds: [...(rules?.allowedOrganisationIds ?? [])],
  };
}

/** Quotas are typed in hours and stored in minutes; an empty field means "no quota". */
export function hoursToMinutes(hours: number | null | undefined): number | null {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return null;
  return Math.round(hours * 60);
}

export function minutesToHours(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined) return null;
  return Math.round((minutes / 60) * 100) / 100;
}

/** The message for a field: the API's answer first (it is the judge), else what the browser found. */
export function fieldMessage(
  field: string,
  apiErrors: Record<string, string | undefined>,
  clientErrors: Record<string, string | undefined>,
): string | undefined {
  return apiErrors[field] ?? apiErrors[`${field}.start`] ?? apiErrors[`${field}.end`] ?? apiErrors[`${field}.weekday`] ?? clientErrors[field];
}

/** Drops the API's errors under `prefix` (the user changed what they were about). */
export function clearErrors(errors: Record<string, string | undefined>, prefix: string): void {
  for (const key of Object.keys(errors)) if (key === prefix || key.startsWith(`${prefix}.`)) delete errors[key];
}

import { DateTime } from 'luxon';
import { checkBookingRules, MAX_HORIZON_DAYS, openSpans, type CandidateSlot, type ResourceRules, type Span } from '@equipole/shared';
import type { CampaignItemContext } from './campaigns.repository';

const MINUTE = 60_000;

/** The rules a placed session obeys: the item's own, without lead time, horizon or weekly quotas (docs/campaigns.md). */
export function placedRules(rules: ResourceRules): ResourceRules {
  return { ...rules, leadTimeMinutes: 0, horizonDays: MAX_HORIZON_DAYS, quotaWeekMinutes: null, quotaMonthMinutes: null };
}

export function blockedSpan(rules: ResourceRules, period: Span): Span {
  return { start: period.start - rules.bufferBeforeMinutes * MINUTE, end: period.end + rules.bufferAfterMinutes * MINUTE };
}

/** Local days [first, last] of the campaign as instants in the item's zone. */
export function periodSpan(periodStart: string, periodEnd: string, zone: string): Span {
  return {
    start: DateTime.fromISO(periodStart, { zone }).startOf('day').toMillis(),
    end: DateTime.fromISO(periodEnd, { zone }).plus({ days: 1 }).startOf('day').toMillis(),
  };
}

/**
 * Every session of `sessionMinutes` the item could take over the campaign period: laid from the start
 * of each opening interval (closures removed), starting after `now`, passing the booking engine's own
 * rule check, and whose blocked time overlaps no holding booking.
 */
export function candidateSlots(item: CampaignItemContext, campaign: { periodStart: string; periodEnd: string; sessionMinutes: number }, now: number): CandidateSlot[] {
  if (item.status !== 'active') return [];
  const rules = placedRules(item.rules);
  const range = periodSpan(campaign.periodStart, campaign.periodEnd, item.zone);
  const busy = item.busy.map((b) => ({ start: new Date(b.start).getTime(), end: new Date(b.end).getTime() }));
  const length = campaign.sessionMinutes * MINUTE;
  const slots: CandidateSlot[] = [];
  for (const open of openSpans(rules.openingHours, item.closures, item.zone, range.start, range.end)) {
    for (let start = open.start; start + length <= open.end; start += length) {
      const period = { start, end: start + length };
      if (start <= now) continue;
      const violation = checkBookingRules({
        now, period, zone: item.zone, rules, status: item.status, capacity: item.capacity, participants: 0, closures: item.closures,
      });
      if (violation) continue;
      const blocked = blockedSpan(rules, period);
      if (busy.some((b) => b.start < blocked.end && blocked.start < b.end)) continue;
      const local = DateTime.fromMillis(start, { zone: item.zone });
      slots.push({
        resourceId: item.id, start, end: period.end, blockedStart: blocked.start, blockedEnd: blocked.end,
        weekday: local.weekday, part: local.hour < 12 ? 'morning' : 'afternoon',
      });
    }
  }
  return slots;
}

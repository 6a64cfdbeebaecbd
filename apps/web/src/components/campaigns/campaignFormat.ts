import type { CampaignRequestView, CampaignStatus, CampaignView, Locale } from '@equipole/shared';
import { DateTime } from 'luxon';
import { pickTranslation } from '@/utils/format';

export function statusSeverity(status: CampaignStatus): 'info' | 'warn' | 'success' {
  return status === 'open' ? 'info' : status === 'allocated' ? 'warn' : 'success';
}

/** Who runs the campaign: the organisation that opened it, or its cluster. */
export function campaignOwner(campaign: Pick<CampaignView, 'organisation' | 'cluster'>): string {
  return campaign.organisation?.name ?? campaign.cluster?.name ?? '';
}

/** What a request asks for: its item's name, or the kind. */
export function requestTarget(campaign: Pick<CampaignView, 'items'>, request: Pick<CampaignRequestView, 'resourceId' | 'resourceKind'>, locale: Locale): string {
  const item = campaign.items.find((i) => i.id === request.resourceId);
  return item ? pickTranslation(item.names, locale) : (request.resourceKind ?? '');
}

/** "5 Mécanique" or the level's name when no year or section is given. */
export function classLabel(request: Pick<CampaignRequestView, 'class'>, levelName: string): string {
  return [request.class.year ? String(request.class.year) : null, request.class.section].filter(Boolean).join(' ') || levelName;
}

/** A local date (YYYY-MM-DD) and time (HH:mm) in `zone` plus `minutes`, as ISO instants. */
export function sessionBounds(date: string, time: string, minutes: number, zone: string): { start: string; end: string } | null {
  const start = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!start.isValid) return null;
  return { start: start.toUTC().toISO()!, end: start.plus({ minutes }).toUTC().toISO()! };
}

export function isWindowOpen(campaign: Pick<CampaignView, 'status' | 'windowOpensAt' | 'windowClosesAt'>, now: number): boolean {
  return campaign.status === 'open' && Date.parse(campaign.windowOpensAt) <= now && now < Date.parse(campaign.windowClosesAt);
}

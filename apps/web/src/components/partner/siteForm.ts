import type { Country, Region, SiteInput, SiteSummary } from '@equipole/shared';


/** Time zones offered for a site: the territory lies in these two (the API accepts any IANA zone). */
export const SITE_TIME_ZONES = ['Europe/Brussels', 'Europe/Paris'] as const;

export interface SiteDraft {
  name: string;
  address: string;
  postcode: string;
  city: string;
  country: Country;
  region: Region;
  latitude: string;
  longitude: string;
  timeZone: string;
}

export function emptySiteDraft(): SiteDraft {
  return { name: '', address: '', postcode: '', city: '', country: 'BE', region: 'WAL', latitude: '', longitude: '', timeZone: 'Europe/Brussels' };
}

export function draftFromSite(site: SiteSummary): SiteDraft {
  return {
    name: site.name,
    address: site.address ?? '',
    postcode: site.postcode ?? '',
    city: site.city ?? '',
    country: site.country,
    region: site.region,
    latitude: site.latitude === null ? '' : String(site.latitude),
    longitude: site.longitude === null ? '' : String(site.longitude),
    timeZone: site.timeZone,
  };
}

/** A coordinate as typed ("50,6" is fine); blank is null, anything unreadable is NaN for the API to refuse. */
export function coordinate(text: string): number | null {
  if (!text.trim()) return null;
  return Number(text.trim().replace(',', '.'));
}

export function siteInput(draft: SiteDraft): SiteInput {
  const orNull = (text: string) => text.trim() || null;
  return {
    name: draft.name.trim(),
    address: orNull(draft.address),
    postcode: orNull(draft.postcode),
    city: orNull(draft.city),
    country: draft.country,
    region: draft.region,
    latitude: coordinate(draft.latitude),
    longitude: coordinate(draft.longitude),
    timeZone: draft.timeZone,
  };
}

/** The region that usually goes with a country (French sites are in Hauts-de-France). */
export function defaultRegion(country: Country, current: Region): Region {
  if (country === 'FR') return 'HDF';
  return current === 'HDF' ? 'WAL' : current;
}

import type { Locale } from './i18n';
import type { Region, Sector } from './domain';

/** Response shapes of the API, used by the web app's services. */

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Translated = Record<Locale, string>;

export interface OccupationSummary {
  id: string;
  code: string;
  labels: Translated;
  sector: Sector;
  escoUri: string | null;
  iscoCode: string | null;
  romeCode: string | null;
  shortage: { region: Region; inShortage: boolean; listDate: string | null; source: string | null }[];
}

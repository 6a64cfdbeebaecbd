import type { Locale, OrganisationSummary, Page, ReportBlock, ReportByBlock, ReportFilters } from '@equipole/shared';
import { API_BASE, http } from './http';

/** The occupancy reports (apps/api/src/reports): one request per block of the dashboard. */
export const reportsApi = {
  get: <B extends ReportBlock>(block: B, filters: ReportFilters, signal?: AbortSignal) =>
    http.get<ReportByBlock[B]>(`/reports/${block}`, { query: { ...filters }, signal }),

  /** The CSV of a block with the same filters, headers and number format in `lang`. */
  csvUrl: (block: ReportBlock, filters: ReportFilters, lang: Locale): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
    params.set('lang', lang);
    return `${API_BASE}/reports/${block}.csv?${params.toString()}`;
  },

  /** Organisations for the owner and booker filters (coordinators). */
  organisations: (signal?: AbortSignal) =>
    http.get<Page<OrganisationSummary>>('/organisations', { query: { limit: 200 }, signal }).then((page) => page.items),
};

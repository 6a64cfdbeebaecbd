import {
  ErrorCode, MAX_CONCURRENT_REPORTS, REPORTS_BUSY_RETRY_SECONDS, type Locale, type OrganisationSummary, type Page, type ReportBlock, type ReportByBlock,
  type ReportFilters,
} from '@equipole/shared';
import { API_BASE, ApiError, http } from './http';

const aborted = () => new DOMException('Aborted', 'AbortError');

/**
 * Runs tasks at most `limit` at a time, in the order they come. A finished task hands its turn to
 * the next one waiting; a task whose signal aborts while it waits never runs.
 */
export function takingTurns(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function inTurn<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw aborted();
    if (running < limit) running += 1;
    else {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', stop);
          resolve();
        };
        const stop = () => {
          waiting.splice(waiting.indexOf(go), 1);
          reject(aborted());
        };
        waiting.push(go);
        signal?.addEventListener('abort', stop, { once: true });
      });
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(aborted())), { once: true });
  });
}

/** How many times a block asks again when the API answers that the person's reports are all busy. */
export const BUSY_ATTEMPTS = 4;

/**
 * `call` in turn with the other report requests of this tab, asked again after the answer's
 * Retry-After when the API still finds the person's reports busy (another tab, a CSV download).
 */
export async function askInTurn<T>(inTurn: ReturnType<typeof takingTurns>, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTurn(call, signal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== ErrorCode.ReportsBusy || attempt >= BUSY_ATTEMPTS) throw error;
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? REPORTS_BUSY_RETRY_SECONDS;
      await pause(seconds * 1000, signal);
    }
  }
}

/** The API computes at most MAX_CONCURRENT_REPORTS reports per person at once: the dashboard's blocks take turns. */
const reportTurns = takingTurns(MAX_CONCURRENT_REPORTS);

/** The occupancy reports (apps/api/src/reports): one request per block of the dashboard. */
export const reportsApi = {
  get: <B extends ReportBlock>(block: B, filters: ReportFilters, signal?: AbortSignal) =>
    askInTurn(reportTurns, () => http.get<ReportByBlock[B]>(`/reports/${block}`, { query: { ...filters }, signal }), signal),

  /**
   * The CSV of a block, in turn with the other report requests (it is computed like them). The
   * text comes without its byte-order mark (fetch decodes UTF-8 and drops it): put it back when
   * saving, so that spreadsheets read the accents.
   */
  csv: (block: ReportBlock, filters: ReportFilters, lang: Locale, signal?: AbortSignal) =>
    askInTurn(reportTurns, () => http.get<string>(`/reports/${block}.csv`, { query: { ...filters, lang }, headers: { Accept: 'text/csv' }, signal }), signal),

  /** The address of the same CSV (the download link's, for the browser's own "save link" and "copy link"). */
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

import { stringify } from 'csv-stringify/sync';
import {
  BENEFICIARY_TYPES, INDICATOR_KEYS, indicatorChange, ratePercent, UNMET_KINDS, type IndicatorSet, type Locale, type ReportBlock, type ReportByBlock,
  type ReportTranslated, SERVER_MESSAGES,
} from '@equipole/shared';

/**
 * CSV export of each report block: UTF-8 with a BOM (so spreadsheet software reads the accents),
 * `;` between fields and a decimal comma for French and Dutch users, `,` and a decimal point in
 * English. Rates are written as percentages. Only organisations and aggregates: no person's name.
 *
 * Names come from users (organisations, sites, equipment, occupations): a text cell that a
 * spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`) is written with a leading
 * apostrophe (csv-stringify's `escape_formulas`, the rule of escapeCsvFormula in libs/shared).
 * Figures stay numbers until csv-stringify writes them (with the language's decimal mark), so that
 * a negative change (-3,5) is not taken for a formula and stays a number in the spreadsheet.
 */

type Column = string;
/** A cell: text, a figure (written with the language's decimal mark), or '' for no value. */
export type CsvCell = string | number;
export interface CsvTable {
  columns: Column[];
  rows: CsvCell[][];
}

/** Headers and words of the CSV files: the `csv` section of the server catalogue (libs/shared/src/i18n/server). */
const TEXT = { fr: SERVER_MESSAGES.fr.csv, nl: SERVER_MESSAGES.nl.csv, en: SERVER_MESSAGES.en.csv } satisfies Record<Locale, Record<string, unknown>>;

const RATE_KEYS = new Set<keyof IndicatorSet>(['occupancyRate', 'usageRate', 'noShowRate', 'mutualisationRate']);
const COUNT_KEYS = new Set<keyof IndicatorSet>(['completedBookings', 'noShows', 'partnerships', 'newPartnerships', 'crossBorderPartnerships']);

export function csvSeparator(locale: Locale): string {
  return locale === 'en' ? ',' : ';';
}

function formatters(locale: Locale) {
  const number = (value: number | null, digits: number): CsvCell =>
    // toFixed(6) first: 3.05 × 10 is 30.500000000000004 in binary, and half-up rounding must not depend on that.
    value === null ? '' : Math.round(Number((value * 10 ** digits).toFixed(6))) / 10 ** digits;
  return {
    hours: (value: number | null) => number(value, 2),
    percent: (value: number | null) => (value === null ? '' : ratePercent(value)),
    count: (value: number): CsvCell => value,
    name: (names: ReportTranslated) => names[locale] ?? names.fr ?? names.nl ?? names.en ?? '',
    yesNo: (value: boolean) => TEXT[locale][value ? 'yes' : 'no'],
  };
}

/** The table of one block, headers in the caller's language. */
export function csvTable<B extends ReportBlock>(block: B, report: ReportByBlock[B], locale: Locale): CsvTable {
  const t = TEXT[locale];
  const f = formatters(locale);
  switch (block) {
    case 'summary': {
      const summary = report as ReportByBlock['summary'];
      return {
        columns: [t.indicator, t.current, t.previous, t.change, t.changeUnit],
        rows: INDICATOR_KEYS.map((key) => {
          const format = (value: number | null): CsvCell => (RATE_KEYS.has(key) ? f.percent(value) : COUNT_KEYS.has(key) ? f.count(value ?? 0) : f.hours(value));
          const current = summary.current[key];
          const previous = summary.previous[key];
          // The change the dashboard's tile shows, to the digit (indicatorChange in libs/shared).
          const change = indicatorChange(key, current, previous, summary.previousComparable);
          return [t[key], format(current), format(previous), change.value ?? '', change.value === null ? t.noComparison : t[change.unit]];
        }),
      };
    }
    case 'trend':
      return {
        columns: [t.month, t.openHours, t.bookedHours, t.usedHours, t.occupancyRate, t.usageRate],
        rows: (report as ReportByBlock['trend']).months.map((m) => [m.month, f.hours(m.openHours), f.hours(m.bookedHours), f.hours(m.usedHours), f.percent(m.occupancyRate), f.percent(m.usageRate)]),
      };
    case 'heatmap': {
      const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
      // 2024-01-01 was a Monday: ISO weekday n is that date plus n − 1 days.
      const dayName = (n: number) => weekday.format(new Date(Date.UTC(2024, 0, n)));
      return {
        columns: [t.weekday, t.hour, t.openHours, t.bookedHours, t.occupancyRate],
        rows: (report as ReportByBlock['heatmap']).cells.map((c) => [dayName(c.weekday), `${String(c.hour).padStart(2, '0')}:00`, f.hours(c.openHours), f.hours(c.bookedHours), f.percent(c.occupancyRate)]),
      };
    }
    case 'equipment':
      return {
        columns: [t.equipment, t.kind, t.owner, t.site, t.country, t.openHours, t.bookedHours, t.usedHours, t.occupancyRate, t.usageRate, t.completedBookings, t.noShows],
        rows: (report as ReportByBlock['equipment']).items.map((i) => [
          f.name(i.names), TEXT[locale].resourceKind[i.kind], i.owner.name, i.site.name, i.site.country, f.hours(i.openHours), f.hours(i.bookedHours),
          f.hours(i.usedHours), f.percent(i.occupancyRate), f.percent(i.usageRate), i.completedBookings, i.noShows,
        ]),
      };
    case 'partnerships':
      return {
        columns: [t.owner, t.ownerCountry, t.booker, t.bookerCountry, t.completedBookings, t.usedHours, t.firstCompletedAt, t.isNew, t.crossBorder],
        rows: (report as ReportByBlock['partnerships']).pairs.map((p) => [
          p.owner.name, p.owner.country, p.booker.name, p.booker.country, p.completedBookings, f.hours(p.usedHours), p.firstCompletedAt.slice(0, 10),
          f.yesNo(p.isNew), f.yesNo(p.crossBorder),
        ]),
      };
    case 'learners': {
      const learners = report as ReportByBlock['learners'];
      const figures = (row: ReportByBlock['learners']['totals']) => [f.hours(row.pupils), f.hours(row.apprentices), f.hours(row.jobSeekers), f.hours(row.trainers), f.hours(row.employees), f.hours(row.total)];
      return {
        columns: [t.occupation, ...BENEFICIARY_TYPES.map((type) => t[type]), t.total],
        rows: [
          ...learners.rows.map((row) => [row.occupation ? f.name(row.occupation.labels) : t.notGiven, ...figures(row)]),
          [t.total, ...figures(learners.totals)],
        ],
      };
    }
    case 'shortage':
      return {
        columns: [t.occupation, t.region, t.usedHours, t.learnerHours],
        rows: (report as ReportByBlock['shortage']).rows.map((r) => [f.name(r.occupation.labels), TEXT[locale].regionName[r.region], f.hours(r.usedHours), f.hours(r.learnerHours)]),
      };
    case 'unmet': {
      // Booking requests first, with their total (unchanged by the campaigns); then, a source of its own,
      // the sessions published campaigns could not give: one row per campaign, requesting organisation and
      // item (or kind of item), the three last columns filled, and their own total.
      const unmet = report as ReportByBlock['unmet'];
      const none = UNMET_KINDS.map(() => '');
      return {
        columns: [t.equipment, t.owner, ...UNMET_KINDS.map((kind) => t[kind]), t.unmetHours, t.requests, t.campaign, t.requestingOrganisation, t.unmetSessions],
        rows: [
          ...unmet.items.map((i) => [f.name(i.names), i.owner.name, ...UNMET_KINDS.map((kind) => f.hours(i.byKind[kind].hours)), f.hours(i.total.hours), i.total.requests, '', '', '']),
          [t.total, '', ...UNMET_KINDS.map((kind) => f.hours(unmet.totals[kind].hours)), f.hours(unmet.totals.total.hours), unmet.totals.total.requests, '', '', ''],
          ...unmet.campaign.rows.map((r) => [
            r.item ? f.name(r.item.names) : `${t.anyOfKind} ${r.resourceKind ? TEXT[locale].resourceKind[r.resourceKind] : ''}`.trim(), r.owner.name, ...none,
            f.hours(r.hours), r.requests, r.campaign.name, r.organisation.name, r.sessions,
          ]),
          ...(unmet.campaign.rows.length
            ? [[t.campaignTotal, '', ...none, f.hours(unmet.campaign.totals.hours), unmet.campaign.totals.requests, '', '', unmet.campaign.totals.sessions]]
            : []),
        ],
      };
    }
    default:
      throw new Error(`No CSV for ${String(block)}`);
  }
}

export function toCsv(table: CsvTable, locale: Locale): string {
  const decimal = locale === 'en' ? '.' : ',';
  return stringify([table.columns, ...table.rows], {
    bom: true,
    delimiter: csvSeparator(locale),
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { number: (value) => String(value).replace('.', decimal) },
  });
}

import { escapeCsvFormula } from '@equipole/shared';

/** A small RFC 4180 writer for exports opened in spreadsheets (semicolon-separated, as Belgian and French Excel expect). */

export type CsvCell = string | number | null | undefined;

/**
 * One cell. Text that a spreadsheet would run as a formula gets a leading apostrophe (escapeCsvFormula,
 * the rule the API's CSVs follow too); numbers are written as they are, so -3 stays a number.
 */
export function csvCell(value: CsvCell, separator = ';'): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? escapeCsvFormula(value) : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows as CSV text with CRLF line ends and a byte-order mark, so accents survive Excel. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], separator = ';'): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The columns of a bookings export ("my bookings" and the coordinators' "all bookings"). */
export const BOOKING_CSV_COLUMNS = [
  'id', 'equipment', 'owner', 'organisation', 'booked_by', 'start', 'end', 'time_zone', 'status', 'purpose', 'occupation', 'participants', 'series', 'reason', 'answers',
] as const;

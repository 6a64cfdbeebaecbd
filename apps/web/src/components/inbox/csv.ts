/** A small RFC 4180 writer for exports opened in spreadsheets (semicolon-separated, as Belgian and French Excel expect). */

export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell, separator = ';'): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows as CSV text with CRLF line ends and a byte-order mark, so accents survive Excel. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], separator = ';'): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, separator)).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

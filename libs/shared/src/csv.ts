/**
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` as a formula (`=HYPERLINK(…)`, `@SUM(…)`, DDE), and a leading tab or carriage return
 * can hide such a start. Full-width `＝ ＋ － ＠` count too: some spreadsheet apps normalise them.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell as a spreadsheet must show it: prefixed with an apostrophe when it could start a
 * formula (spreadsheets show the text and hide the apostrophe), unchanged otherwise. Only text
 * goes through here: a number is written as a number, so -3 stays -3. It is the same rule as
 * csv-stringify's `escape_formulas`, which the API's CSVs use (a test holds them together).
 */
export function escapeCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

import type { FormatterInput } from '@fullcalendar/vue3';

/**
 * Cheap date work for FullCalendar. A busy week holds hundreds of events and FullCalendar formats
 * each one's times and converts its dates on every render: these two helpers give the very same
 * output with a fraction of the work.
 */

type FunctionFormatter = Extract<FormatterInput, (...args: never[]) => unknown>;
type FormattingData = Parameters<FunctionFormatter>[0];
type ZonedDate = FormattingData['start'];

/** 24-hour "HH:mm": the Intl options the calendars used to give FullCalendar as an object. */
export const CLOCK_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };

const DATE_UNITS = new Set<string>(['year', 'month', 'day']);
/** Bound on the remembered texts per language and zone (there are 1,440 minutes in a day). */
const MAX_TEXTS = 20_000;

interface Clock {
  format: Intl.DateTimeFormat;
  /** Text of one wall-clock time, by "hour:minute". */
  times: Map<string, string>;
  /** Text of a range within one day, by "hour:minute-hour:minute". */
  ranges: Map<string, string>;
  /** What Intl puts between the two times of a range within one day, null where its ranges are not "start, separator, end" (checked on the first range). */
  separator?: string | null;
}

const clocks = new Map<string, Clock>();

/** FullCalendar's clean-up of Intl's parts (its NativeDateFormatter): no LTR mark, no space before a day period, no empty part. */
function cleanParts<T extends Intl.DateTimeFormatPart>(parts: T[]): T[] {
  let priorLiteral: T | undefined;
  for (const part of parts) {
    const literal = part.type === 'literal';
    if (literal || part.type === 'dayPeriod') {
      part.value = part.value.replace(/\u200e/g, '');
      if (!literal && priorLiteral) priorLiteral.value = priorLiteral.value.trimEnd();
    }
    priorLiteral = literal ? part : undefined;
  }
  return parts.filter((part) => part.value);
}

const joinParts = (parts: Intl.DateTimeFormatPart[]) => parts.map((part) => part.value).join('');
const textOf = (format: Intl.DateTimeFormat, instant: number) => joinParts(cleanParts(format.formatToParts(instant)));

/** A range as FullCalendar writes it: Intl's range text, or both times around Intl's separator when Intl adds the dates (over midnight). */
function rangeText(format: Intl.DateTimeFormat, start: number, end: number): string {
  const parts = cleanParts(format.formatRangeToParts(start, end));
  if (!parts.some((part) => DATE_UNITS.has(part.type))) return joinParts(parts);
  const separator = parts.filter((part) => part.source === 'shared').pop()?.value ?? '';
  return textOf(format, start) + separator + textOf(format, end);
}

/**
 * Intl's separator when, in this language, every range within one day reads "start, separator, end"
 * with each time as written alone (and a range whose two times read the same collapses to one time);
 * checked on sample ranges in UTC (the pattern depends on the language, not on the zone). Null otherwise.
 */
function sameDaySeparator(localeCodes: string[]): string | null {
  const probe = new Intl.DateTimeFormat(localeCodes, { ...CLOCK_OPTIONS, timeZone: 'UTC' });
  const at = (hour: number, minute: number, second = 0) => Date.UTC(2001, 0, 8, hour, minute, second);
  const first = cleanParts(probe.formatRangeToParts(at(10, 0), at(11, 30)));
  const separator = first.find((part) => part.source === 'shared' && part.type === 'literal')?.value ?? null;
  if (separator === null) return null;
  const samples: [number, number][] = [[at(10, 0), at(11, 30)], [at(10, 0), at(10, 45)], [at(9, 5), at(15, 55)], [at(0, 0), at(23, 59)], [at(13, 0), at(14, 0)]];
  for (const [start, end] of samples) {
    if (rangeText(probe, start, end) !== textOf(probe, start) + separator + textOf(probe, end)) return null;
  }
  if (rangeText(probe, at(10, 0), at(10, 0, 30)) !== textOf(probe, at(10, 0))) return null;
  return separator;
}

function clockFor(data: FormattingData): Clock {
  const key = `${data.localeCodes.join(',')}|${data.timeZone}`;
  let clock = clocks.get(key);
  if (!clock) {
    const timeZone = data.timeZone === 'local' ? undefined : data.timeZone;
    clock = { format: new Intl.DateTimeFormat(data.localeCodes, { ...CLOCK_OPTIONS, timeZone }), times: new Map(), ranges: new Map() };
    clocks.set(key, clock);
  }
  return clock;
}

function remembered(cache: Map<string, string>, key: string, compute: () => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    if (cache.size >= MAX_TEXTS) cache.clear();
    text = compute();
    cache.set(key, text);
  }
  return text;
}

const wallClock = (date: ZonedDate) => `${date.hour}:${date.minute}`;
const sameDay = (a: ZonedDate, b: ZonedDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * FullCalendar's date formatter for event times ("08:00 – 09:30") and the time grid's rows ("08:00"):
 * the text FullCalendar's own formatter gives `CLOCK_OPTIONS`, remembered per wall-clock time and
 * pair of times within a day. Intl's formatRangeToParts costs about 0.1–0.2 ms a call, once per event
 * and render; and with an object as `slotHeaderFormat`, FullCalendar builds a new Intl.DateTimeFormat
 * for every row label on every render of the time grid.
 */
export const clockFormat: FunctionFormatter = (data) => {
  const { start, end } = data;
  const clock = clockFor(data);
  if (!end) return remembered(clock.times, wallClock(start), () => textOf(clock.format, start.instantMs));
  if (!sameDay(start, end)) return rangeText(clock.format, start.instantMs, end.instantMs);
  return remembered(clock.ranges, `${wallClock(start)}-${wallClock(end)}`, () => {
    if (clock.separator === undefined) clock.separator = sameDaySeparator(data.localeCodes);
    const { separator } = clock;
    if (separator === null) return rangeText(clock.format, start.instantMs, end.instantMs);
    const from = remembered(clock.times, wallClock(start), () => textOf(clock.format, start.instantMs));
    if (start.hour === end.hour && start.minute === end.minute) return from;
    return from + separator + remembered(clock.times, wallClock(end), () => textOf(clock.format, end.instantMs));
  });
};

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * FullCalendar's `timeZone` for a site's zone: 'local' when the browser runs in that very zone. Every
 * date and text stays the same, but FullCalendar then converts with the browser's own Date instead of
 * a Temporal polyfill, a few conversions per event and render.
 */
export function calendarTimeZone(zone: string, browserZone = BROWSER_ZONE): string {
  return zone === browserZone ? 'local' : zone;
}

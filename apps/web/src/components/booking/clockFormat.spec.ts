import { createFormatter, DateEnv } from '@fullcalendar/vue3/protected-api';
import { describe, expect, it } from 'vitest';
import { calendarTimeZone, CLOCK_OPTIONS, clockFormat } from './clockFormat';

type Settings = ConstructorParameters<typeof DateEnv>[0];

function dateEnv(codes: string[], timeZone: string): DateEnv {
  const locale = { codeArg: codes[0], codes, week: { dow: 1, doy: 4 }, simpleNumberFormat: new Intl.NumberFormat(codes), options: {} } as unknown as Settings['locale'];
  return new DateEnv({ timeZone, calendarSystem: 'gregory', locale });
}

/** What FullCalendar writes for an event's times (buildEventRangeTimeText) with a given formatter. */
function eventTimeText(env: DateEnv, formatter: ReturnType<typeof createFormatter>, start: number, end: number | null): string {
  const join = (parts: { value: string }[]) => parts.map((part) => part.value).join('');
  const startMarker = env.timestampToMarker(start);
  if (end === null) return join(env.formatToParts(startMarker, formatter, { instantMs: start }));
  const endMarker = env.timestampToMarker(end);
  const parts = env.formatRangeToParts(startMarker, endMarker, formatter, { startInstantMs: start, endInstantMs: end });
  // FullCalendar's detectMultiDayTimes: over midnight, both times around Intl's separator.
  if (parts.some((part) => ['year', 'month', 'day'].includes(part.type))) {
    const separator = parts.filter((part) => 'source' in part && part.source === 'shared').pop()?.value ?? '';
    return join(env.formatToParts(startMarker, formatter, { instantMs: start })) + separator + join(env.formatToParts(endMarker, formatter, { instantMs: end }));
  }
  return join(parts);
}

describe('clockFormat', () => {
  const native = createFormatter(CLOCK_OPTIONS);
  const cached = createFormatter(clockFormat);
  const MINUTE = 60_000;

  it('writes every time and range as FullCalendar does with the Intl options', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Australia/Lord_Howe'];
    // Weeks with a change of offset (Europe, North America, Lord Howe's half hour) and an ordinary one.
    const days = ['2026-03-08', '2026-03-29', '2026-10-04', '2026-10-25', '2026-06-15'];
    for (const codes of [['fr'], ['nl'], ['en-gb'], ['ja'], ['ar']]) {
      for (const zone of zones) {
        const env = dateEnv(codes, zone);
        for (const day of days) {
          const base = Date.parse(`${day}T00:00:00Z`) - 12 * 60 * MINUTE;
          for (let offset = 0; offset < 48 * 60; offset += 190) {
            const start = base + offset * MINUTE;
            for (const length of [0, 0.5, 15, 45, 135, 1440, 2000]) {
              const end = start + length * MINUTE;
              const where = `${codes[0]} ${zone} ${new Date(start).toISOString()} +${length} min`;
              expect(eventTimeText(env, cached, start, end), where).toBe(eventTimeText(env, native, start, end));
            }
            expect(eventTimeText(env, cached, start, null)).toBe(eventTimeText(env, native, start, null));
          }
        }
      }
    }
  }, 30_000);

  it('keeps languages and zones apart', () => {
    const start = Date.parse('2026-03-10T07:00:00Z');
    const end = start + 90 * MINUTE;
    const texts = [dateEnv(['fr'], 'Europe/Brussels'), dateEnv(['en-gb'], 'Europe/Brussels'), dateEnv(['fr'], 'UTC')].map((env) => eventTimeText(env, cached, start, end));
    expect(texts[0]).toMatch(/^08:00.+09:30$/);
    expect(texts[1]).toMatch(/^08:00.+09:30$/);
    expect(texts[2]).toMatch(/^07:00.+08:30$/);
  });
});

describe('calendarTimeZone', () => {
  it('lets FullCalendar use the browser’s clock when the site is in the browser’s zone', () => {
    expect(calendarTimeZone('Europe/Brussels', 'Europe/Brussels')).toBe('local');
    expect(calendarTimeZone('Europe/Brussels', 'America/New_York')).toBe('Europe/Brussels');
  });
});

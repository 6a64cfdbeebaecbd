import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';

/**
 * One booking (or session) as a calendar event; the UID is the booking's (bookingUid) or the session's
 * (sessionUid), so every client merges updates into one event.
 */
export interface CalendarEntry {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  zone: string;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
}

/** Rendered `PRODID:-//Equipole//Equipole bookings//FR` (ical-generator adds the leading dash). */
export const PRODUCT_ID = '//Equipole//Equipole bookings//FR';

export function bookingUid(bookingId: string): string {
  return `${bookingId}@equipole`;
}

/** A session's UID: its own, distinct from the booking that blocks its item, stable across changes. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@equipole`;
}

/**
 * A VTIMEZONE for an IANA zone, built from the zone's real offsets (luxon / ICU data) between two
 * years: one observance per offset change, so it is exact for any zone, not only European rules.
 * Outlook needs the VTIMEZONE of every TZID it is given; Google and Apple read the IANA name.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string | null {
  // Walking every day of the years costs milliseconds, and every invitation needs a block: one per zone and years.
  const key = `${zone} ${fromYear} ${toYear}`;
  if (!VTIMEZONES.has(key)) {
    if (VTIMEZONES.size >= 256) VTIMEZONES.clear();
    VTIMEZONES.set(key, buildVtimezone(zone, fromYear, toYear));
  }
  return VTIMEZONES.get(key)!;
}

const VTIMEZONES = new Map<string, string | null>();

function buildVtimezone(zone: string, fromYear: number, toYear: number): string | null {
  const first = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone });
  if (!first.isValid) return null;
  const offset = (minutes: number) => {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  };
  const name = (at: DateTime) => at.setLocale('en-GB').offsetNameShort ?? offset(at.offset);
  const local = (utcMillis: number, offsetMinutes: number) =>
    DateTime.fromMillis(utcMillis + offsetMinutes * 60_000, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss");
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (at: number, from: number, to: number) => {
    const moment = DateTime.fromMillis(at, { zone });
    const kind = moment.isInDST ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${local(at, from)}`, `TZOFFSETFROM:${offset(from)}`, `TZOFFSETTO:${offset(to)}`, `TZNAME:${name(moment)}`, `END:${kind}`);
  };
  observance(first.toMillis(), first.offset, first.offset);
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone }).toMillis();
  const DAY = 86_400_000;
  const STEP = 15 * 60_000;
  let previous = first.offset;
  for (let day = first.toMillis(); day < end; day += DAY) {
    const next = DateTime.fromMillis(day + DAY, { zone }).offset;
    if (next === previous) continue;
    // The offset changed during this day: find the quarter-hour it changed at.
    let at = day;
    while (DateTime.fromMillis(at + STEP, { zone }).offset === previous) at += STEP;
    observance(at + STEP, previous, next);
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** A calendar whose VTIMEZONE blocks cover the years of its events. */
export function newCalendar(options: { name?: string; method?: ICalCalendarMethod; entries: CalendarEntry[]; ttlSeconds?: number }): ICalCalendar {
  const years = options.entries.flatMap((e) => [e.start.getUTCFullYear(), e.end.getUTCFullYear()]);
  const fromYear = years.length ? Math.min(...years) : new Date().getUTCFullYear();
  const toYear = years.length ? Math.max(...years) : fromYear;
  const calendar = ical({ prodId: PRODUCT_ID, name: options.name, method: options.method, ttl: options.ttlSeconds });
  calendar.timezone({ name: null, generator: (zone) => vtimezone(zone, fromYear, toYear) });
  for (const entry of options.entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      // An email's invitation is rendered once, when its outbox row is written, so retries carry the same DTSTAMP.
      stamp: new Date(),
      start: DateTime.fromJSDate(entry.start).setZone(entry.zone),
      end: DateTime.fromJSDate(entry.end).setZone(entry.zone),
      timezone: entry.zone,
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      url: entry.url,
      status: entry.status === 'confirmed' ? ICalEventStatus.CONFIRMED : entry.status === 'tentative' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CANCELLED,
    });
  }
  return calendar;
}

/** The invitation attached to an email: METHOD:REQUEST to add or update, METHOD:CANCEL (same UID) to remove. */
export function invitation(
  method: 'REQUEST' | 'CANCEL',
  entry: CalendarEntry | CalendarEntry[],
  organizer: { name: string; email: string },
  attendee: { name: string; email: string },
): string {
  // A series sends one email for all its dates: one VEVENT per booking, each with the booking's UID,
  // so a later move or cancellation of one date updates that event only.
  const calendar = newCalendar({ method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL, entries: Array.isArray(entry) ? entry : [entry] });
  for (const event of calendar.events()) {
    event.organizer(organizer);
    event.createAttendee({ email: attendee.email, name: attendee.name, rsvp: false });
  }
  return calendar.toString();
}

/** The address part of a "Name <address>" sender. */
export function senderAddress(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'Equipôle', email: match[2] } : { name: 'Equipôle', email: from.trim() };
}

import { DateTime } from 'luxon';
import { DemoDataService } from '../src/database/demo/demo-data.service';
import { startTestApp, TestApp } from './support/test-app';

/** The instants at which the suite also runs (scripts/test-at-instants.mjs), plus the real time. */
const INSTANTS = [
  '2027-01-10T20:30:00+01:00', // a Sunday evening
  '2027-03-28T01:30:00+01:00', // half an hour before clocks go forward
  '2027-10-31T02:30:00+02:00', // the first 02:30 of the night clocks go back
  '2026-12-31T23:30:00+01:00', // New Year's Eve in Brussels
  '2028-02-29T12:00:00+01:00', // a 29 February
];

const EMAIL_KINDS = ['booking_requested', 'booking_confirmed', 'booking_cancelled', 'booking_reminder', 'pending_digest'];

async function demoSnapshot(t: TestApp) {
  const bookings = await t.dataSource.query(
    `SELECT id, resource_id, organisation_id, period::text, blocked::text, status, purpose, created_at FROM bookings ORDER BY id`,
  );
  const emails = await t.dataSource.query(`SELECT kind, recipient, subject, text_body FROM outbox ORDER BY kind, recipient, subject`);
  const users = await t.dataSource.query(`SELECT id, email FROM users ORDER BY id`);
  return { bookings, emails, users };
}

describe('demo data', () => {
  it.each([...INSTANTS, 'now'])('writes every kind of booking email when generated at %s', async (instant) => {
    const t = await startTestApp();
    try {
      if (instant !== 'now') t.clock.set(instant);
      const summary = await t.app.get(DemoDataService).seedIfEmpty();
      expect(summary?.bookings).toBeGreaterThan(1000);
      const kinds: { kind: string }[] = await t.dataSource.query('SELECT DISTINCT kind FROM outbox');
      expect(kinds.map((row) => row.kind)).toEqual(expect.arrayContaining(EMAIL_KINDS));
      const [span] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE upper(period) <= $1)::int AS past, count(*) FILTER (WHERE lower(period) > $1)::int AS future FROM bookings`,
        [t.clock.now()],
      );
      expect(span.past).toBeGreaterThan(100);
      expect(span.future).toBeGreaterThan(100);
    } finally {
      await t.close();
    }
  });

  it('is the same, ids and emails included, for the same instant', async () => {
    const at = DateTime.fromISO('2027-03-28T01:30:00+01:00');
    const snapshots = [];
    for (let run = 0; run < 2; run++) {
      const t = await startTestApp();
      try {
        await t.app.get(DemoDataService).seedIfEmpty(at);
        snapshots.push(await demoSnapshot(t));
      } finally {
        await t.close();
      }
    }
    expect(snapshots[0].bookings.length).toBeGreaterThan(1000);
    expect(snapshots[1]).toEqual(snapshots[0]);
  });
});

import { periodEnd } from './job-schedule';

describe('periodEnd', () => {
  const at = (iso: string) => new Date(iso);

  it('names a tick by the next scheduled instant, however late its timer fires before that', () => {
    for (const fired of ['2027-01-11T10:05:00.000Z', '2027-01-11T10:05:00.004Z', '2027-01-11T10:06:59.999Z', '2027-01-11T10:09:59.000Z']) {
      expect(periodEnd('*/5 * * * *', at(fired)).toISOString()).toBe('2027-01-11T10:10:00.000Z');
    }
  });

  it('reads the daily hour in Brussels, across the night clocks go back', () => {
    // 07:00 in Brussels is 06:00 UTC in winter and 05:00 UTC in summer.
    expect(periodEnd('0 7 * * *', at('2027-10-30T05:00:00.010Z')).toISOString()).toBe('2027-10-31T06:00:00.000Z');
    expect(periodEnd('0 7 * * *', at('2027-03-27T06:00:00.010Z')).toISOString()).toBe('2027-03-28T05:00:00.000Z');
  });

  it('works with seconds', () => {
    expect(periodEnd('*/2 * * * * *', at('2027-01-11T10:05:04.300Z')).toISOString()).toBe('2027-01-11T10:05:06.000Z');
  });
});

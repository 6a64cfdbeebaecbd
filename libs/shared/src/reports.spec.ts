import { describe, expect, it } from 'vitest';
import { lastReportDay, MAX_REPORT_DAYS, REPORT_FIRST_DAY, reportPeriodProblems } from './reports';

const TODAY = '2026-12-03';

describe('report periods', () => {
  it('end at the longest booking horizon (730 days) and a day, from today', () => {
    expect(lastReportDay(TODAY)).toBe('2028-12-03');
    expect(lastReportDay('2028-02-29')).toBe('2030-03-01');
  });

  it('accepts a period from the first report day to the last one, when it is not too long', () => {
    expect(reportPeriodProblems(REPORT_FIRST_DAY, '2020-12-31', TODAY)).toEqual([]);
    expect(reportPeriodProblems('2026-12-01', lastReportDay(TODAY), TODAY)).toEqual([]);
    expect(reportPeriodProblems('2025-03-24', '2025-03-24', TODAY)).toEqual([]);
  });

  it('refuses days before the first report day or after the last one, naming each field', () => {
    expect(reportPeriodProblems('0001-01-01', '0001-01-31', TODAY)).toEqual([
      { field: 'from', constraint: 'periodTooEarly', args: [REPORT_FIRST_DAY] },
      { field: 'to', constraint: 'periodTooEarly', args: [REPORT_FIRST_DAY] },
    ]);
    expect(reportPeriodProblems('2019-12-31', '2020-01-31', TODAY)).toEqual([{ field: 'from', constraint: 'periodTooEarly', args: [REPORT_FIRST_DAY] }]);
    expect(reportPeriodProblems('2028-11-01', '2028-12-04', TODAY)).toEqual([{ field: 'to', constraint: 'periodTooLate', args: ['2028-12-03'] }]);
    expect(reportPeriodProblems('9999-01-01', '9999-01-31', TODAY).map((p) => [p.field, p.constraint])).toEqual([
      ['from', 'periodTooLate'],
      ['to', 'periodTooLate'],
    ]);
  });

  it('refuses an end before the start and a period longer than the maximum', () => {
    expect(reportPeriodProblems('2025-03-30', '2025-03-24', TODAY)).toEqual([{ field: 'to', constraint: 'periodOrder', args: [] }]);
    expect(reportPeriodProblems('2020-01-01', '2025-01-01', TODAY)).toEqual([{ field: 'to', constraint: 'periodTooLong', args: [MAX_REPORT_DAYS] }]);
  });
});

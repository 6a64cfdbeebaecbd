import { edgeRanges } from './report-sql';

describe('edgeRanges', () => {
  it('has no edges for whole months', () => {
    expect(edgeRanges('2025-03-01', '2025-03-31')).toEqual([]);
    expect(edgeRanges('2024-11-01', '2025-10-31')).toEqual([]);
  });

  it('keeps the days before the first and after the last whole month', () => {
    expect(edgeRanges('2025-03-10', '2025-05-20')).toEqual([['2025-03-10', '2025-04-01'], ['2025-05-01', '2025-05-21']]);
    expect(edgeRanges('2025-03-10', '2025-04-30')).toEqual([['2025-03-10', '2025-04-01']]);
    expect(edgeRanges('2025-03-01', '2025-04-15')).toEqual([['2025-04-01', '2025-04-16']]);
  });

  it('is the whole period when no month fits in it', () => {
    expect(edgeRanges('2025-03-24', '2025-03-30')).toEqual([['2025-03-24', '2025-03-31']]);
    expect(edgeRanges('2025-03-10', '2025-04-10')).toEqual([['2025-03-10', '2025-04-11']]);
    expect(edgeRanges('2024-12-31', '2024-12-31')).toEqual([['2024-12-31', '2025-01-01']]);
  });
});

import { stringify } from 'csv-stringify/sync';
import { escapeCsvFormula, INDICATOR_VERSION, type EquipmentReport, type SummaryReport } from '@equipole/shared';
import { csvTable, toCsv } from './report-csv';

const META = { indicatorVersion: INDICATOR_VERSION, scope: 'network', from: '2025-03-24', to: '2025-03-30' } as const;

describe('report CSV', () => {
  it('escapes text cells exactly as the shared escapeCsvFormula does', () => {
    const samples = ['=HYPERLINK("http://x","y")', '@SUM(1)', '+1', '-1+2', '\tx', '\rx', '＝1', '＋1', '－1', '＠1', 'Atelier', 'a=b', ' =1', ''];
    // The one field of a one-line CSV, its quotes taken off.
    const field = (line: string) => (line.startsWith('"') ? line.slice(1, -1).replaceAll('""', '"') : line);
    for (const sample of samples) {
      const cell = field(stringify([[sample]], { escape_formulas: true, record_delimiter: '\n' }).slice(0, -1));
      expect({ sample, cell }).toEqual({ sample, cell: escapeCsvFormula(sample) });
    }
  });

  it('writes names that start a formula as text, and figures, negative ones too, as numbers', () => {
    const equipment: EquipmentReport = {
      ...META,
      items: [{
        id: 'i1', names: { fr: '-Tour', nl: null, en: null }, kind: 'machine', owner: { id: 'o1', name: '=HYPERLINK("http://x","y")', country: 'BE' },
        site: { id: 's1', name: '@SUM(1)', country: 'BE', region: 'WAL', timeZone: 'Europe/Brussels' },
        openHours: 51, bookedHours: 21.5, usedHours: 20, occupancyRate: 0.4216, usageRate: 0.3922, completedBookings: 4, noShows: 1,
      }],
    };
    expect(toCsv(csvTable('equipment', equipment, 'fr'), 'fr').split('\r\n')[1])
      .toBe(`'-Tour;Machine;"'=HYPERLINK(""http://x"",""y"")";'@SUM(1);BE;51;21,5;20;42,2;39,2;4;1`);

    const set = (bookedHours: number, occupancyRate: number) => ({
      openHours: 100, bookedHours, occupancyRate, usedHours: 0, usageRate: 0, completedBookings: 0, noShows: 0, noShowRate: null, learnerHours: 0,
      mutualisedHours: 0, mutualisationRate: null, partnerships: 0, newPartnerships: 0, crossBorderPartnerships: 0, shortageHours: 0, unmetHours: 0,
    });
    const summary: SummaryReport = {
      ...META, current: set(1.5, 0.015), previous: { ...set(5, 0.05), from: '2025-03-17', to: '2025-03-23' }, previousComparable: true,
    };
    const lines = toCsv(csvTable('summary', summary, 'en'), 'en').split('\r\n');
    expect(lines).toContain('Booked hours,1.5,5,-70,% of the previous period');
    expect(lines).toContain('Occupancy rate (%),1.5,5,-3.5,points');
    expect(lines).toContain('No-show rate (%),,,,no comparable period');
  });

  it('writes the change the dashboard shows, to the digit, and none without a comparable period', () => {
    const set = (occupancyRate: number, bookedHours: number) => ({
      openHours: 100, bookedHours, occupancyRate, usedHours: 0, usageRate: 0, completedBookings: 0, noShows: 0, noShowRate: 0.1, learnerHours: 0,
      mutualisedHours: 0, mutualisationRate: null, partnerships: 0, newPartnerships: 0, crossBorderPartnerships: 0, shortageHours: 0, unmetHours: 0,
    });
    // 33.96 % shows as 34 %, 32.15 % as 32.2 %: the tile reads +1.8 pt, and so must the CSV (not 1.81 rounded to 1.8 by luck, nor -1.7).
    const summary: SummaryReport = {
      ...META, current: set(0.3396, 36), previous: { ...set(0.3215, 4), from: '2025-03-17', to: '2025-03-23' }, previousComparable: true,
    };
    const lines = toCsv(csvTable('summary', summary, 'fr'), 'fr').split('\r\n');
    expect(lines).toContain('Taux d’occupation (%);34;32,2;1,8;points');
    expect(lines).toContain('Heures réservées;36;4;800;% de la période précédente');
    const early = toCsv(csvTable('summary', { ...summary, previousComparable: false }, 'fr'), 'fr').split('\r\n');
    expect(early).toContain('Taux d’occupation (%);34;32,2;;pas de période comparable');
  });
});

import { stringify } from 'csv-stringify/sync';
import { escapeCsvFormula, INDICATOR_VERSION, type EquipmentReport, type SummaryReport, type UnmetReport } from '@equipole/shared';
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
  it('writes the campaigns’ unmet demand after the booking requests’ total, as rows of their own', () => {
    const zero = { requests: 0, hours: 0 };
    const owner = { id: 'o1', name: 'Centre', country: 'BE' } as const;
    const unmet: UnmetReport = {
      ...META,
      totals: { declined: { requests: 1, hours: 2 }, expired: zero, waitlist: zero, refused: zero, total: { requests: 1, hours: 2 } },
      items: [{ id: 'i1', names: { fr: 'Tour', nl: null, en: null }, owner, byKind: { declined: { requests: 1, hours: 2 }, expired: zero, waitlist: zero, refused: zero }, total: { requests: 1, hours: 2 } }],
      campaign: {
        totals: { requests: 2, sessions: 5, hours: 17.5 },
        rows: [
          { campaign: { id: 'c1', name: 'Rentrée', publishedAt: '2025-03-25T09:00:00.000Z' }, organisation: { id: 's1', name: 'Athénée', country: 'BE' }, item: null, resourceKind: 'vehicle', owner, requests: 1, sessions: 3, hours: 10.5 },
          { campaign: { id: 'c1', name: 'Rentrée', publishedAt: '2025-03-25T09:00:00.000Z' }, organisation: { id: 's2', name: '=Lycée', country: 'FR' }, item: { id: 'i1', names: { fr: 'Tour', nl: null, en: null } }, resourceKind: null, owner, requests: 1, sessions: 2, hours: 7 },
        ],
      },
    };
    expect(toCsv(csvTable('unmet', unmet, 'fr'), 'fr').split('\r\n').slice(1, 6)).toEqual([
      'Tour;Centre;2;0;0;0;2;1;;;',
      'Total;;2;0;0;0;2;1;;;',
      'Tout équipement de type Véhicule;Centre;;;;;10,5;1;Rentrée;Athénée;3',
      "Tour;Centre;;;;;7;1;Rentrée;'=Lycée;2",
      'Total des campagnes;;;;;;17,5;2;;;5',
    ]);
  });
});

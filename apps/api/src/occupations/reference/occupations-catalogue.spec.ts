import { REGIONS, SECTORS, type Sector } from '@equipole/shared';
import { REFERENCE_OCCUPATIONS, SHORTAGE_LIST_SOURCES } from './occupations-catalogue';

/** Codes the demo data has always used, with their sector: they must stay stable. */
const DEMO_CODES: Record<string, Sector> = {
  'cnc-operator': 'industry',
  welder: 'industry',
  'industrial-maintenance-technician': 'industry',
  'industrial-electrician': 'industry',
  'automation-technician': 'industry',
  'metal-fabricator': 'industry',
  'heavy-truck-driver': 'logistics',
  'forklift-operator': 'logistics',
  'hvac-technician': 'energy',
  'solar-installer': 'energy',
  'car-mechanic': 'automotive',
  carpenter: 'construction',
  bricklayer: 'construction',
  'care-assistant': 'care',
  cook: 'hospitality',
};

describe('REFERENCE_OCCUPATIONS', () => {
  it('holds between 55 and 70 occupations', () => {
    expect(REFERENCE_OCCUPATIONS.length).toBeGreaterThanOrEqual(55);
    expect(REFERENCE_OCCUPATIONS.length).toBeLessThanOrEqual(70);
  });

  it('has unique, slug-shaped codes', () => {
    const codes = REFERENCE_OCCUPATIONS.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9-]+$/);
  });

  it('keeps every code of the demo data, in the same sector', () => {
    const byCode = new Map(REFERENCE_OCCUPATIONS.map((o) => [o.code, o]));
    expect(Object.keys(DEMO_CODES)).toHaveLength(15);
    for (const [code, sector] of Object.entries(DEMO_CODES)) {
      expect({ code, sector: byCode.get(code)?.sector }).toEqual({ code, sector });
    }
  });

  it('labels every occupation in French, Dutch and English, uniquely per language', () => {
    for (const language of ['fr', 'nl', 'en'] as const) {
      const labels = REFERENCE_OCCUPATIONS.map((o) => o[language]);
      for (const label of labels) {
        expect(typeof label).toBe('string');
        expect(label.trim()).not.toBe('');
        expect(label).toBe(label.trim());
      }
      const normalised = labels.map((label) => label.toLocaleLowerCase('fr'));
      const duplicates = normalised.filter((label, index) => normalised.indexOf(label) !== index);
      expect({ language, duplicates }).toEqual({ language, duplicates: [] });
    }
  });

  it('gives well-formed ISCO-08, ROME and ESCO codes', () => {
    for (const o of REFERENCE_OCCUPATIONS) {
      expect(o.isco).toMatch(/^\d{4}$/);
      if (o.rome !== undefined) expect(o.rome).toMatch(/^[A-N]\d{4}$/);
      if (o.esco !== undefined) {
        expect(o.esco.startsWith('http://data.europa.eu/esco/occupation/')).toBe(true);
        expect(o.esco).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
    }
  });

  it('never gives the same ESCO occupation to two entries', () => {
    const uris = REFERENCE_OCCUPATIONS.flatMap((o) => (o.esco ? [o.esco] : []));
    expect(new Set(uris).size).toBe(uris.length);
  });

  it('covers every sector with at least 5 occupations', () => {
    for (const sector of SECTORS) {
      const count = REFERENCE_OCCUPATIONS.filter((o) => o.sector === sector).length;
      expect({ sector, atLeastFive: count >= 5 }).toEqual({ sector, atLeastFive: true });
    }
    for (const o of REFERENCE_OCCUPATIONS) expect(SECTORS).toContain(o.sector);
  });

  it('flags shortage only for known regions, each at most once', () => {
    for (const o of REFERENCE_OCCUPATIONS) {
      for (const region of o.shortage) expect(REGIONS).toContain(region);
      expect(new Set(o.shortage).size).toBe(o.shortage.length);
    }
  });
});

describe('SHORTAGE_LIST_SOURCES', () => {
  it('names a dated source for every region', () => {
    expect(Object.keys(SHORTAGE_LIST_SOURCES).sort()).toEqual([...REGIONS].sort());
    for (const region of REGIONS) {
      const { source, listDate } = SHORTAGE_LIST_SOURCES[region];
      expect(source.trim()).not.toBe('');
      expect(listDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${listDate}T00:00:00Z`).toISOString().slice(0, 10)).toBe(listDate);
    }
  });
});

import type { ResourceDetail } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { closureInput, describeClosure, emptyClosureDraft, sortClosures } from './closures';
import { grantState } from './grants';
import { addSkill, emptyResourceForm, formFromResource, hasSomeName, photoProblem, resourceFields } from './resourceForm';
import { coordinate, defaultRegion, emptySiteDraft, siteInput } from './siteForm';

describe('equipment form', () => {
  it('sends blank texts as null and a rate only for hourly billing', () => {
    const form = { ...emptyResourceForm(), siteId: 's', names: { fr: '  Presse  ', nl: '', en: ' ' }, costModel: 'free' as const, hourlyRate: 12 };
    const fields = resourceFields(form);
    expect(fields).toMatchObject({ nameFr: 'Presse', nameNl: null, nameEn: null, descriptionFr: null, hourlyRate: null, costNote: null });
    expect(resourceFields({ ...form, costModel: 'hourly' }).hourlyRate).toBe(12);
  });

  it('needs a name in one language at least', () => {
    expect(hasSomeName(emptyResourceForm())).toBe(false);
    expect(hasSomeName({ ...emptyResourceForm(), names: { fr: '', nl: 'Pers', en: '' } })).toBe(true);
  });

  it('reads an item from the API into the form', () => {
    const detail = {
      site: { id: 'site' }, kind: 'machine', names: { fr: 'Tour', nl: null, en: null }, descriptions: { fr: null, nl: null, en: null },
      capacity: 4, sector: 'industry', withOperator: true, costModel: 'hourly', hourlyRate: 20, costNote: null, skills: ['usinage'],
      occupations: [{ id: 'o1' }], clusters: [{ id: 'c1' }], requiredCredential: { id: 'cr' }, links: [{ kind: 'manual', label: 'Manuel', url: 'https://x.test' }],
    } as unknown as ResourceDetail;
    expect(formFromResource(detail)).toMatchObject({
      siteId: 'site', names: { fr: 'Tour', nl: '', en: '' }, occupationIds: ['o1'], clusterIds: ['c1'], requiredCredentialId: 'cr', costNote: '',
    });
  });

  it('adds skills once, trimmed, ignoring case', () => {
    expect(addSkill(['Soudure'], ' soudure ')).toEqual(['Soudure']);
    expect(addSkill(['Soudure'], '  lecture   de plans ')).toEqual(['Soudure', 'lecture de plans']);
    expect(addSkill([], '   ')).toEqual([]);
  });

  it('refuses photos of another type or too large before uploading', () => {
    const types = ['image/jpeg', 'image/png'];
    expect(photoProblem({ type: 'image/gif', size: 10 }, types, 100)).toBe('type');
    expect(photoProblem({ type: 'image/png', size: 101 }, types, 100)).toBe('size');
    expect(photoProblem({ type: 'image/jpeg', size: 100 }, types, 100)).toBeNull();
  });
});

describe('closures', () => {
  it('sends whole days without times and a one-day closure with its end filled in', () => {
    const draft = { ...emptyClosureDraft(), startsOn: '2026-12-24', reason: ' Noël ', startTime: '10:00', endTime: '12:00' };
    expect(closureInput(draft)).toEqual({ startsOn: '2026-12-24', endsOn: '2026-12-24', startTime: null, endTime: null, yearly: false, reason: 'Noël' });
    expect(closureInput({ ...draft, partOfDay: true, startTime: '9', endTime: '12h' })).toMatchObject({ startTime: '09:00', endTime: '12:00' });
  });

  it('describes one-off and yearly closures in the reader’s language', () => {
    expect(describeClosure({ startsOn: '2026-07-21', endsOn: '2026-07-21', startTime: null, endTime: null, yearly: true }, 'fr')).toBe('21 juillet');
    expect(describeClosure({ startsOn: '2026-03-02', endsOn: '2026-03-06', startTime: '10:00', endTime: '14:00', yearly: false }, 'en')).toBe(
      '2 Mar 2026 – 6 Mar 2026, 10:00–14:00',
    );
  });

  it('lists yearly closures first, then by date', () => {
    const sorted = sortClosures([
      { startsOn: '2026-05-01', yearly: false },
      { startsOn: '2020-12-25', yearly: true },
      { startsOn: '2026-02-01', yearly: false },
    ]);
    expect(sorted.map((c) => c.startsOn)).toEqual(['2020-12-25', '2026-02-01', '2026-05-01']);
  });
});

describe('sites and grants', () => {
  it('reads coordinates with a comma or a dot, blank as none', () => {
    expect(coordinate('50,61')).toBe(50.61);
    expect(coordinate(' ')).toBeNull();
    expect(Number.isNaN(coordinate('north'))).toBe(true);
    expect(siteInput({ ...emptySiteDraft(), name: ' Atelier ', city: '' })).toMatchObject({ name: 'Atelier', city: null, timeZone: 'Europe/Brussels' });
  });

  it('suggests the region that goes with the country', () => {
    expect(defaultRegion('FR', 'WAL')).toBe('HDF');
    expect(defaultRegion('BE', 'HDF')).toBe('WAL');
    expect(defaultRegion('BE', 'VLA')).toBe('VLA');
  });

  it('tells valid, expired and revoked grants apart (the expiry day still counts)', () => {
    expect(grantState({ revokedAt: null, expiresOn: '2026-03-01' }, '2026-03-01')).toBe('active');
    expect(grantState({ revokedAt: null, expiresOn: '2026-02-28' }, '2026-03-01')).toBe('expired');
    expect(grantState({ revokedAt: '2026-01-01T10:00:00Z', expiresOn: '2027-01-01' }, '2026-03-01')).toBe('revoked');
  });
});

import type { OrganisationDetail, OutboxEmail } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import {
  changedFields, clusterInput, coordinate, dateFromIso, emptyClusterForm, emptyOrganisationForm, filterEmails, isoDate, occupationInput,
  emptyOccupationForm, organisationChanges, organisationInput, organisationToForm,
} from './forms';

describe('organisation form', () => {
  it('sends blank optional fields as null and trims the others', () => {
    const input = organisationInput({ ...emptyOrganisationForm(), kind: 'school', name: '  Athénée  ', city: ' Tournai ', contactEmail: '   ' });
    expect(input).toMatchObject({ kind: 'school', name: 'Athénée', country: 'BE', city: 'Tournai', contactEmail: null, latitude: null, website: null });
  });

  it('reads coordinates written with a decimal comma and keeps text that is no number for the API to reject', () => {
    expect(coordinate('50,6071')).toBe(50.6071);
    expect(coordinate(' 3.39 ')).toBe(3.39);
    expect(coordinate('')).toBeNull();
    expect(coordinate('nord')).toBe('nord');
  });

  it('round-trips an organisation through the form without any change', () => {
    const detail = {
      id: 'o1', kind: 'company', name: 'Escaut Industrie', country: 'BE', city: 'Tournai', memberCount: 3, address: 'Rue 1', postcode: '7500',
      latitude: 50.6, longitude: 3.39, registrationNumber: '0403170701', contactEmail: null, contactPhone: null, website: null,
      logoPath: null, clusters: [], myRole: 'manager', canManage: true,
    } satisfies OrganisationDetail;
    const before = organisationInput(organisationToForm(detail));
    expect(organisationChanges(before, organisationInput(organisationToForm(detail)))).toEqual({});
  });

  it('sends the country with a changed registration number, and the number with a changed country', () => {
    const before = organisationInput({ ...emptyOrganisationForm(), kind: 'company', name: 'X', country: 'FR', registrationNumber: '73282932000074' });
    expect(organisationChanges(before, { ...before, registrationNumber: '1' })).toEqual({ registrationNumber: '1', country: 'FR' });
    expect(organisationChanges(before, { ...before, country: 'BE' })).toEqual({ country: 'BE', registrationNumber: '73282932000074' });
    expect(organisationChanges(before, { ...before, name: 'Y' })).toEqual({ name: 'Y' });
  });
});

describe('changedFields', () => {
  it('compares lists by value', () => {
    expect(changedFields({ a: [1, 2], b: 'x' }, { a: [1, 2], b: 'y' })).toEqual({ b: 'y' });
    expect(changedFields({ a: [1, 2] }, { a: [2] })).toEqual({ a: [2] });
  });
});

describe('cluster and occupation forms', () => {
  it('turns the picked start date into the same calendar day', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(isoDate(dateFromIso('2025-12-31'))).toBe('2025-12-31');
    expect(clusterInput({ ...emptyClusterForm(), name: ' Pôle ', sector: 'energy', startDate: new Date(2026, 8, 1) })).toMatchObject({
      name: 'Pôle', sector: 'energy', startDate: '2026-09-01', status: 'pilot', descriptionFr: null, occupationIds: [],
    });
  });

  it('upper-cases the ROME code and clears empty codes', () => {
    expect(occupationInput({ ...emptyOccupationForm(), code: 'welder', romeCode: 'h2913', iscoCode: '' })).toMatchObject({ romeCode: 'H2913', iscoCode: null, escoUri: null });
  });
});

describe('filterEmails', () => {
  const email = (recipient: string, status: OutboxEmail['status']): OutboxEmail => ({
    id: recipient, kind: 'invitation', recipient, locale: 'fr', subject: 's', textBody: 't', htmlBody: null, status, attempts: 0, createdAt: '2026-01-01T00:00:00Z', sentAt: null,
  });
  const emails = [email('anne@lys.test', 'pending'), email('BOB@escaut.test', 'sent'), email('carl@escaut.test', 'failed')];

  it('keeps every email without a filter', () => {
    expect(filterEmails(emails, { status: null, recipient: '' })).toHaveLength(3);
  });

  it('matches part of the recipient whatever the case, and the status', () => {
    expect(filterEmails(emails, { status: null, recipient: 'escaut' }).map((e) => e.id)).toEqual(['BOB@escaut.test', 'carl@escaut.test']);
    expect(filterEmails(emails, { status: 'sent', recipient: ' bob ' }).map((e) => e.id)).toEqual(['BOB@escaut.test']);
    expect(filterEmails(emails, { status: 'failed', recipient: 'anne' })).toEqual([]);
  });
});

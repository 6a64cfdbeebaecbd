import type {
  ClusterDetail, ClusterInput, Country, OccupationInput, OccupationSummary, OrganisationDetail, OrganisationInput, OrganisationKind, OutboxEmail,
} from '@equipole/shared';


/** What the organisation form edits: every input is text, as typed. */
export interface OrganisationForm {
  kind: OrganisationKind | null;
  name: string;
  country: Country;
  address: string;
  postcode: string;
  city: string;
  latitude: string;
  longitude: string;
  registrationNumber: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
}

export function emptyOrganisationForm(): OrganisationForm {
  return {
    kind: null, name: '', country: 'BE', address: '', postcode: '', city: '', latitude: '', longitude: '',
    registrationNumber: '', contactEmail: '', contactPhone: '', website: '',
  };
}

export function organisationToForm(organisation: OrganisationDetail): OrganisationForm {
  return {
    kind: organisation.kind,
    name: organisation.name,
    country: organisation.country,
    address: organisation.address ?? '',
    postcode: organisation.postcode ?? '',
    city: organisation.city ?? '',
    latitude: organisation.latitude === null ? '' : String(organisation.latitude),
    longitude: organisation.longitude === null ? '' : String(organisation.longitude),
    registrationNumber: organisation.registrationNumber ?? '',
    contactEmail: organisation.contactEmail ?? '',
    contactPhone: organisation.contactPhone ?? '',
    website: organisation.website ?? '',
  };
}

/** Trimmed text, or null when nothing is left (the API then clears the field). */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * A coordinate as a number ("50,6" in Belgian or French notation too); text that is no number is
 * sent as typed so that the API answers with its translated message rather than a silent null.
 */
export function coordinate(value: string): number | string | null {
  const text = value.trim();
  if (text === '') return null;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : text;
}

/** The request body for the form (kind may still be missing: the API then says it is required). */
export function organisationInput(form: OrganisationForm): OrganisationInput {
  return {
    kind: form.kind as OrganisationKind,
    name: form.name.trim(),
    country: form.country,
    address: textOrNull(form.address),
    postcode: textOrNull(form.postcode),
    city: textOrNull(form.city),
    latitude: coordinate(form.latitude) as number | null,
    longitude: coordinate(form.longitude) as number | null,
    registrationNumber: textOrNull(form.registrationNumber),
    contactEmail: textOrNull(form.contactEmail),
    contactPhone: textOrNull(form.contactPhone),
    website: textOrNull(form.website),
  };
}

/** Only the fields that differ from `before` (a PATCH leaves the others alone). */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = after[key];
  }
  return changes;
}

/**
 * The PATCH body of an organisation: its changed fields, and the country and registration number
 * together whenever one of them changes (the API checks the number against the country).
 */
export function organisationChanges(before: OrganisationInput, after: OrganisationInput): Partial<OrganisationInput> {
  const changes = changedFields(before, after);
  if ('registrationNumber' in changes || 'country' in changes) {
    changes.country = after.country;
    if (after.registrationNumber) changes.registrationNumber = after.registrationNumber;
  }
  return changes;
}

export interface ClusterForm {
  name: string;
  descriptionFr: string;
  descriptionNl: string;
  descriptionEn: string;
  sector: ClusterInput['sector'] | null;
  status: NonNullable<ClusterInput['status']>;
  startDate: Date | null;
  leadOrganisationId: string | null;
  occupationIds: string[];
}

export function emptyClusterForm(): ClusterForm {
  return { name: '', descriptionFr: '', descriptionNl: '', descriptionEn: '', sector: null, status: 'pilot', startDate: null, leadOrganisationId: null, occupationIds: [] };
}

export function clusterToForm(cluster: ClusterDetail): ClusterForm {
  return {
    name: cluster.name,
    descriptionFr: cluster.descriptions.fr ?? '',
    descriptionNl: cluster.descriptions.nl ?? '',
    descriptionEn: cluster.descriptions.en ?? '',
    sector: cluster.sector,
    status: cluster.status,
    startDate: cluster.startDate ? dateFromIso(cluster.startDate) : null,
    leadOrganisationId: cluster.leadOrganisation?.id ?? null,
    occupationIds: cluster.occupations.map((o) => o.id),
  };
}

export function clusterInput(form: ClusterForm): ClusterInput {
  return {
    name: form.name.trim(),
    descriptionFr: textOrNull(form.descriptionFr),
    descriptionNl: textOrNull(form.descriptionNl),
    descriptionEn: textOrNull(form.descriptionEn),
    sector: form.sector as ClusterInput['sector'],
    status: form.status,
    startDate: form.startDate ? isoDate(form.startDate) : null,
    leadOrganisationId: form.leadOrganisationId,
    occupationIds: [...form.occupationIds],
  };
}

export interface OccupationForm {
  code: string;
  labelFr: string;
  labelNl: string;
  labelEn: string;
  sector: OccupationInput['sector'] | null;
  escoUri: string;
  iscoCode: string;
  romeCode: string;
}

export function emptyOccupationForm(): OccupationForm {
  return { code: '', labelFr: '', labelNl: '', labelEn: '', sector: null, escoUri: '', iscoCode: '', romeCode: '' };
}

export function occupationToForm(occupation: OccupationSummary): OccupationForm {
  return {
    code: occupation.code,
    labelFr: occupation.labels.fr,
    labelNl: occupation.labels.nl,
    labelEn: occupation.labels.en,
    sector: occupation.sector,
    escoUri: occupation.escoUri ?? '',
    iscoCode: occupation.iscoCode ?? '',
    romeCode: occupation.romeCode ?? '',
  };
}

export function occupationInput(form: OccupationForm): OccupationInput {
  return {
    code: form.code.trim(),
    labelFr: form.labelFr.trim(),
    labelNl: form.labelNl.trim(),
    labelEn: form.labelEn.trim(),
    sector: form.sector as OccupationInput['sector'],
    escoUri: textOrNull(form.escoUri),
    iscoCode: textOrNull(form.iscoCode),
    romeCode: textOrNull(form.romeCode)?.toUpperCase() ?? null,
  };
}

/** A calendar date picked in the browser, as the API's `YYYY-MM-DD` (local date, never shifted to UTC). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dateFromIso(value: string): Date {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return new Date(year, month - 1, day);
}

export interface OutboxFilter {
  status: OutboxEmail['status'] | null;
  recipient: string;
}

/** The emails of a loaded page that match the status and (part of) the recipient address. */
export function filterEmails(emails: readonly OutboxEmail[], filter: OutboxFilter): OutboxEmail[] {
  const wanted = filter.recipient.trim().toLowerCase();
  return emails.filter((email) => (!filter.status || email.status === filter.status) && (!wanted || email.recipient.toLowerCase().includes(wanted)));
}

import type { CostModel, ResourceDetail, ResourceInput, ResourceKind, ResourceLink, ResourceUpdate, Sector } from '@equipole/shared';

/** The equipment editor's fields (rules live in their own model, see RulesForm). */
export interface ResourceForm {
  siteId: string | null;
  kind: ResourceKind;
  names: { fr: string; nl: string; en: string };
  descriptions: { fr: string; nl: string; en: string };
  capacity: number | null;
  sector: Sector | null;
  withOperator: boolean;
  costModel: CostModel;
  hourlyRate: number | null;
  costNote: string;
  skills: string[];
  occupationIds: string[];
  clusterIds: string[];
  requiredCredentialId: string | null;
  links: ResourceLink[];
  /** First day on the platform (YYYY-MM-DD); '' on a new item: the day it is created. */
  availableFrom: string;
}

export function emptyResourceForm(): ResourceForm {
  return {
    siteId: null,
    kind: 'machine',
    names: { fr: '', nl: '', en: '' },
    descriptions: { fr: '', nl: '', en: '' },
    capacity: 1,
    sector: null,
    withOperator: false,
    costModel: 'free',
    hourlyRate: null,
    costNote: '',
    skills: [],
    occupationIds: [],
    clusterIds: [],
    requiredCredentialId: null,
    links: [],
    availableFrom: '',
  };
}

export function formFromResource(resource: ResourceDetail): ResourceForm {
  return {
    siteId: resource.site.id,
    kind: resource.kind,
    names: { fr: resource.names.fr ?? '', nl: resource.names.nl ?? '', en: resource.names.en ?? '' },
    descriptions: { fr: resource.descriptions.fr ?? '', nl: resource.descriptions.nl ?? '', en: resource.descriptions.en ?? '' },
    capacity: resource.capacity,
    sector: resource.sector,
    withOperator: resource.withOperator,
    costModel: resource.costModel,
    hourlyRate: resource.hourlyRate,
    costNote: resource.costNote ?? '',
    skills: [...resource.skills],
    occupationIds: resource.occupations.map((o) => o.id),
    clusterIds: resource.clusters.map((c) => c.id),
    requiredCredentialId: resource.requiredCredential?.id ?? null,
    links: resource.links.map((link) => ({ ...link })),
    availableFrom: resource.availableFrom,
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The fields of `CreateResourceDto` / `UpdateResourceDto`, as the API expects them (blank texts → null). */
export function resourceFields(form: ResourceForm): Omit<ResourceInput, 'organisationId' | 'rules'> {
  return {
    siteId: form.siteId ?? '',
    kind: form.kind,
    nameFr: orNull(form.names.fr),
    nameNl: orNull(form.names.nl),
    nameEn: orNull(form.names.en),
    descriptionFr: orNull(form.descriptions.fr),
    descriptionNl: orNull(form.descriptions.nl),
    descriptionEn: orNull(form.descriptions.en),
    capacity: form.capacity ?? 0,
    sector: form.sector,
    withOperator: form.withOperator,
    costModel: form.costModel,
    // A rate only means something for hourly billing.
    hourlyRate: form.costModel === 'hourly' ? form.hourlyRate : null,
    costNote: orNull(form.costNote),
    skills: form.skills,
    occupationIds: form.occupationIds,
    clusterIds: form.clusterIds,
    requiredCredentialId: form.requiredCredentialId,
    links: form.links.map((link) => ({ kind: link.kind, label: link.label.trim(), url: link.url.trim() })),
    ...(form.availableFrom ? { availableFrom: form.availableFrom } : {}),
  };
}

export function updatePayload(form: ResourceForm, rules: ResourceUpdate['rules']): ResourceUpdate {
  return { ...resourceFields(form), rules };
}

export function hasSomeName(form: ResourceForm): boolean {
  return Boolean(form.names.fr.trim() || form.names.nl.trim() || form.names.en.trim());
}

/** Adds a skill unless it is blank or already there (case-insensitive); returns the new list. */
export function addSkill(skills: readonly string[], text: string): string[] {
  const skill = text.trim().replace(/\s+/g, ' ');
  if (!skill || skills.some((s) => s.toLocaleLowerCase() === skill.toLocaleLowerCase())) return [...skills];
  return [...skills, skill.slice(0, 100)];
}

/** Why a chosen file would be refused (the API checks the bytes too), or null when it may be sent. */
export function photoProblem(file: Pick<File, 'type' | 'size'>, types: readonly string[], maxBytes: number): 'type' | 'size' | null {
  if (!types.includes(file.type)) return 'type';
  if (file.size > maxBytes) return 'size';
  return null;
}

import type { BeneficiaryType, Country, OrganisationKind } from './domain';
import type { TranslatedOptional } from './api-types';
import { LOCALES, type Locale } from './i18n';
import type { IndicatorSet, LearnersReport, UnmetReport } from './reports';

/** Sessions a partner or coordinator publishes (issue 22). */
export const SESSION_KINDS = ['trainer_training', 'occupation_discovery', 'demonstration', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['published', 'cancelled', 'held'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Participants of a group by beneficiary type (the booking's camelCase keys). */
export interface GroupCounts {
  pupils: number;
  apprentices: number;
  jobSeekers: number;
  trainers: number;
  employees: number;
}
export const GROUP_KEYS = ['pupils', 'apprentices', 'jobSeekers', 'trainers', 'employees'] as const satisfies readonly (keyof GroupCounts)[];
/** The database's beneficiary type of each group key. */
export const GROUP_BENEFICIARY: Record<keyof GroupCounts, BeneficiaryType> = {
  pupils: 'pupils', apprentices: 'apprentices', jobSeekers: 'job_seekers', trainers: 'trainers', employees: 'employees',
};

export function groupSize(group: GroupCounts): number {
  return GROUP_KEYS.reduce((sum, key) => sum + (group[key] ?? 0), 0);
}

export interface SessionView {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  titles: TranslatedOptional;
  descriptions: TranslatedOptional;
  organisation: { id: string; name: string; country: Country };
  cluster: { id: string; name: string } | null;
  resource: { id: string; names: TranslatedOptional } | null;
  site: { id: string; name: string; city: string | null; country: Country; timeZone: string };
  occupations: { id: string; code: string; labels: TranslatedOptional }[];
  start: string;
  end: string;
  registrationDeadline: string;
  seats: number;
  seatsTaken: number;
  waitlisted: number;
  audienceKinds: OrganisationKind[];
  audienceBeneficiaries: BeneficiaryType[];
  /** The caller's organisations' live registrations (none for visitors). */
  myRegistrations: RegistrationView[];
  /** True when the caller may edit it, cancel it and record attendance. */
  canManage: boolean;
}

export interface RegistrationView {
  id: string;
  sessionId: string;
  organisation: { id: string; name: string };
  status: RegistrationStatus;
  group: GroupCounts;
  seats: number;
  contact: { name: string; email: string; phone: string | null };
  attended: GroupCounts | null;
  createdAt: string;
}

/** Satisfaction: scores 1–5; aggregates only, hidden below this many answers. */
export const SATISFACTION_MIN_ANSWERS = 3;
export const SATISFACTION_CRITERIA = ['equipmentCondition', 'welcome', 'relevance', 'preparation'] as const;
export type SatisfactionCriterion = (typeof SATISFACTION_CRITERIA)[number];

export interface SatisfactionAggregate {
  /** Answers behind the averages; the averages are null (hidden) below SATISFACTION_MIN_ANSWERS. */
  answers: number;
  hidden: boolean;
  averages: Record<SatisfactionCriterion, number | null>;
}

/** `GET /api/satisfaction/summary`: coordinators see every partner, managers their own organisations. */
export interface SatisfactionSummary {
  minAnswers: number;
  total: SatisfactionAggregate;
  clusters: { id: string; name: string; satisfaction: SatisfactionAggregate }[];
  partners: { id: string; name: string; satisfaction: SatisfactionAggregate }[];
  items: { id: string; names: TranslatedOptional; satisfaction: SatisfactionAggregate }[];
}

export interface PendingRating {
  subject: 'booking' | 'registration';
  id: string;
  rater: 'booker' | 'partner';
  title: TranslatedOptional;
  organisation: { id: string; name: string };
  start: string;
  end: string;
}

/** Open indicators: a cell with fewer organisations behind it than this is suppressed. */
export const OPEN_DATA_MIN_ORGANISATIONS = 3;
export const OPEN_DATA_LICENCE = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' } as const;

/** A good-practice story on a cluster's public page. */
export interface Story {
  id: string;
  title: string;
  body: string;
  /** The uploaded photo's public address (`/api/public/clusters/:id/stories/:storyId/photo?v=…`) or, for older stories, the web address given. */
  photoUrl: string | null;
  /** The alternative text of an older story's web-address photo (one text, in the story's language). */
  photoAlt: string | null;
  /** Whether the photo is an uploaded file (which `DELETE /api/clusters/:id/stories/:storyId/photo` removes). */
  photoUploaded: boolean;
  /** The uploaded photo's alternative text per language (none, some or all). */
  photoAlts: TranslatedOptional;
  partners: { id: string; name: string }[];
  publishedAt: string;
}

/** Longest alternative text of a story's photo, per language. */
export const STORY_PHOTO_ALT_MAX = 300;

/**
 * The alternative text to show with a story's photo in a language: the uploaded photo's text in that
 * language, else in another (with its language, for the `lang` attribute), else the older web-address
 * photo's text, else the story's title — a photo that says something is never left without a text.
 */
export function storyPhotoAlt(story: Pick<Story, 'title' | 'photoAlt' | 'photoAlts'>, locale: Locale): { text: string; lang: Locale | null } {
  for (const language of [locale, ...LOCALES.filter((l) => l !== locale)]) {
    const text = story.photoAlts[language]?.trim();
    if (text) return { text, lang: language };
  }
  if (story.photoAlt?.trim()) return { text: story.photoAlt.trim(), lang: null };
  return { text: story.title, lang: null };
}

/** GET /api/public/clusters/:id */
export interface PublicClusterPage {
  id: string;
  name: string;
  sector: string;
  status: string;
  descriptions: TranslatedOptional;
  occupations: { id: string; code: string; labels: TranslatedOptional }[];
  partners: { id: string; name: string; country: string; kind: string }[];
  equipment: { id: string; names: TranslatedOptional; kind: string; owner: string; city: string | null; country: string }[];
  sessions: SessionView[];
  headline: {
    from: string;
    to: string;
    indicatorVersion: string;
    figures: (Pick<IndicatorSet, 'usedHours' | 'occupancyRate' | 'learnerHours' | 'partnerships' | 'crossBorderPartnerships'> & { sessionsHeld: number; sessionParticipants: number }) | null;
  };
  satisfaction: SatisfactionAggregate;
  stories: Story[];
}

/** GET /api/clusters/:id/evaluation */
export interface EvaluationReport {
  cluster: { id: string; name: string; sector: string; status: string };
  from: string;
  to: string;
  indicatorVersion: string;
  current: IndicatorSet;
  previous: IndicatorSet;
  partnershipsGained: { owner: { id: string; name: string; country: string }; booker: { id: string; name: string; country: string }; crossBorder: boolean }[];
  learners: LearnersReport['totals'];
  unmet: UnmetReport['totals'];
  /** Sessions the cluster's published campaigns could not give (the unmet block's campaign source). */
  campaignUnmet: UnmetReport['campaign']['totals'];
  satisfaction: SatisfactionAggregate;
  sessions: { held: number; participants: number };
}

/** One cluster's Interreg common indicators as the platform can measure them (proxies; docs/indicators.md). */
export interface InterregRow {
  cluster: { id: string; name: string };
  /** RCO 87 proxy: distinct organisations of a cross-border partnership or of a cross-border session. */
  rco87: { value: number; proxy: true; crossBorderPartnerships: number };
  /** RCO 81 proxy: participants of completed cross-border bookings and attended cross-border session groups. */
  rco81: { value: number; proxy: true; bookingParticipants: number; sessionParticipants: number };
}

/** GET /api/interreg (coordinators) */
export interface InterregReport {
  from: string;
  to: string;
  indicatorVersion: string;
  clusters: InterregRow[];
}

/**
 * School-year campaigns: requests gathered during a window, then allocated in one fair round.
 * The allocation is a pure function of its inputs, so anyone holding the published seed, the
 * requests and the free slots can run it again and get the same answer (docs/campaigns.md).
 */

export const CLASS_LEVELS = ['primary', 'secondary', 'apprenticeship', 'adult'] as const;
export type ClassLevel = (typeof CLASS_LEVELS)[number];

export const DAY_PARTS = ['any', 'morning', 'afternoon'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export const CAMPAIGN_STATUSES = ['open', 'allocated', 'published'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type UnmetReason = 'cap' | 'no_slot' | 'adjusted';

/** The class a request (or a booking) is for. */
export interface ClassDetails {
  level: ClassLevel;
  /** Year of study: primary 1–6, secondary 1–7, apprenticeship 1–4; none for adult programmes. */
  year: number | null;
  /** FWB option, Flemish studierichting, French formation: free text. */
  section: string | null;
  teacher: string | null;
  trainerRequested: boolean;
  module: string | null;
}

/** The class's identity for the per-class cap: level, year and section, case- and space-insensitive. */
export function classKey(organisationId: string, details: Pick<ClassDetails, 'level' | 'year' | 'section'>): string {
  const section = (details.section ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return `${organisationId}|${details.level}|${details.year ?? ''}|${section}`;
}

/** A free session the allocation may hand out; the API builds them from opening hours, closures and bookings. */
export interface CandidateSlot {
  resourceId: string;
  start: number;
  end: number;
  /** The slot widened by the item's buffers: two sessions whose blocked times overlap cannot both be given. */
  blockedStart: number;
  blockedEnd: number;
  /** Local ISO weekday and part of day (before noon = morning) in the item's zone. */
  weekday: number;
  part: Exclude<DayPart, 'any'>;
}

export interface AllocationRequest {
  id: string;
  organisationId: string;
  classKey: string;
  /** The campaign items this request can be served on (one item, or every item of a kind). */
  resourceIds: string[];
  sessions: number;
  /** 1 = most wanted among the organisation's own requests. */
  priority: number;
  createdAt: number;
  preferredWeekdays: number[];
  preferredPart: DayPart;
  /** Optional bounds on the slot's start (epoch ms), inclusive–exclusive. */
  earliest: number | null;
  latest: number | null;
}

export interface AllocationCaps {
  /** Sessions per organisation over the campaign; null = none. */
  perOrganisation: number | null;
  /** Sessions per class over the campaign (every pupil of a class attends its sessions, so this is also the cap per pupil). */
  perClass: number | null;
}

export interface Allocation {
  requestId: string;
  resourceId: string;
  start: number;
  end: number;
  blockedStart: number;
  blockedEnd: number;
}

export interface RequestOutcome {
  requestId: string;
  allocated: number;
  unmet: number;
  reason: UnmetReason | null;
}

export interface AllocationResult {
  /** The organisations in the order drawn from the seed (round 1 runs this way, round 2 backwards, …). */
  order: string[];
  allocations: Allocation[];
  outcomes: RequestOutcome[];
}

/** FNV-1a, 32 bits, over UTF-16 code units: short, public and the same in every language. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The draw: organisations sorted by fnv1a(`${seed}:${id}`), ties by id. */
export function drawOrder(seed: string, organisationIds: string[]): string[] {
  return [...new Set(organisationIds)]
    .map((id) => ({ id, key: fnv1a(`${seed}:${id}`) }))
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => entry.id);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How far a slot is from what the request prefers: 0 = weekday and part of day both as wished. */
function distance(request: AllocationRequest, slot: CandidateSlot): number {
  const weekdayMiss = request.preferredWeekdays.length > 0 && !request.preferredWeekdays.includes(slot.weekday) ? 2 : 0;
  const partMiss = request.preferredPart !== 'any' && request.preferredPart !== slot.part ? 1 : 0;
  return weekdayMiss + partMiss;
}

/**
 * Snake round-robin by organisation. Each turn gives one session to the organisation's most wanted
 * request that still needs one and can get one: the free slot nearest its preferences (then the
 * earliest, then by item id) on an item it accepts, within its dates, not overlapping a session
 * already given (buffers included), within the caps. Rounds alternate direction; the allocation
 * stops when a whole round gives nothing.
 */
export function allocate(input: { seed: string; requests: AllocationRequest[]; slots: CandidateSlot[]; caps: AllocationCaps }): AllocationResult {
  const { caps } = input;
  const requests = [...input.requests].sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt || byString(a.id, b.id));
  const slots = [...input.slots].sort((a, b) => a.start - b.start || byString(a.resourceId, b.resourceId));
  const order = drawOrder(input.seed, requests.map((r) => r.organisationId));
  const remaining = new Map(requests.map((r) => [r.id, r.sessions]));
  const reasons = new Map<string, UnmetReason>();
  const perOrganisation = new Map<string, number>();
  const perClass = new Map<string, number>();
  const taken = new Map<string, Allocation[]>();
  const allocations: Allocation[] = [];
  const used = new Set<CandidateSlot>();

  const free = (slot: CandidateSlot) =>
    !used.has(slot) && !(taken.get(slot.resourceId) ?? []).some((a) => a.blockedStart < slot.blockedEnd && slot.blockedStart < a.blockedEnd);

  const bestSlot = (request: AllocationRequest): CandidateSlot | undefined => {
    let best: CandidateSlot | undefined;
    let bestDistance = Infinity;
    for (const slot of slots) {
      if (!request.resourceIds.includes(slot.resourceId)) continue;
      if (request.earliest !== null && slot.start < request.earliest) continue;
      if (request.latest !== null && slot.start >= request.latest) continue;
      const d = distance(request, slot);
      // Slots are sorted by start: the first at the smallest distance is the earliest one.
      if (d < bestDistance && free(slot)) {
        best = slot;
        bestDistance = d;
        if (d === 0) break;
      }
    }
    return best;
  };

  /** One turn: the session given, or false when the organisation can get nothing more. */
  const turn = (organisationId: string): boolean => {
    for (const request of requests) {
      if (request.organisationId !== organisationId || remaining.get(request.id)! === 0 || reasons.has(request.id)) continue;
      if (caps.perOrganisation !== null && (perOrganisation.get(organisationId) ?? 0) >= caps.perOrganisation) {
        for (const r of requests) if (r.organisationId === organisationId && remaining.get(r.id)! > 0 && !reasons.has(r.id)) reasons.set(r.id, 'cap');
        return false;
      }
      if (caps.perClass !== null && (perClass.get(request.classKey) ?? 0) >= caps.perClass) {
        reasons.set(request.id, 'cap');
        continue;
      }
      const slot = bestSlot(request);
      if (!slot) {
        reasons.set(request.id, 'no_slot');
        continue;
      }
      const allocation: Allocation = {
        requestId: request.id, resourceId: slot.resourceId, start: slot.start, end: slot.end, blockedStart: slot.blockedStart, blockedEnd: slot.blockedEnd,
      };
      used.add(slot);
      allocations.push(allocation);
      taken.set(slot.resourceId, [...(taken.get(slot.resourceId) ?? []), allocation]);
      remaining.set(request.id, remaining.get(request.id)! - 1);
      perOrganisation.set(organisationId, (perOrganisation.get(organisationId) ?? 0) + 1);
      perClass.set(request.classKey, (perClass.get(request.classKey) ?? 0) + 1);
      return true;
    }
    return false;
  };

  let active = [...order];
  for (let round = 0; active.length > 0; round++) {
    const sequence = round % 2 === 0 ? active : [...active].reverse();
    const served = new Set(sequence.filter((organisationId) => turn(organisationId)));
    active = active.filter((organisationId) => served.has(organisationId));
  }

  const outcomes = requests.map((request) => {
    const unmet = remaining.get(request.id)!;
    return { requestId: request.id, allocated: request.sessions - unmet, unmet, reason: unmet > 0 ? (reasons.get(request.id) ?? 'no_slot') : null };
  });
  allocations.sort((a, b) => a.start - b.start || byString(a.resourceId, b.resourceId));
  return { order, allocations, outcomes };
}

/** A campaign as the API answers it. Dates are local days (YYYY-MM-DD); instants are ISO strings. */
export interface CampaignView {
  id: string;
  /** The organisation that opened it, or null for a cluster's campaign (`cluster`): exactly one is set. */
  organisation: { id: string; name: string } | null;
  /** The cluster whose coordinators opened it over items of several partners, or null. */
  cluster: { id: string; name: string } | null;
  name: string;
  periodStart: string;
  periodEnd: string;
  windowOpensAt: string;
  windowClosesAt: string;
  publishBy: string;
  sessionMinutes: number;
  eligibleKinds: string[];
  eligibleLevels: ClassLevel[];
  capPerOrganisation: number | null;
  capPerClass: number | null;
  status: CampaignStatus;
  /** Published with the allocation: anyone can draw the order again from it. */
  seed: string | null;
  drawOrder: { id: string; name: string }[] | null;
  allocatedAt: string | null;
  publishedAt: string | null;
  copiedFromId: string | null;
  /** Each with its owner: the partner a published session is booked with. */
  items: { id: string; names: { fr: string | null; nl: string | null; en: string | null }; kind: string; timeZone: string; organisation: { id: string; name: string } }[];
  /** Whether the reader manages the campaign (runs, adjusts and publishes it). */
  canManage: boolean;
}

export interface CampaignRequestView {
  id: string;
  campaignId: string;
  organisation: { id: string; name: string };
  requestedBy: { id: string; name: string };
  resourceId: string | null;
  resourceKind: string | null;
  sessions: number;
  priority: number;
  preferredWeekdays: number[];
  preferredPart: DayPart;
  earliest: string | null;
  latest: string | null;
  purpose: string;
  class: ClassDetails;
  pupils: number;
  notes: string | null;
  allocatedSessions: number | null;
  unmetSessions: number | null;
  unmetReason: UnmetReason | null;
  createdAt: string;
  /** Answers to the items' own questions, keyed by question id. */
  answers?: Record<string, import('./questions').AnswerValue>;
}

export interface CampaignAllocationView {
  id: string;
  requestId: string;
  organisation: { id: string; name: string };
  resourceId: string;
  start: string;
  end: string;
  manual: boolean;
  bookingId: string | null;
}

/** A campaign with the requests and allocations the reader may see: all for its managers, their own for requesters. */
export interface CampaignDetail extends CampaignView {
  requests: CampaignRequestView[];
  allocations: CampaignAllocationView[];
}

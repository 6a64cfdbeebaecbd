import { translate, type Locale, type MessageParams, type ServerMessageKey } from '@equipole/shared';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What every booking email names: the equipment, its owner, the booking organisation, when and where. */
export interface BookingEmailParams {
  name: string;
  resource: string;
  owner: string;
  organisation: string;
  when: string;
  location: string;
  link: string;
  reason?: string;
  previous?: string;
  /** Who did it (cancellations, moves). */
  by?: string;
  /** Several dates at once (a series). */
  count?: number;
  /** A series: the dates it holds and those it skipped (with why), one line each. */
  booked?: string[];
  skipped?: string[];
  /** Rescheduled and waitlist emails: whether the booking is confirmed or waits for the owner, and who reads. */
  state?: 'confirmed' | 'pending' | 'pending_manager' | 'confirmed_manager';
  /** A booking released for want of a check-in: the item's delay after the start. */
  minutes?: number;
}

/** A problem reported on an item, to its managers; `items` are the bookings waiting for their decision (an unusable item). */
export interface BreakdownEmailParams {
  name: string;
  resource: string;
  reporter: string;
  category: string;
  description: string;
  unusable: boolean;
  items: string[];
  link: string;
}

export const BOOKING_KINDS = [
  'booking_requested', 'booking_confirmed', 'booking_declined', 'booking_cancelled', 'booking_rescheduled', 'booking_reminder', 'waitlist_offer',
  'booking_series', 'booking_released',
] as const;
export type BookingEmailKind = (typeof BOOKING_KINDS)[number];

export type EmailTemplate =
  | { kind: 'invitation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'coordinator_invitation'; params: { name: string; link: string; days: number } }
  | { kind: 'added_to_organisation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'password_reset'; params: { name: string; link: string; minutes: number } }
  | { kind: BookingEmailKind; params: BookingEmailParams }
  | { kind: 'breakdown_reported'; params: BreakdownEmailParams }
  | { kind: 'pending_digest'; params: { name: string; owner: string; count: number; items: string[]; link: string } }
  | { kind: 'campaign_result'; params: CampaignResultParams }
  | { kind: 'session_notice'; params: SessionEmailParams }
  | { kind: 'satisfaction_request'; params: { name: string; subject: string; when: string; link: string } }
  | { kind: 'account_inactive'; params: { name: string; months: number; date: string; link: string } };

/** Emails about a group's place in a session: what happened to it, and the session's facts. */
export interface SessionEmailParams {
  name: string;
  state: 'registered' | 'waitlisted' | 'promoted' | 'reminder' | 'session_cancelled';
  title: string;
  host: string;
  organisation: string;
  when: string;
  location: string;
  seats: number;
  link: string;
}

/** What a requester got from a published campaign, request by request; `sessions` already formatted in the reader's language. */
export interface CampaignResultParams {
  name: string;
  campaign: string;
  owner: string;
  link: string;
  requests: { target: string; classLabel: string; asked: number; sessions: string[]; unmet: number; reason: 'cap' | 'no_slot' | 'adjusted' | null }[];
}

/** One line per request: what was asked, what was given (dates), what was not and why. */
function campaignLines(params: Params, t: Translate): string[] {
  const requests = params.requests as CampaignResultParams['requests'];
  return requests.map((r) => {
    const given = r.sessions.length ? r.sessions.join(' ; ') : t('email.campaign_result.noSession');
    const head = t('email.campaign_result.request', { target: r.target, classLabel: r.classLabel, given: r.sessions.length, asked: r.asked }, r.sessions.length);
    const unmet = r.unmet > 0 && r.reason ? ` — ${t('email.campaign_result.unmet', { unmet: r.unmet, reason: t(`email.campaign_result.reason.${r.reason}`) })}` : '';
    return `${head} (${given})${unmet}`;
  });
}

type Copy = { subject: string; lines: string[]; action: string; footer: string; list?: string[]; sections?: { title: string; items: string[] }[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = Record<string, any>;
/** A catalogue text in the reader's language, filled from the email's params (or `params`), its plural form chosen by `count`. */
type Translate = (key: ServerMessageKey, params?: MessageParams, count?: number) => string;

/** A key under `email.<kind>.`, fixed or chosen from the params (a state). */
type Part = string | ((p: Params) => string);

/**
 * The usual email: a subject, the greeting and `lines`, a list or sections, an action and a footer,
 * all read from `email.<kind>.*` in the catalogue; `count`, where given, fills `{count}` and picks their plural forms.
 */
function email(
  kind: EmailTemplate['kind'],
  shape: { lines: Part[]; subject?: Part; count?: (p: Params) => number; list?: (p: Params, t: Translate) => string[]; sections?: (p: Params, t: Translate) => Copy['sections'] },
): (p: Params, t: Translate) => Copy {
  return (p, t) => {
    const n = shape.count?.(p);
    const text = (part: Part) => t(`email.${kind}.${typeof part === 'string' ? part : part(p)}` as ServerMessageKey, n === undefined ? undefined : { count: n }, n);
    return {
      subject: text(shape.subject ?? 'subject'),
      lines: [t('email.hello'), ...shape.lines.map(text)],
      list: shape.list?.(p, t),
      sections: shape.sections?.(p, t),
      action: text('action'),
      footer: text('footer'),
    };
  };
}

const seriesState = (p: Params) => (p.state === 'confirmed' ? 'confirmed' : 'pending');

const COPY: Record<EmailTemplate['kind'], (p: Params, t: Translate) => Copy> = {
  invitation: email('invitation', { lines: ['body', 'validity'] }),
  coordinator_invitation: email('coordinator_invitation', { lines: ['body', 'validity'] }),
  added_to_organisation: email('added_to_organisation', { lines: ['body'] }),
  password_reset: email('password_reset', { lines: ['body', 'validity'] }),
  // One request, or a series announced once with its number of dates.
  booking_requested: email('booking_requested', { lines: ['body', 'waiting'], count: (p) => (p.count > 1 ? p.count : 1) }),
  booking_confirmed: email('booking_confirmed', { lines: ['body', 'calendar'] }),
  booking_declined: email('booking_declined', { lines: ['body'] }),
  booking_cancelled: email('booking_cancelled', { lines: ['body'] }),
  booking_rescheduled: email('booking_rescheduled', { lines: ['body', (p) => `state.${p.state ?? 'confirmed'}`] }),
  booking_reminder: email('booking_reminder', { lines: ['body'] }),
  waitlist_offer: email('waitlist_offer', { lines: ['body', (p) => `state.${p.state === 'confirmed' ? 'confirmed' : 'pending'}`] }),
  booking_series: email('booking_series', {
    subject: (p) => `subject.${seriesState(p)}`,
    lines: [(p) => `body.${seriesState(p)}`],
    count: (p) => count(p.booked),
    sections: (p, t) => seriesSections(p, {
      booked: t(`email.booking_series.booked.${seriesState(p)}`, undefined, count(p.booked)),
      skipped: t('email.booking_series.skipped', undefined, count(p.skipped)),
    }),
  }),
  booking_released: email('booking_released', { lines: ['body'] }),
  breakdown_reported: email('breakdown_reported', {
    subject: (p) => `subject.${p.unusable ? 'unusable' : 'usable'}`,
    lines: ['body', (p) => (p.unusable ? 'unusable' : 'usable')],
    count: (p) => count(p.items),
    list: (p) => p.items,
  }),
  pending_digest: email('pending_digest', { lines: ['body'], list: (p) => p.items }),
  campaign_result: email('campaign_result', { lines: ['body'], list: campaignLines }),
  session_notice: email('session_notice', { subject: (p) => `subject.${p.state}`, lines: [(p) => `body.${p.state}`, 'whenWhere'] }),
  satisfaction_request: email('satisfaction_request', { lines: ['body', 'privacy'] }),
  account_inactive: email('account_inactive', { lines: ['body', 'keep'] }),
};

/** The privacy notice on the same site as the email's link (every email links to it). */
function privacyLink(link: string): string {
  try {
    return `${new URL(link).origin}/privacy`;
  } catch {
    return '/privacy';
  }
}

/** How many items a list param holds (0 when absent). */
const count = (items: unknown) => (Array.isArray(items) ? items.length : 0);

function seriesSections(p: Params, titles: { booked: string; skipped: string }): { title: string; items: string[] }[] {
  return [
    { title: titles.booked, items: (p.booked ?? []) as string[] },
    { title: titles.skipped, items: (p.skipped ?? []) as string[] },
  ].filter((section) => section.items.length > 0);
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The booking's facts as label–value pairs, in a fixed order, skipping what is empty. */
function bookingDetails(params: Params, locale: Locale): [string, string][] {
  const keys = ['resource', 'owner', 'organisation', 'when', 'previous', 'location', 'reason'] as const;
  return keys.filter((key) => params[key]).map((key) => [translate(locale, `email.label.${key}`), String(params[key])]);
}

export function renderEmail(template: EmailTemplate, locale: Locale): RenderedEmail {
  const params = template.params as Params;
  const copy = COPY[template.kind](params, (key, extra, n) => translate(locale, key, { ...params, ...extra }, n));
  const link = String(params.link);
  const privacy = privacyLink(link);
  const details = (BOOKING_KINDS as readonly string[]).includes(template.kind) ? bookingDetails(params, locale) : [];
  const list = copy.list ?? [];
  const sections = copy.sections ?? [];
  // French sets a space before the colon; Dutch and English do not.
  const colon = locale === 'fr' ? ' : ' : ': ';
  const text = [
    ...copy.lines,
    ...(list.length ? ['', ...list.map((item) => `• ${item}`)] : []),
    ...sections.flatMap((section) => ['', `${section.title}${colon.trimEnd()}`, ...section.items.map((item) => `• ${item}`)]),
    ...(details.length ? ['', ...details.map(([label, value]) => `${label}${colon}${value}`)] : []),
    '',
    `${copy.action}${colon}${link}`,
    '',
    copy.footer,
    '',
    translate(locale, 'email.signature'),
    `${translate(locale, 'email.privacyLink')}${colon}${privacy}`,
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1f2933;line-height:1.5">
${copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${list.length ? `<ul>${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : ''}
${sections.map((section) => `<p><strong>${escapeHtml(section.title)}</strong></p><ul>${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`).join('\n')}
${details.length ? `<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">${details
    .map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;color:#52606d;font-weight:normal">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`)
    .join('')}</table>` : ''}
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0b5394;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(copy.action)}</a></p>
<p style="color:#52606d;font-size:13px">${escapeHtml(copy.footer)}</p>
<p style="color:#52606d;font-size:13px">${escapeHtml(translate(locale, 'email.signature'))} · <a href="${escapeHtml(privacy)}" style="color:#52606d">${escapeHtml(translate(locale, 'email.privacyLink'))}</a></p>
</body></html>`;
  return { subject: copy.subject, text, html };
}

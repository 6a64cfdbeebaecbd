import type { Locale } from '@equipole/shared';

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
}

export const BOOKING_KINDS = [
  'booking_requested', 'booking_confirmed', 'booking_declined', 'booking_cancelled', 'booking_rescheduled', 'booking_reminder', 'waitlist_offer',
  'booking_series',
] as const;
export type BookingEmailKind = (typeof BOOKING_KINDS)[number];

export type EmailTemplate =
  | { kind: 'invitation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'coordinator_invitation'; params: { name: string; link: string; days: number } }
  | { kind: 'added_to_organisation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'password_reset'; params: { name: string; link: string; minutes: number } }
  | { kind: BookingEmailKind; params: BookingEmailParams }
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

const UNMET_REASONS: Record<Locale, Record<'cap' | 'no_slot' | 'adjusted', string>> = {
  fr: { cap: 'plafond de la campagne atteint', no_slot: 'plus de créneau libre', adjusted: 'retiré par les gestionnaires' },
  nl: { cap: 'plafond van de campagne bereikt', no_slot: 'geen vrij tijdslot meer', adjusted: 'verwijderd door de beheerders' },
  en: { cap: 'campaign cap reached', no_slot: 'no free slot left', adjusted: 'removed by the managers' },
};

/** One line per request: what was asked, what was given (dates), what was not and why. */
function campaignLines(params: Params, locale: Locale): string[] {
  const requests = params.requests as CampaignResultParams['requests'];
  return requests.map((r) => {
    const given = r.sessions.length ? r.sessions.join(' ; ') : { fr: 'aucune séance', nl: 'geen sessie', en: 'no session' }[locale];
    const head = {
      fr: `${r.target}, ${r.classLabel} : ${r.sessions.length} séance(s) sur ${r.asked}`,
      nl: `${r.target}, ${r.classLabel}: ${r.sessions.length} sessie(s) van ${r.asked}`,
      en: `${r.target}, ${r.classLabel}: ${r.sessions.length} session(s) of ${r.asked}`,
    }[locale];
    const unmet = r.unmet > 0 && r.reason
      ? { fr: ` — ${r.unmet} non attribuée(s) : ${UNMET_REASONS.fr[r.reason]}`, nl: ` — ${r.unmet} niet toegewezen: ${UNMET_REASONS.nl[r.reason]}`, en: ` — ${r.unmet} not allocated: ${UNMET_REASONS.en[r.reason]}` }[locale]
      : '';
    return `${head} (${given})${unmet}`;
  });
}

type Copy = { subject: string; lines: string[]; action: string; footer: string; list?: string[]; sections?: { title: string; items: string[] }[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = Record<string, any>;

const COPY: Record<EmailTemplate['kind'], Record<Locale, (p: Params) => Copy>> = {
  invitation: {
    fr: (p) => ({
      subject: `Invitation à rejoindre ${p.organisationName} sur Equipôle`,
      lines: [`Bonjour ${p.name},`, `${p.inviterName} vous invite à rejoindre ${p.organisationName} sur Equipôle, la plateforme de mutualisation des équipements de formation.`, 'Ce lien est valable 7 jours et ne peut servir qu’une fois.'],
      action: 'Accepter l’invitation',
      footer: 'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
    }),
    nl: (p) => ({
      subject: `Uitnodiging om ${p.organisationName} te vervoegen op Equipôle`,
      lines: [`Beste ${p.name},`, `${p.inviterName} nodigt u uit om ${p.organisationName} te vervoegen op Equipôle, het platform om opleidingsuitrusting te delen.`, 'Deze link is 7 dagen geldig en kan maar één keer gebruikt worden.'],
      action: 'Uitnodiging aanvaarden',
      footer: 'Verwachtte u deze uitnodiging niet? Negeer dan dit bericht.',
    }),
    en: (p) => ({
      subject: `Invitation to join ${p.organisationName} on Equipôle`,
      lines: [`Hello ${p.name},`, `${p.inviterName} invites you to join ${p.organisationName} on Equipôle, the platform for sharing training equipment.`, 'This link is valid for 7 days and works once.'],
      action: 'Accept the invitation',
      footer: 'If you did not expect this invitation, ignore this message.',
    }),
  },
  coordinator_invitation: {
    fr: (p) => ({
      subject: 'Invitation à coordonner Equipôle',
      lines: [`Bonjour ${p.name},`, 'Vous êtes invité·e comme coordinateur·rice d’Equipôle, la plateforme de mutualisation des équipements de formation : organisations, clusters, métiers, indicateurs et e-mails.', `Choisissez votre mot de passe avec ce lien, valable ${p.days} jours et qui ne peut servir qu’une fois.`],
      action: 'Choisir mon mot de passe',
      footer: 'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
    }),
    nl: (p) => ({
      subject: 'Uitnodiging om Equipôle te coördineren',
      lines: [`Beste ${p.name},`, 'U bent uitgenodigd als coördinator van Equipôle, het platform om opleidingsuitrusting te delen: organisaties, clusters, beroepen, indicatoren en e-mails.', `Kies uw wachtwoord met deze link; hij is ${p.days} dagen geldig en kan maar één keer gebruikt worden.`],
      action: 'Mijn wachtwoord kiezen',
      footer: 'Verwachtte u deze uitnodiging niet? Negeer dan dit bericht.',
    }),
    en: (p) => ({
      subject: 'Invitation to coordinate Equipôle',
      lines: [`Hello ${p.name},`, 'You are invited as a coordinator of Equipôle, the platform for sharing training equipment: organisations, clusters, occupations, indicators and emails.', `Choose your password with this link; it is valid for ${p.days} days and works once.`],
      action: 'Choose my password',
      footer: 'If you did not expect this invitation, ignore this message.',
    }),
  },
  added_to_organisation: {
    fr: (p) => ({
      subject: `Vous avez été ajouté·e à ${p.organisationName} sur Equipôle`,
      lines: [`Bonjour ${p.name},`, `${p.inviterName} vous a ajouté·e à ${p.organisationName}. Connectez-vous avec votre compte habituel.`],
      action: 'Se connecter',
      footer: 'Si vous pensez qu’il s’agit d’une erreur, contactez la personne qui vous a ajouté·e.',
    }),
    nl: (p) => ({
      subject: `U bent toegevoegd aan ${p.organisationName} op Equipôle`,
      lines: [`Beste ${p.name},`, `${p.inviterName} heeft u toegevoegd aan ${p.organisationName}. Meld u aan met uw gewone account.`],
      action: 'Aanmelden',
      footer: 'Denkt u dat dit een vergissing is? Neem contact op met wie u heeft toegevoegd.',
    }),
    en: (p) => ({
      subject: `You were added to ${p.organisationName} on Equipôle`,
      lines: [`Hello ${p.name},`, `${p.inviterName} added you to ${p.organisationName}. Sign in with your usual account.`],
      action: 'Sign in',
      footer: 'If you think this is a mistake, contact the person who added you.',
    }),
  },
  password_reset: {
    fr: (p) => ({
      subject: 'Réinitialisation de votre mot de passe Equipôle',
      lines: [`Bonjour ${p.name},`, 'Vous avez demandé à choisir un nouveau mot de passe.', `Ce lien est valable ${p.minutes} minutes et ne peut servir qu’une fois.`],
      action: 'Choisir un nouveau mot de passe',
      footer: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
    }),
    nl: (p) => ({
      subject: 'Uw Equipôle-wachtwoord opnieuw instellen',
      lines: [`Beste ${p.name},`, 'U hebt gevraagd om een nieuw wachtwoord te kiezen.', `Deze link is ${p.minutes} minuten geldig en kan maar één keer gebruikt worden.`],
      action: 'Nieuw wachtwoord kiezen',
      footer: 'Hebt u niets gevraagd? Negeer dan dit bericht: uw wachtwoord blijft ongewijzigd.',
    }),
    en: (p) => ({
      subject: 'Reset your Equipôle password',
      lines: [`Hello ${p.name},`, 'You asked to choose a new password.', `This link is valid for ${p.minutes} minutes and works once.`],
      action: 'Choose a new password',
      footer: 'If you did not ask for this, ignore this message: your password stays the same.',
    }),
  },
  booking_requested: {
    fr: (p) => ({
      subject: p.count > 1 ? `${p.count} nouvelles demandes pour ${p.resource}` : `Nouvelle demande de réservation : ${p.resource}`,
      lines: [
        `Bonjour ${p.name},`,
        p.count > 1
          ? `${p.organisation} demande à réserver ${p.resource} à ${p.count} dates, à partir du créneau ci-dessous.`
          : `${p.organisation} demande à réserver ${p.resource}.`,
        'La demande attend votre décision dans la boîte des demandes.',
      ],
      action: 'Traiter la demande',
      footer: 'Vous recevez ce message parce que vous gérez cet équipement. Vous pouvez désactiver ces avis dans votre profil.',
    }),
    nl: (p) => ({
      subject: p.count > 1 ? `${p.count} nieuwe aanvragen voor ${p.resource}` : `Nieuwe reservatieaanvraag: ${p.resource}`,
      lines: [
        `Beste ${p.name},`,
        p.count > 1
          ? `${p.organisation} vraagt om ${p.resource} op ${p.count} data te reserveren, vanaf het tijdslot hieronder.`
          : `${p.organisation} vraagt om ${p.resource} te reserveren.`,
        'De aanvraag wacht op uw beslissing in het aanvragenoverzicht.',
      ],
      action: 'Aanvraag behandelen',
      footer: 'U ontvangt dit bericht omdat u deze uitrusting beheert. U kunt deze berichten uitschakelen in uw profiel.',
    }),
    en: (p) => ({
      subject: p.count > 1 ? `${p.count} new requests for ${p.resource}` : `New booking request: ${p.resource}`,
      lines: [
        `Hello ${p.name},`,
        p.count > 1 ? `${p.organisation} asks to book ${p.resource} on ${p.count} dates, starting with the slot below.` : `${p.organisation} asks to book ${p.resource}.`,
        'The request is waiting for your decision in the requests inbox.',
      ],
      action: 'Handle the request',
      footer: 'You receive this because you manage this equipment. You can turn these notices off in your profile.',
    }),
  },
  booking_confirmed: {
    fr: (p) => ({
      subject: `Réservation confirmée : ${p.resource}, ${p.when}`,
      lines: [`Bonjour ${p.name},`, `Votre réservation ${deFr(p.resource)} chez ${p.owner} est confirmée.`, 'L’invitation jointe l’ajoute à votre agenda.'],
      action: 'Voir la réservation',
      footer: 'Un empêchement ? Annulez la réservation dans Equipôle pour libérer le créneau.',
    }),
    nl: (p) => ({
      subject: `Reservatie bevestigd: ${p.resource}, ${p.when}`,
      lines: [`Beste ${p.name},`, `Uw reservatie van ${p.resource} bij ${p.owner} is bevestigd.`, 'Met de bijgevoegde uitnodiging zet u ze in uw agenda.'],
      action: 'Reservatie bekijken',
      footer: 'Kunt u toch niet? Annuleer de reservatie in Equipôle zodat het tijdslot vrijkomt.',
    }),
    en: (p) => ({
      subject: `Booking confirmed: ${p.resource}, ${p.when}`,
      lines: [`Hello ${p.name},`, `Your booking of ${p.resource} at ${p.owner} is confirmed.`, 'The attached invitation adds it to your calendar.'],
      action: 'View the booking',
      footer: 'Can’t make it? Cancel the booking in Equipôle to free the slot.',
    }),
  },
  booking_declined: {
    fr: (p) => ({
      subject: `Demande refusée : ${p.resource}, ${p.when}`,
      lines: [`Bonjour ${p.name},`, `${p.owner} n’a pas pu accepter votre demande de réservation ${deFr(p.resource)}.`],
      action: 'Voir la demande',
      footer: 'Un équipement semblable est peut-être libre : consultez le catalogue.',
    }),
    nl: (p) => ({
      subject: `Aanvraag geweigerd: ${p.resource}, ${p.when}`,
      lines: [`Beste ${p.name},`, `${p.owner} kon uw reservatieaanvraag voor ${p.resource} niet aanvaarden.`],
      action: 'Aanvraag bekijken',
      footer: 'Misschien is vergelijkbare uitrusting wel vrij: kijk in de catalogus.',
    }),
    en: (p) => ({
      subject: `Request declined: ${p.resource}, ${p.when}`,
      lines: [`Hello ${p.name},`, `${p.owner} could not accept your booking request for ${p.resource}.`],
      action: 'View the request',
      footer: 'Similar equipment may be free: have a look at the catalogue.',
    }),
  },
  booking_cancelled: {
    fr: (p) => ({
      subject: `Réservation annulée : ${p.resource}, ${p.when}`,
      lines: [`Bonjour ${p.name},`, `${p.by} a annulé la réservation ${deFr(p.resource)} pour ${p.organisation}.`],
      action: 'Voir la réservation',
      footer: 'Le créneau est de nouveau libre pour les autres partenaires.',
    }),
    nl: (p) => ({
      subject: `Reservatie geannuleerd: ${p.resource}, ${p.when}`,
      lines: [`Beste ${p.name},`, `${p.by} heeft de reservatie van ${p.resource} voor ${p.organisation} geannuleerd.`],
      action: 'Reservatie bekijken',
      footer: 'Het tijdslot is weer vrij voor de andere partners.',
    }),
    en: (p) => ({
      subject: `Booking cancelled: ${p.resource}, ${p.when}`,
      lines: [`Hello ${p.name},`, `${p.by} cancelled the booking of ${p.resource} for ${p.organisation}.`],
      action: 'View the booking',
      footer: 'The slot is free again for the other partners.',
    }),
  },
  booking_rescheduled: {
    fr: (p) => ({
      subject: `Réservation déplacée : ${p.resource}, ${p.when}`,
      lines: [
        `Bonjour ${p.name},`,
        `${p.by} a déplacé la réservation ${deFr(p.resource)} pour ${p.organisation}.`,
        ({
          confirmed: 'Le nouveau créneau est confirmé ; l’invitation jointe met votre agenda à jour.',
          pending: `Le nouveau créneau attend l’accord de ${p.owner}.`,
          pending_manager: 'Le nouveau créneau attend votre décision dans la boîte des demandes.',
          confirmed_manager: 'Le nouveau créneau est confirmé.',
        } as Params)[p.state ?? 'confirmed'],
      ],
      action: 'Voir la réservation',
      footer: 'Une question ? Répondez directement à la personne qui a fait le changement.',
    }),
    nl: (p) => ({
      subject: `Reservatie verplaatst: ${p.resource}, ${p.when}`,
      lines: [
        `Beste ${p.name},`,
        `${p.by} heeft de reservatie van ${p.resource} voor ${p.organisation} verplaatst.`,
        ({
          confirmed: 'Het nieuwe tijdslot is bevestigd; de bijgevoegde uitnodiging werkt uw agenda bij.',
          pending: `Het nieuwe tijdslot wacht op het akkoord van ${p.owner}.`,
          pending_manager: 'Het nieuwe tijdslot wacht op uw beslissing in het aanvragenoverzicht.',
          confirmed_manager: 'Het nieuwe tijdslot is bevestigd.',
        } as Params)[p.state ?? 'confirmed'],
      ],
      action: 'Reservatie bekijken',
      footer: 'Een vraag? Neem rechtstreeks contact op met wie de wijziging deed.',
    }),
    en: (p) => ({
      subject: `Booking moved: ${p.resource}, ${p.when}`,
      lines: [
        `Hello ${p.name},`,
        `${p.by} moved the booking of ${p.resource} for ${p.organisation}.`,
        ({
          confirmed: 'The new time is confirmed; the attached invitation updates your calendar.',
          pending: `The new time is waiting for ${p.owner}’s approval.`,
          pending_manager: 'The new time is waiting for your decision in the requests inbox.',
          confirmed_manager: 'The new time is confirmed.',
        } as Params)[p.state ?? 'confirmed'],
      ],
      action: 'View the booking',
      footer: 'A question? Contact the person who made the change directly.',
    }),
  },
  booking_reminder: {
    fr: (p) => ({
      subject: `Rappel : ${p.resource}, ${p.when}`,
      lines: [`Bonjour ${p.name},`, `Petit rappel : vous avez réservé ${p.resource} chez ${p.owner} pour ${p.organisation}.`],
      action: 'Voir la réservation',
      footer: 'Un empêchement ? Annulez la réservation pour libérer le créneau. Vous pouvez désactiver ces rappels dans votre profil.',
    }),
    nl: (p) => ({
      subject: `Herinnering: ${p.resource}, ${p.when}`,
      lines: [`Beste ${p.name},`, `Een herinnering: u hebt ${p.resource} bij ${p.owner} gereserveerd voor ${p.organisation}.`],
      action: 'Reservatie bekijken',
      footer: 'Kunt u toch niet? Annuleer de reservatie zodat het tijdslot vrijkomt. U kunt deze herinneringen uitschakelen in uw profiel.',
    }),
    en: (p) => ({
      subject: `Reminder: ${p.resource}, ${p.when}`,
      lines: [`Hello ${p.name},`, `A reminder: you booked ${p.resource} at ${p.owner} for ${p.organisation}.`],
      action: 'View the booking',
      footer: 'Can’t make it? Cancel the booking to free the slot. You can turn these reminders off in your profile.',
    }),
  },
  waitlist_offer: {
    fr: (p) => ({
      subject: `Un créneau s’est libéré : ${p.resource}, ${p.when}`,
      lines: [
        `Bonjour ${p.name},`,
        `Le créneau que vous attendiez pour ${p.resource} s’est libéré : nous l’avons réservé pour ${p.organisation}.`,
        p.state === 'confirmed' ? 'La réservation est confirmée ; l’invitation jointe l’ajoute à votre agenda.' : `La demande attend l’accord de ${p.owner}.`,
      ],
      action: 'Voir la réservation',
      footer: 'Vous n’en avez plus besoin ? Annulez-la pour laisser le créneau à quelqu’un d’autre.',
    }),
    nl: (p) => ({
      subject: `Er is een tijdslot vrijgekomen: ${p.resource}, ${p.when}`,
      lines: [
        `Beste ${p.name},`,
        `Het tijdslot waarop u wachtte voor ${p.resource} is vrijgekomen: we hebben het gereserveerd voor ${p.organisation}.`,
        p.state === 'confirmed' ? 'De reservatie is bevestigd; met de bijgevoegde uitnodiging zet u ze in uw agenda.' : `De aanvraag wacht op het akkoord van ${p.owner}.`,
      ],
      action: 'Reservatie bekijken',
      footer: 'Hebt u het niet meer nodig? Annuleer dan, zodat iemand anders het tijdslot kan gebruiken.',
    }),
    en: (p) => ({
      subject: `A slot opened up: ${p.resource}, ${p.when}`,
      lines: [
        `Hello ${p.name},`,
        `The slot you were waiting for on ${p.resource} opened up: we booked it for ${p.organisation}.`,
        p.state === 'confirmed' ? 'The booking is confirmed; the attached invitation adds it to your calendar.' : `The request is waiting for ${p.owner}’s approval.`,
      ],
      action: 'View the booking',
      footer: 'No longer needed? Cancel it so someone else can use the slot.',
    }),
  },
  booking_series: {
    fr: (p) => ({
      subject: p.state === 'confirmed'
        ? `${plural(count(p.booked), 'Réservation confirmée', 'Réservations confirmées')} : ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'date', 'dates')}`
        : `${plural(count(p.booked), 'Demande envoyée', 'Demandes envoyées')} : ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'date', 'dates')}`,
      lines: [
        `Bonjour ${p.name},`,
        p.state === 'confirmed'
          ? `Votre série de réservations ${deFr(p.resource)} chez ${p.owner} est confirmée. L’invitation jointe ajoute chaque date à votre agenda.`
          : `Votre série de demandes ${deFr(p.resource)} attend la validation de ${p.owner}. Vous recevrez une confirmation avec l’invitation pour chaque date acceptée.`,
      ],
      sections: seriesSections(p, {
        booked: p.state === 'confirmed' ? plural(count(p.booked), 'Date réservée', 'Dates réservées') : plural(count(p.booked), 'Date demandée', 'Dates demandées'),
        skipped: plural(count(p.skipped), 'Date ignorée', 'Dates ignorées'),
      }),
      action: 'Voir mes réservations',
      footer: 'Un empêchement ? Annulez la date concernée dans Equipôle pour libérer le créneau.',
    }),
    nl: (p) => ({
      subject: p.state === 'confirmed'
        ? `${plural(count(p.booked), 'Reservatie bevestigd', 'Reservaties bevestigd')}: ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'datum', 'data')}`
        : `${plural(count(p.booked), 'Aanvraag verstuurd', 'Aanvragen verstuurd')}: ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'datum', 'data')}`,
      lines: [
        `Beste ${p.name},`,
        p.state === 'confirmed'
          ? `Uw reeks reservaties van ${p.resource} bij ${p.owner} is bevestigd. Met de bijgevoegde uitnodiging zet u elke datum in uw agenda.`
          : `Uw reeks aanvragen voor ${p.resource} wacht op goedkeuring door ${p.owner}. U krijgt een bevestiging met de uitnodiging voor elke aanvaarde datum.`,
      ],
      sections: seriesSections(p, {
        booked: p.state === 'confirmed' ? plural(count(p.booked), 'Gereserveerde datum', 'Gereserveerde data') : plural(count(p.booked), 'Aangevraagde datum', 'Aangevraagde data'),
        skipped: plural(count(p.skipped), 'Overgeslagen datum', 'Overgeslagen data'),
      }),
      action: 'Mijn reservaties bekijken',
      footer: 'Kunt u toch niet? Annuleer die datum in Equipôle zodat het tijdslot vrijkomt.',
    }),
    en: (p) => ({
      subject: p.state === 'confirmed'
        ? `${plural(count(p.booked), 'Booking confirmed', 'Bookings confirmed')}: ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'date', 'dates')}`
        : `${plural(count(p.booked), 'Request sent', 'Requests sent')}: ${p.resource}, ${count(p.booked)} ${plural(count(p.booked), 'date', 'dates')}`,
      lines: [
        `Hello ${p.name},`,
        p.state === 'confirmed'
          ? `Your series of bookings of ${p.resource} at ${p.owner} is confirmed. The attached invitation adds each date to your calendar.`
          : `Your series of requests for ${p.resource} awaits approval by ${p.owner}. You will receive a confirmation with the invitation for each date accepted.`,
      ],
      sections: seriesSections(p, {
        booked: p.state === 'confirmed' ? plural(count(p.booked), 'Date booked', 'Dates booked') : plural(count(p.booked), 'Date requested', 'Dates requested'),
        skipped: plural(count(p.skipped), 'Date skipped', 'Dates skipped'),
      }),
      action: 'View my bookings',
      footer: 'Can’t make it? Cancel that date in Equipôle to free the slot.',
    }),
  },
  pending_digest: {
    fr: (p) => ({
      subject: p.count === 1 ? `1 demande en attente pour ${p.owner}` : `${p.count} demandes en attente pour ${p.owner}`,
      lines: [`Bonjour ${p.name},`, 'Ces demandes de réservation attendent une décision :'],
      list: p.items,
      action: 'Ouvrir la boîte des demandes',
      footer: 'Sans décision avant le début du créneau, une demande expire. Vous pouvez désactiver ce résumé quotidien dans votre profil.',
    }),
    nl: (p) => ({
      subject: p.count === 1 ? `1 aanvraag wacht op een beslissing bij ${p.owner}` : `${p.count} aanvragen wachten op een beslissing bij ${p.owner}`,
      lines: [`Beste ${p.name},`, 'Deze reservatieaanvragen wachten op een beslissing:'],
      list: p.items,
      action: 'Aanvragenoverzicht openen',
      footer: 'Zonder beslissing vóór het begin van het tijdslot vervalt een aanvraag. U kunt dit dagelijkse overzicht uitschakelen in uw profiel.',
    }),
    en: (p) => ({
      subject: p.count === 1 ? `1 request waiting for ${p.owner}` : `${p.count} requests waiting for ${p.owner}`,
      lines: [`Hello ${p.name},`, 'These booking requests are waiting for a decision:'],
      list: p.items,
      action: 'Open the requests inbox',
      footer: 'A request with no decision expires when its slot starts. You can turn this daily summary off in your profile.',
    }),
  },
  campaign_result: {
    fr: (p) => ({
      subject: `Attribution publiée : ${p.campaign}`,
      lines: [`Bonjour ${p.name},`, `${p.owner} a publié l’attribution de la campagne « ${p.campaign} ». Voici ce que vos demandes ont obtenu ; les séances attribuées sont des réservations confirmées.`],
      list: campaignLines(p, 'fr'),
      action: 'Voir la campagne',
      footer: 'Les séances non attribuées sont enregistrées comme demande non satisfaite, ce qui aide les partenaires à dimensionner leur offre.',
    }),
    nl: (p) => ({
      subject: `Toewijzing gepubliceerd: ${p.campaign}`,
      lines: [`Beste ${p.name},`, `${p.owner} heeft de toewijzing van de campagne „${p.campaign}” gepubliceerd. Dit hebben uw aanvragen gekregen; toegewezen sessies zijn bevestigde reservaties.`],
      list: campaignLines(p, 'nl'),
      action: 'Campagne bekijken',
      footer: 'Niet toegewezen sessies worden bijgehouden als onvervulde vraag, zodat partners hun aanbod kunnen afstemmen.',
    }),
    en: (p) => ({
      subject: `Allocation published: ${p.campaign}`,
      lines: [`Hello ${p.name},`, `${p.owner} published the allocation of the campaign “${p.campaign}”. Here is what your requests got; allocated sessions are confirmed bookings.`],
      list: campaignLines(p, 'en'),
      action: 'View the campaign',
      footer: 'Sessions not allocated are recorded as unmet demand, which helps partners size what they offer.',
    }),
  },
  session_notice: {
    fr: (p) => ({
      subject: ({ registered: 'Inscription confirmée', waitlisted: 'Sur liste d’attente', promoted: 'Une place s’est libérée', reminder: 'Rappel', session_cancelled: 'Session annulée' } as Params)[p.state] + ` : ${p.title}, ${p.when}`,
      lines: [
        `Bonjour ${p.name},`,
        ({
          registered: `Le groupe de ${p.organisation} (${p.seats} personnes) est inscrit à « ${p.title} » chez ${p.host}.`,
          waitlisted: `La session « ${p.title} » est complète : le groupe de ${p.organisation} (${p.seats} personnes) est sur la liste d’attente. Nous vous écrirons si des places se libèrent.`,
          promoted: `Des places se sont libérées : le groupe de ${p.organisation} (${p.seats} personnes) est maintenant inscrit à « ${p.title} ».`,
          reminder: `Petit rappel : le groupe de ${p.organisation} (${p.seats} personnes) participe à « ${p.title} » chez ${p.host}.`,
          session_cancelled: `${p.host} a annulé la session « ${p.title} » à laquelle le groupe de ${p.organisation} était inscrit.`,
        } as Params)[p.state],
        `Quand : ${p.when}. Lieu : ${p.location}.`,
      ],
      action: 'Voir la session',
      footer: 'Un empêchement ? Annulez l’inscription avant la date limite pour libérer les places.',
    }),
    nl: (p) => ({
      subject: ({ registered: 'Inschrijving bevestigd', waitlisted: 'Op de wachtlijst', promoted: 'Er is plaats vrijgekomen', reminder: 'Herinnering', session_cancelled: 'Sessie geannuleerd' } as Params)[p.state] + `: ${p.title}, ${p.when}`,
      lines: [
        `Beste ${p.name},`,
        ({
          registered: `De groep van ${p.organisation} (${p.seats} personen) is ingeschreven voor „${p.title}” bij ${p.host}.`,
          waitlisted: `De sessie „${p.title}” is volzet: de groep van ${p.organisation} (${p.seats} personen) staat op de wachtlijst. We laten het u weten als er plaatsen vrijkomen.`,
          promoted: `Er zijn plaatsen vrijgekomen: de groep van ${p.organisation} (${p.seats} personen) is nu ingeschreven voor „${p.title}”.`,
          reminder: `Herinnering: de groep van ${p.organisation} (${p.seats} personen) neemt deel aan „${p.title}” bij ${p.host}.`,
          session_cancelled: `${p.host} heeft de sessie „${p.title}” geannuleerd waarvoor de groep van ${p.organisation} was ingeschreven.`,
        } as Params)[p.state],
        `Wanneer: ${p.when}. Locatie: ${p.location}.`,
      ],
      action: 'Sessie bekijken',
      footer: 'Verhinderd? Annuleer de inschrijving vóór de uiterste datum om de plaatsen vrij te maken.',
    }),
    en: (p) => ({
      subject: ({ registered: 'Registration confirmed', waitlisted: 'On the waitlist', promoted: 'Seats opened up', reminder: 'Reminder', session_cancelled: 'Session cancelled' } as Params)[p.state] + `: ${p.title}, ${p.when}`,
      lines: [
        `Hello ${p.name},`,
        ({
          registered: `The group of ${p.organisation} (${p.seats} people) is registered for “${p.title}” at ${p.host}.`,
          waitlisted: `The session “${p.title}” is full: the group of ${p.organisation} (${p.seats} people) is on the waitlist. We will write if seats open up.`,
          promoted: `Seats opened up: the group of ${p.organisation} (${p.seats} people) is now registered for “${p.title}”.`,
          reminder: `A reminder: the group of ${p.organisation} (${p.seats} people) takes part in “${p.title}” at ${p.host}.`,
          session_cancelled: `${p.host} cancelled the session “${p.title}” the group of ${p.organisation} was registered for.`,
        } as Params)[p.state],
        `When: ${p.when}. Where: ${p.location}.`,
      ],
      action: 'View the session',
      footer: 'Cannot come? Cancel the registration before the deadline to free the seats.',
    }),
  },
  satisfaction_request: {
    fr: (p) => ({
      subject: `Votre avis : ${p.subject}`,
      lines: [`Bonjour ${p.name},`, `Comment s’est passé « ${p.subject} » (${p.when}) ? Trois notes de 1 à 5 et un commentaire facultatif : une minute suffit.`, 'Seules des moyennes sont publiées (à partir de 3 avis) ; votre commentaire n’est lu que par le partenaire.'],
      action: 'Donner mon avis',
      footer: 'Nous ne vous le demanderons qu’une fois.',
    }),
    nl: (p) => ({
      subject: `Uw mening: ${p.subject}`,
      lines: [`Beste ${p.name},`, `Hoe verliep „${p.subject}” (${p.when})? Drie scores van 1 tot 5 en een optionele opmerking: één minuut volstaat.`, 'Alleen gemiddelden worden gepubliceerd (vanaf 3 beoordelingen); uw opmerking leest alleen de partner.'],
      action: 'Mijn mening geven',
      footer: 'We vragen het u maar één keer.',
    }),
    en: (p) => ({
      subject: `Your rating: ${p.subject}`,
      lines: [`Hello ${p.name},`, `How did “${p.subject}” (${p.when}) go? Three scores from 1 to 5 and an optional comment: one minute is enough.`, 'Only averages are published (from 3 answers on); only the partner reads your comment.'],
      action: 'Give my rating',
      footer: 'We will ask only once.',
    }),
  },
  account_inactive: {
    fr: (p) => ({
      subject: 'Votre compte Equipôle sera anonymisé',
      lines: [`Bonjour ${p.name},`, `Personne ne s’est connecté à votre compte depuis plus de ${p.months} mois. Pour protéger vos données, il sera anonymisé le ${p.date} : votre nom et votre adresse seront effacés, les réservations restent au nom de votre organisation.`, 'Pour le garder, il suffit de vous connecter avant cette date.'],
      action: 'Se connecter',
      footer: 'Si vous n’utilisez plus Equipôle, vous n’avez rien à faire.',
    }),
    nl: (p) => ({
      subject: 'Uw Equipôle-account wordt geanonimiseerd',
      lines: [`Beste ${p.name},`, `Niemand heeft zich al meer dan ${p.months} maanden aangemeld op uw account. Om uw gegevens te beschermen wordt het op ${p.date} geanonimiseerd: uw naam en adres worden gewist, de reservaties blijven op naam van uw organisatie.`, 'Wilt u het houden? Meld u dan vóór die datum aan.'],
      action: 'Aanmelden',
      footer: 'Gebruikt u Equipôle niet meer? Dan hoeft u niets te doen.',
    }),
    en: (p) => ({
      subject: 'Your Equipôle account will be anonymised',
      lines: [`Hello ${p.name},`, `Nobody has signed in to your account for more than ${p.months} months. To protect your data, it will be anonymised on ${p.date}: your name and address will be erased, the bookings stay with your organisation.`, 'To keep it, simply sign in before that date.'],
      action: 'Sign in',
      footer: 'If you no longer use Equipôle, there is nothing to do.',
    }),
  },
};

const PRIVACY_LINE: Record<Locale, string> = {
  fr: 'Vos données personnelles',
  nl: 'Uw persoonsgegevens',
  en: 'Your personal data',
};

/** The privacy notice on the same site as the email's link (every email links to it). */
function privacyLink(link: string): string {
  try {
    return `${new URL(link).origin}/privacy`;
  } catch {
    return '/privacy';
  }
}

/** One form for 1 (and 0 in French), another for more: enough for the nouns of these emails. */
const count = (items: unknown) => (Array.isArray(items) ? items.length : 0);

function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

/** French elision: "de Tour CNC" but "d’Atelier…". */
export function deFr(name: string): string {
  return /^[aeiouyàâäéèêëîïôöûü]/i.test(name) ? `d’${name}` : `de ${name}`;
}

function seriesSections(p: Params, titles: { booked: string; skipped: string }): { title: string; items: string[] }[] {
  return [
    { title: titles.booked, items: (p.booked ?? []) as string[] },
    { title: titles.skipped, items: (p.skipped ?? []) as string[] },
  ].filter((section) => section.items.length > 0);
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LABELS: Record<Locale, Record<'resource' | 'owner' | 'organisation' | 'when' | 'location' | 'reason' | 'previous', string>> = {
  fr: { resource: 'Équipement', owner: 'Proposé par', organisation: 'Pour', when: 'Quand', location: 'Lieu', reason: 'Motif', previous: 'Ancien créneau' },
  nl: { resource: 'Uitrusting', owner: 'Aangeboden door', organisation: 'Voor', when: 'Wanneer', location: 'Locatie', reason: 'Reden', previous: 'Vorig tijdslot' },
  en: { resource: 'Equipment', owner: 'Offered by', organisation: 'For', when: 'When', location: 'Where', reason: 'Reason', previous: 'Previous time' },
};

/** The booking's facts as label–value pairs, in a fixed order, skipping what is empty. */
function bookingDetails(params: Params, locale: Locale): [string, string][] {
  const keys = ['resource', 'owner', 'organisation', 'when', 'previous', 'location', 'reason'] as const;
  return keys.filter((key) => params[key]).map((key) => [LABELS[locale][key], String(params[key])]);
}

export function renderEmail(template: EmailTemplate, locale: Locale): RenderedEmail {
  const params = template.params as Params;
  const copy = COPY[template.kind][locale](params);
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
    '— Equipôle',
    `${PRIVACY_LINE[locale]}${colon}${privacy}`,
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
<p style="color:#52606d;font-size:13px">— Equipôle · <a href="${escapeHtml(privacy)}" style="color:#52606d">${escapeHtml(PRIVACY_LINE[locale])}</a></p>
</body></html>`;
  return { subject: copy.subject, text, html };
}

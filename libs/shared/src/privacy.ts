/**
 * Personal data (issue 23, docs/privacy.md): what the privacy notice shows of the installation's
 * configuration, and the categories of a person's data export.
 */

/** GET /api/privacy/notice: the operator's details and the retention periods in force. */
export interface PrivacyNotice {
  controller: {
    /** Unset: the notice names "the operator of this installation". */
    name: string | null;
    contactEmail: string | null;
    dpoAddress: string | null;
  };
  retention: {
    notesMonths: number;
    sessionsDays: number;
    outboxDays: number;
    /** 0: inactive accounts are kept. */
    inactiveMonths: number;
    warningDays: number;
    /** Participants' names typed for an attestation, after the booking ends. */
    participantNamesMonths: number;
  };
}

/** Every category of a person's export, in the order the readable summary shows them. */
export const EXPORT_CATEGORIES = [
  'profile', 'notificationSettings', 'memberships', 'clusterCoordination', 'sessions', 'calendarFeeds', 'bookings', 'attendanceRecorded',
  'waitlistEntries', 'campaignRequests', 'sessionRegistrations', 'satisfactionRatings', 'stories', 'breakdownReports', 'credentialGrants',
  'auditLog', 'emails',
] as const;
export type ExportCategory = (typeof EXPORT_CATEGORIES)[number];

/** GET /api/privacy/export: one list (or, for the profile and settings, one object) per category. */
export type PersonalDataExport = { exportedAt: string; format: 'equipole-personal-data/1' } & Record<ExportCategory, unknown>;

/** POST /api/privacy/close-account. */
export interface CloseAccountRequest {
  password: string;
}

/** Headings of the readable summary (the API's HTML export), one per category, in each language. */
export const EXPORT_TITLES: Record<'fr' | 'nl' | 'en', Record<ExportCategory | 'document' | 'lead' | 'empty', string>> = {
  fr: {
    document: 'Vos données dans Equipôle',
    lead: 'Toutes les données que cette installation d’Equipôle conserve à votre sujet, exportées le {date}. Le fichier JSON contient les mêmes données, lisibles par une machine.',
    empty: 'Aucune donnée.',
    profile: 'Profil',
    notificationSettings: 'Réglages des notifications',
    memberships: 'Organisations',
    clusterCoordination: 'Pôles coordonnés',
    sessions: 'Sessions de connexion',
    calendarFeeds: 'Abonnements au calendrier',
    bookings: 'Réservations faites ou animées',
    attendanceRecorded: 'Présences enregistrées',
    waitlistEntries: 'Listes d’attente',
    campaignRequests: 'Demandes de campagne',
    sessionRegistrations: 'Inscriptions à des séances',
    satisfactionRatings: 'Avis donnés',
    stories: 'Récits publiés',
    breakdownReports: 'Pannes signalées',
    credentialGrants: 'Habilitations',
    auditLog: 'Journal de vos actions',
    emails: 'E-mails reçus',
  },
  nl: {
    document: 'Uw gegevens in Equipôle',
    lead: 'Alle gegevens die deze Equipôle-installatie over u bewaart, geëxporteerd op {date}. Het JSON-bestand bevat dezelfde gegevens, leesbaar voor een machine.',
    empty: 'Geen gegevens.',
    profile: 'Profiel',
    notificationSettings: 'Instellingen voor meldingen',
    memberships: 'Organisaties',
    clusterCoordination: 'Gecoördineerde clusters',
    sessions: 'Aanmeldsessies',
    calendarFeeds: 'Agenda-abonnementen',
    bookings: 'Gemaakte of begeleide reservaties',
    attendanceRecorded: 'Geregistreerde aanwezigheden',
    waitlistEntries: 'Wachtlijsten',
    campaignRequests: 'Campagneaanvragen',
    sessionRegistrations: 'Inschrijvingen voor sessies',
    satisfactionRatings: 'Gegeven beoordelingen',
    stories: 'Gepubliceerde verhalen',
    breakdownReports: 'Gemelde defecten',
    credentialGrants: 'Bevoegdheden',
    auditLog: 'Logboek van uw acties',
    emails: 'Ontvangen e-mails',
  },
  en: {
    document: 'Your data in Equipôle',
    lead: 'All the data this Equipôle installation keeps about you, exported on {date}. The JSON file holds the same data, readable by a machine.',
    empty: 'No data.',
    profile: 'Profile',
    notificationSettings: 'Notification settings',
    memberships: 'Organisations',
    clusterCoordination: 'Clusters you coordinate',
    sessions: 'Sign-in sessions',
    calendarFeeds: 'Calendar feeds',
    bookings: 'Bookings you made or ran',
    attendanceRecorded: 'Attendance you recorded',
    waitlistEntries: 'Waiting lists',
    campaignRequests: 'Campaign requests',
    sessionRegistrations: 'Session registrations',
    satisfactionRatings: 'Ratings you gave',
    stories: 'Stories you published',
    breakdownReports: 'Breakdowns you reported',
    credentialGrants: 'Credentials',
    auditLog: 'Log of your actions',
    emails: 'Emails you received',
  },
};

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

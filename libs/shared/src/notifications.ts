/** Emails a person may switch off. Invitations, password resets and news about their own bookings always go. */
export const OPTIONAL_EMAILS = ['equipment_activity', 'reminders', 'digest', 'waitlist'] as const;
export type OptionalEmail = (typeof OPTIONAL_EMAILS)[number];

/** GET/PUT /api/auth/me/notifications: true = the email is sent. */
export interface EmailPreferences {
  /** Requests, cancellations and moves on the equipment of organisations one manages. */
  equipmentActivity: boolean;
  /** The reminder the day before one's own bookings. */
  reminders: boolean;
  /** The daily summary of pending requests, for managers. */
  digest: boolean;
  /** A freed slot booked from one's waitlist entry. */
  waitlist: boolean;
}

export const EMAIL_PREFERENCE_KEYS: Record<keyof EmailPreferences, OptionalEmail> = {
  equipmentActivity: 'equipment_activity',
  reminders: 'reminders',
  digest: 'digest',
  waitlist: 'waitlist',
};

/** A secret calendar feed (personal or an organisation's). Only a hash of its token is stored, so its URL is shown once. */
export interface CalendarFeedStatus {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export interface CalendarFeedCreated extends CalendarFeedStatus {
  /** The subscription URL (`…/api/feeds/<token>.ics`): shown now, never again. */
  url: string;
}

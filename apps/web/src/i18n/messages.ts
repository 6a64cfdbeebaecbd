/**
 * The message catalogues, one JSON file per language for the shell (`fr.json`…) and one
 * folder per product area under `areas/` (`areas/bookings/fr.json`…), merged here under the
 * area's name: `t('bookings.list.title')` reads `areas/bookings/<locale>.json`.
 */
import frShell from './fr.json';
import accountsFR from './areas/accounts/fr.json';
import directoryFR from './areas/directory/fr.json';
import catalogueFR from './areas/catalogue/fr.json';
import partnerFR from './areas/partner/fr.json';
import bookingsFR from './areas/bookings/fr.json';
import reportsFR from './areas/reports/fr.json';
import notificationsFR from './areas/notifications/fr.json';
import inboxFR from './areas/inbox/fr.json';
import equipmentLifeFR from './areas/equipmentLife/fr.json';
import campaignsFR from './areas/campaigns/fr.json';
import lifeFR from './areas/life/fr.json';
import privacyFR from './areas/privacy/fr.json';
import nlShell from './nl.json';
import accountsNL from './areas/accounts/nl.json';
import directoryNL from './areas/directory/nl.json';
import catalogueNL from './areas/catalogue/nl.json';
import partnerNL from './areas/partner/nl.json';
import bookingsNL from './areas/bookings/nl.json';
import reportsNL from './areas/reports/nl.json';
import notificationsNL from './areas/notifications/nl.json';
import inboxNL from './areas/inbox/nl.json';
import equipmentLifeNL from './areas/equipmentLife/nl.json';
import campaignsNL from './areas/campaigns/nl.json';
import lifeNL from './areas/life/nl.json';
import privacyNL from './areas/privacy/nl.json';
import enShell from './en.json';
import accountsEN from './areas/accounts/en.json';
import directoryEN from './areas/directory/en.json';
import catalogueEN from './areas/catalogue/en.json';
import partnerEN from './areas/partner/en.json';
import bookingsEN from './areas/bookings/en.json';
import reportsEN from './areas/reports/en.json';
import notificationsEN from './areas/notifications/en.json';
import inboxEN from './areas/inbox/en.json';
import equipmentLifeEN from './areas/equipmentLife/en.json';
import campaignsEN from './areas/campaigns/en.json';
import lifeEN from './areas/life/en.json';
import privacyEN from './areas/privacy/en.json';

export const fr = { ...frShell, accounts: accountsFR, directory: directoryFR, catalogue: catalogueFR, partner: partnerFR, bookings: bookingsFR, reports: reportsFR, notifications: notificationsFR, inbox: inboxFR, equipmentLife: equipmentLifeFR, campaigns: campaignsFR, life: lifeFR, privacy: privacyFR };
export const nl = { ...nlShell, accounts: accountsNL, directory: directoryNL, catalogue: catalogueNL, partner: partnerNL, bookings: bookingsNL, reports: reportsNL, notifications: notificationsNL, inbox: inboxNL, equipmentLife: equipmentLifeNL, campaigns: campaignsNL, life: lifeNL, privacy: privacyNL };
export const en = { ...enShell, accounts: accountsEN, directory: directoryEN, catalogue: catalogueEN, partner: partnerEN, bookings: bookingsEN, reports: reportsEN, notifications: notificationsEN, inbox: inboxEN, equipmentLife: equipmentLifeEN, campaigns: campaignsEN, life: lifeEN, privacy: privacyEN };

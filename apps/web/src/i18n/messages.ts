/// <reference types="vite/client" />
/**
 * The message catalogues, found by `import.meta.glob` (no hand-kept list of languages): one JSON
 * file per language for the shell (`fr.json`…) and one folder per product area under `areas/`
 * (`areas/bookings/fr.json`…), merged under the area's name: `t('bookings.list.title')` reads
 * `areas/bookings/<locale>.json`. A new language is a new `<locale>.json` plus one file per area;
 * i18n.spec.ts fails when a language misses a key or a locale has no catalogue.
 */
import type { Locale } from '@equipole/shared';
import type frShell from './fr.json';
import type accounts from './areas/accounts/fr.json';
import type bookings from './areas/bookings/fr.json';
import type campaigns from './areas/campaigns/fr.json';
import type catalogue from './areas/catalogue/fr.json';
import type directory from './areas/directory/fr.json';
import type equipmentLife from './areas/equipmentLife/fr.json';
import type inbox from './areas/inbox/fr.json';
import type life from './areas/life/fr.json';
import type notifications from './areas/notifications/fr.json';
import type partner from './areas/partner/fr.json';
import type privacy from './areas/privacy/fr.json';
import type reports from './areas/reports/fr.json';

/** The shape of every catalogue, read from the French reference (types only: vue-tsc checks each `t('…')` key). */
export type MessageSchema = typeof frShell & {
  accounts: typeof accounts;
  bookings: typeof bookings;
  campaigns: typeof campaigns;
  catalogue: typeof catalogue;
  directory: typeof directory;
  equipmentLife: typeof equipmentLife;
  inbox: typeof inbox;
  life: typeof life;
  notifications: typeof notifications;
  partner: typeof partner;
  privacy: typeof privacy;
  reports: typeof reports;
};

type Catalogue = Record<string, unknown>;

const shells = import.meta.glob<Catalogue>('./*.json', { eager: true, import: 'default' });
const areas = import.meta.glob<Catalogue>('./areas/*/*.json', { eager: true, import: 'default' });

/** `./fr.json` → `fr`; `./areas/bookings/fr.json` → [`bookings`, `fr`]. */
const shellLocale = (path: string) => /^\.\/([^/]+)\.json$/.exec(path)?.[1] ?? '';
const areaOf = (path: string) => /^\.\/areas\/([^/]+)\/([^/]+)\.json$/.exec(path)?.slice(1) ?? ['', ''];

function catalogueFor(locale: string): Catalogue {
  const catalogue: Catalogue = { ...shells[`./${locale}.json`] };
  for (const [path, messages] of Object.entries(areas)) {
    const [area, areaLocale] = areaOf(path);
    if (areaLocale === locale) catalogue[area] = messages;
  }
  return catalogue;
}

/** Every language that has a shell catalogue, with its areas merged in. */
export const messages = Object.fromEntries(
  Object.keys(shells).map(shellLocale).sort().map((locale) => [locale, catalogueFor(locale)]),
) as Record<Locale, MessageSchema>;

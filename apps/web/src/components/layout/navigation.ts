import type { RouteLocationRaw } from 'vue-router';
import type { MessageKey } from '@/i18n';

export interface NavigationItem {
  to: RouteLocationRaw & { name: string };
  labelKey: MessageKey;
}

/** The main areas of the product, in the order of the header navigation. */
export const MAIN_NAVIGATION: readonly NavigationItem[] = [
  { to: { name: 'home' }, labelKey: 'nav.home' },
  { to: { name: 'equipment' }, labelKey: 'nav.equipment' },
  { to: { name: 'bookings' }, labelKey: 'nav.bookings' },
  { to: { name: 'partner' }, labelKey: 'nav.partner' },
  { to: { name: 'reports' }, labelKey: 'nav.reports' },
  { to: { name: 'clusters' }, labelKey: 'nav.clusters' },
  { to: { name: 'organisations' }, labelKey: 'nav.organisations' },
];

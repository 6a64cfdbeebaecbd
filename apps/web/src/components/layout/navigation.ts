import type { RouteLocationRaw } from 'vue-router';
import type { MessageKey } from '@/i18n';
import type { Access } from '@/router';

export interface NavigationItem {
  to: RouteLocationRaw & { name: string };
  labelKey: MessageKey;
  access?: Access;
}

/** The main areas of the product, in the order of the header navigation. */
export const MAIN_NAVIGATION: readonly NavigationItem[] = [
  { to: { name: 'home' }, labelKey: 'nav.home' },
  { to: { name: 'equipment' }, labelKey: 'nav.equipment' },
  { to: { name: 'bookings' }, labelKey: 'nav.bookings', access: 'signed-in' },
  { to: { name: 'campaigns' }, labelKey: 'nav.campaigns', access: 'signed-in' },
  { to: { name: 'partner' }, labelKey: 'nav.partner', access: 'manager' },
  { to: { name: 'reports' }, labelKey: 'nav.reports', access: 'signed-in' },
  { to: { name: 'clusters' }, labelKey: 'nav.clusters' },
  { to: { name: 'organisations' }, labelKey: 'nav.organisations', access: 'signed-in' },
  { to: { name: 'admin' }, labelKey: 'nav.admin', access: 'coordinator' },
];

export interface Viewer {
  isSignedIn: boolean;
  isManager: boolean;
  isCoordinator: boolean;
}

/**
 * What the navigation offers: a visitor sees every area but administration (each one says
 * what it holds, or asks to sign in); a signed-in user sees the areas of their roles.
 */
export function visibleNavigation(viewer: Viewer): NavigationItem[] {
  return MAIN_NAVIGATION.filter(({ access = 'public' }) => {
    if (access === 'coordinator') return viewer.isCoordinator;
    if (!viewer.isSignedIn) return true;
    if (access === 'manager') return viewer.isManager || viewer.isCoordinator;
    return true;
  });
}

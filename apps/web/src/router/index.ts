import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { MessageKey } from '@/i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** Translated into the document title, in the current language. */
    titleKey?: MessageKey;
  }
}

/** One lazily loaded view per area of the product: a page only downloads what it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/home/HomeView.vue'), meta: { titleKey: 'app.tagline' } },
  {
    // Nested so that "Equipment" stays the active navigation item on an equipment page.
    path: '/equipment',
    children: [
      {
        path: '',
        name: 'equipment',
        component: () => import('@/views/equipment/EquipmentCatalogueView.vue'),
        meta: { titleKey: 'pages.equipment.title' },
      },
      {
        path: ':id',
        name: 'equipment-detail',
        component: () => import('@/views/equipment/EquipmentDetailView.vue'),
        props: true,
        meta: { titleKey: 'pages.equipmentDetail.title' },
      },
    ],
  },
  { path: '/bookings', name: 'bookings', component: () => import('@/views/bookings/MyBookingsView.vue'), meta: { titleKey: 'pages.bookings.title' } },
  { path: '/partner', name: 'partner', component: () => import('@/views/partner/PartnerAreaView.vue'), meta: { titleKey: 'pages.partner.title' } },
  { path: '/reports', name: 'reports', component: () => import('@/views/reports/ReportsView.vue'), meta: { titleKey: 'pages.reports.title' } },
  { path: '/clusters', name: 'clusters', component: () => import('@/views/clusters/ClustersView.vue'), meta: { titleKey: 'pages.clusters.title' } },
  {
    path: '/organisations',
    name: 'organisations',
    component: () => import('@/views/organisations/OrganisationsView.vue'),
    meta: { titleKey: 'pages.organisations.title' },
  },
  { path: '/login', name: 'login', component: () => import('@/views/auth/LoginView.vue'), meta: { titleKey: 'pages.login.title' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { titleKey: 'pages.notFound.title' },
  },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (to, _from, savedPosition) => savedPosition ?? (to.hash ? { el: to.hash } : { top: 0 }),
  });
}

export const router = createAppRouter();

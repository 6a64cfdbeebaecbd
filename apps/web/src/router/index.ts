import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import type { MessageKey } from '@/i18n';
import { useSessionStore } from '@/stores/session';

/** Who may open a page: anyone (default), a signed-in user, a manager of some organisation, a coordinator. */
export type Access = 'public' | 'signed-in' | 'manager' | 'coordinator';

declare module 'vue-router' {
  interface RouteMeta {
    /** Translated into the document title, in the current language. */
    titleKey?: MessageKey;
    access?: Access;
    /** Pages for signed-out people only (login): a signed-in visitor goes home. */
    guestOnly?: boolean;
    /** Full-screen pages (the site display): no header, navigation or footer. */
    bare?: boolean;
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
      {
        // The URL of the item's QR label: check-in at the machine.
        path: ':id/check-in',
        name: 'equipment-check-in',
        component: () => import('@/views/equipmentLife/CheckInView.vue'),
        props: true,
        meta: { titleKey: 'equipmentLife.checkIn.title', access: 'signed-in' },
      },
    ],
  },
  {
    path: '/bookings',
    meta: { access: 'signed-in' },
    children: [
      { path: '', name: 'bookings', component: () => import('@/views/bookings/MyBookingsView.vue'), meta: { titleKey: 'pages.bookings.title' } },
      {
        path: ':id',
        name: 'booking-detail',
        component: () => import('@/views/bookings/BookingDetailView.vue'),
        props: true,
        meta: { titleKey: 'pages.bookingDetail.title' },
      },
    ],
  },
  {
    path: '/campaigns',
    meta: { access: 'signed-in' },
    children: [
      { path: '', name: 'campaigns', component: () => import('@/views/campaigns/CampaignsView.vue'), meta: { titleKey: 'pages.campaigns.title' } },
      {
        path: 'new',
        name: 'campaign-new',
        component: () => import('@/views/campaigns/CampaignFormView.vue'),
        meta: { titleKey: 'pages.campaignNew.title', access: 'manager' },
      },
      {
        path: ':id',
        name: 'campaign-detail',
        component: () => import('@/views/campaigns/CampaignDetailView.vue'),
        props: true,
        meta: { titleKey: 'pages.campaignDetail.title' },
      },
    ],
  },
  {
    path: '/partner',
    meta: { access: 'manager' },
    children: [
      { path: '', name: 'partner', component: () => import('@/views/partner/PartnerAreaView.vue'), meta: { titleKey: 'pages.partner.title' } },
      {
        path: 'equipment/new',
        name: 'partner-equipment-new',
        component: () => import('@/views/partner/EquipmentEditorView.vue'),
        meta: { titleKey: 'pages.partnerEquipmentNew.title' },
      },
      {
        path: 'equipment/:id/edit',
        name: 'partner-equipment-edit',
        component: () => import('@/views/partner/EquipmentEditorView.vue'),
        props: true,
        meta: { titleKey: 'pages.partnerEquipmentEdit.title' },
      },
      { path: 'sites', name: 'partner-sites', component: () => import('@/views/partner/PartnerSitesView.vue'), meta: { titleKey: 'pages.partnerSites.title' } },
      {
        path: 'credentials',
        name: 'partner-credentials',
        component: () => import('@/views/partner/PartnerCredentialsView.vue'),
        meta: { titleKey: 'pages.partnerCredentials.title' },
      },
      {
        path: 'requests',
        name: 'partner-requests',
        component: () => import('@/views/partner/PartnerRequestsView.vue'),
        meta: { titleKey: 'pages.partnerRequests.title' },
      },
      {
        path: 'planning',
        name: 'partner-planning',
        component: () => import('@/views/partner/PartnerPlanningView.vue'),
        meta: { titleKey: 'pages.partnerPlanning.title' },
      },
    ],
  },
  { path: '/reports', name: 'reports', component: () => import('@/views/reports/ReportsView.vue'), meta: { titleKey: 'pages.reports.title', access: 'signed-in' } },
  {
    path: '/clusters',
    children: [
      { path: '', name: 'clusters', component: () => import('@/views/clusters/ClustersView.vue'), meta: { titleKey: 'pages.clusters.title' } },
      {
        path: 'interreg',
        name: 'interreg',
        component: () => import('@/views/clusters/InterregView.vue'),
        meta: { titleKey: 'life.interreg.title', access: 'coordinator' },
      },
      {
        path: ':id',
        name: 'cluster-detail',
        component: () => import('@/views/clusters/ClusterDetailView.vue'),
        props: true,
        meta: { titleKey: 'pages.clusterDetail.title' },
      },
      {
        path: ':id/page',
        name: 'cluster-public',
        component: () => import('@/views/clusters/ClusterPublicView.vue'),
        props: true,
        meta: { titleKey: 'life.cluster.publicPage' },
      },
      {
        path: ':id/evaluation',
        name: 'cluster-evaluation',
        component: () => import('@/views/clusters/ClusterEvaluationView.vue'),
        props: true,
        meta: { titleKey: 'life.cluster.evaluation', access: 'coordinator' },
      },
    ],
  },
  {
    path: '/satisfaction',
    name: 'satisfaction',
    component: () => import('@/views/satisfaction/SatisfactionView.vue'),
    meta: { titleKey: 'life.satisfaction.title', access: 'signed-in' },
  },
  {
    path: '/sessions',
    children: [
      { path: '', name: 'sessions', component: () => import('@/views/sessions/SessionsView.vue'), meta: { titleKey: 'life.sessions.title' } },
      {
        path: 'new',
        name: 'session-new',
        component: () => import('@/views/sessions/SessionFormView.vue'),
        meta: { titleKey: 'life.form.title', access: 'manager' },
      },
      {
        path: ':id',
        name: 'session-detail',
        component: () => import('@/views/sessions/SessionDetailView.vue'),
        props: true,
        meta: { titleKey: 'life.sessions.title' },
      },
    ],
  },
  {
    path: '/organisations',
    meta: { access: 'signed-in' },
    children: [
      {
        path: '',
        name: 'organisations',
        component: () => import('@/views/organisations/OrganisationsView.vue'),
        meta: { titleKey: 'pages.organisations.title' },
      },
      {
        path: ':id',
        name: 'organisation-detail',
        component: () => import('@/views/organisations/OrganisationDetailView.vue'),
        props: true,
        meta: { titleKey: 'pages.organisationDetail.title' },
      },
    ],
  },
  {
    path: '/admin',
    meta: { access: 'coordinator' },
    children: [
      { path: '', name: 'admin', component: () => import('@/views/admin/AdminView.vue'), meta: { titleKey: 'pages.admin.title' } },
      {
        path: 'occupations',
        name: 'admin-occupations',
        component: () => import('@/views/admin/OccupationsAdminView.vue'),
        meta: { titleKey: 'pages.occupationsAdmin.title' },
      },
      { path: 'emails', name: 'admin-emails', component: () => import('@/views/admin/EmailsView.vue'), meta: { titleKey: 'pages.emails.title' } },
      { path: 'bookings', name: 'admin-bookings', component: () => import('@/views/admin/AllBookingsView.vue'), meta: { titleKey: 'pages.allBookings.title' } },
    ],
  },
  { path: '/login', name: 'login', component: () => import('@/views/auth/LoginView.vue'), meta: { titleKey: 'pages.login.title', guestOnly: true } },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/auth/ForgotPasswordView.vue'),
    meta: { titleKey: 'pages.forgotPassword.title' },
  },
  {
    path: '/reset-password/:token',
    name: 'reset-password',
    component: () => import('@/views/auth/ResetPasswordView.vue'),
    props: true,
    meta: { titleKey: 'pages.resetPassword.title' },
  },
  {
    path: '/invitation/:token',
    name: 'invitation',
    component: () => import('@/views/auth/InvitationView.vue'),
    props: true,
    meta: { titleKey: 'pages.invitation.title' },
  },
  {
    // A tablet at the workshop door: no header or footer, no sign-in; the token is the credential.
    path: '/display/:token',
    name: 'site-display',
    component: () => import('@/views/equipmentLife/SiteDisplayView.vue'),
    props: true,
    meta: { titleKey: 'equipmentLife.display.title', bare: true },
  },
  { path: '/privacy', name: 'privacy', component: () => import('@/views/privacy/PrivacyView.vue'), meta: { titleKey: 'pages.privacy.title' } },
  { path: '/profile', name: 'profile', component: () => import('@/views/auth/ProfileView.vue'), meta: { titleKey: 'pages.profile.title', access: 'signed-in' } },
  { path: '/forbidden', name: 'forbidden', component: () => import('@/views/errors/ForbiddenView.vue'), meta: { titleKey: 'pages.forbidden.title' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { titleKey: 'pages.notFound.title' },
  },
];

/** Where the guard sends a visitor who may not open `to`, or `true` to let them in. */
export async function guard(to: RouteLocationNormalized) {
  const session = useSessionStore();
  await session.ensureLoaded();
  if (to.meta.guestOnly && session.isSignedIn) return typeof to.query.redirect === 'string' && to.query.redirect.startsWith('/') ? to.query.redirect : { name: 'home' };
  const access = to.meta.access ?? 'public';
  if (access === 'public') return true;
  if (!session.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } };
  if (access === 'manager' && !(session.isManager || session.isCoordinator)) return { name: 'forbidden' };
  if (access === 'coordinator' && !session.isCoordinator) return { name: 'forbidden' };
  return true;
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (to, _from, savedPosition) => savedPosition ?? (to.hash ? { el: to.hash } : { top: 0 }),
  });
  router.beforeEach(guard);
  return router;
}

export const router = createAppRouter();

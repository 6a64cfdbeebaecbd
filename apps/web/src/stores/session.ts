import type { CurrentUser, Locale } from '@equipole/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { setLocale } from '@/i18n';
import { ApiError } from '@/services/http';
import { sessionApi } from '@/services/session';

/**
 * Who is signed in. Loaded once at start-up (`ensureLoaded`) from `GET /api/auth/me`;
 * a 401 there simply means "nobody". The session itself lives in an httpOnly cookie.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<CurrentUser | null>(null);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const isSignedIn = computed(() => user.value !== null);
  const isCoordinator = computed(() => user.value?.isCoordinator ?? false);
  const memberships = computed(() => user.value?.memberships ?? []);
  /** Organisations the user manages (publishes equipment for, approves requests of). */
  const managedOrganisations = computed(() => memberships.value.filter((m) => m.role === 'manager'));
  const isManager = computed(() => managedOrganisations.value.length > 0);

  async function refresh(): Promise<void> {
    try {
      user.value = (await sessionApi.current()).user;
    } finally {
      loaded.value = true;
    }
  }

  /** Loads the current user once; later calls reuse the answer. Never throws: offline means signed out. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    loading ??= refresh()
      .catch(() => undefined)
      .finally(() => (loading = null));
    return loading;
  }

  /** Signs in, then switches the interface to the user's preferred language. */
  async function login(email: string, password: string): Promise<CurrentUser> {
    await sessionApi.login(email, password);
    await refresh();
    if (!user.value) throw new Error('Signed in but /auth/me answered nobody');
    setLocale(user.value.locale);
    return user.value;
  }

  async function logout(): Promise<void> {
    try {
      await sessionApi.logout();
    } catch (error) {
      // An expired session is already signed out.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    user.value = null;
  }

  /** Remembers a new preferred language on the server (best effort: the switch already happened). */
  async function rememberLocale(locale: Locale): Promise<void> {
    if (!user.value || user.value.locale === locale) return;
    try {
      await sessionApi.updateProfile({ locale });
      user.value = { ...user.value, locale };
    } catch {
      // Not worth an error message: the interface is already in the chosen language.
    }
  }

  function manages(organisationId: string): boolean {
    return isCoordinator.value || managedOrganisations.value.some((m) => m.organisationId === organisationId);
  }

  function setUser(next: CurrentUser | null): void {
    user.value = next;
    loaded.value = true;
  }

  return { user, loaded, isSignedIn, isCoordinator, isManager, memberships, managedOrganisations, ensureLoaded, refresh, login, logout, rememberLocale, manages, setUser };
});

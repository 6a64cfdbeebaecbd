import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useOrganisationsStore } from '@/stores/reference';
import { useSessionStore } from '@/stores/session';

export interface OrganisationOption {
  id: string;
  name: string;
}

/**
 * The organisation the partner pages work on, kept in the address (`?org=`) so that a link or a
 * reload keeps it: one of the user's managed organisations, or any organisation for a coordinator.
 */
export function useOrganisationChoice() {
  const session = useSessionStore();
  const route = useRoute();
  const router = useRouter();
  const all = ref<OrganisationOption[] | null>(null);
  const loadError = ref<string | null>(null);

  const managed = computed<OrganisationOption[]>(() => session.managedOrganisations.map((m) => ({ id: m.organisationId, name: m.organisationName })));
  const options = computed<OrganisationOption[]>(() => {
    if (!session.isCoordinator) return managed.value;
    const list = all.value ?? [];
    const ids = new Set(list.map((o) => o.id));
    return [...managed.value.filter((o) => !ids.has(o.id)), ...list];
  });

  if (session.isCoordinator) {
    useOrganisationsStore().load().then(
      (list) => (all.value = list.map(({ id, name }) => ({ id, name }))),
      (error: unknown) => (loadError.value = error instanceof Error ? error.message : String(error)),
    );
  }

  const organisationId = computed<string | null>({
    get: () => {
      const wanted = typeof route.query.org === 'string' ? route.query.org : null;
      if (wanted && (options.value.some((o) => o.id === wanted) || session.isCoordinator)) return wanted;
      return options.value[0]?.id ?? null;
    },
    set: (id) => void router.replace({ query: { ...route.query, org: id ?? undefined } }),
  });

  const organisationName = computed(() => options.value.find((o) => o.id === organisationId.value)?.name ?? '');

  // A coordinator without managed organisations gets the first one once the list arrives.
  watch(options, (list) => {
    if (!route.query.org && list.length > 0 && session.isCoordinator) organisationId.value = list[0].id;
  });

  return { organisationId, organisationName, options, loadError };
}

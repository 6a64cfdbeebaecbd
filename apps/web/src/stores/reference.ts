import type { ClusterSummary, OccupationSummary, OrganisationSummary } from '@equipole/shared';
import { defineStore } from 'pinia';
import { readonly, shallowRef, watch } from 'vue';
import { referenceApi } from '@/services/reference';
import { useSessionStore } from './session';

/**
 * A reference list many pages need for their filters and forms, fetched once and shared: callers
 * `load()` it (two callers at once share one request; a failure is not kept), pages that change it
 * `forget()` it so the next `load()` fetches it again. Components read `items`, never write it.
 */
function referenceList<T>(fetchAll: () => Promise<T[]>) {
  const items = shallowRef<T[] | null>(null);
  let inFlight: Promise<T[]> | null = null;

  function load(): Promise<T[]> {
    if (items.value) return Promise.resolve(items.value);
    const request = (inFlight ??= fetchAll().then(
      (list) => {
        if (inFlight === request) {
          items.value = list;
          inFlight = null;
        }
        return list;
      },
      (error: unknown) => {
        if (inFlight === request) inFlight = null;
        throw error;
      },
    ));
    return request;
  }

  function forget(): void {
    items.value = null;
    inFlight = null;
  }

  return { items: readonly(items), load, forget };
}

/** The occupation catalogue (public, about 60 entries); the coordinators' occupation page forgets it after an edit. */
export const useOccupationsStore = defineStore('occupations', () => referenceList<OccupationSummary>(() => referenceApi.occupations().then((page) => page.items)));

/** The clusters (signed-in people only); forgotten after a cluster or its members change. */
export const useClustersStore = defineStore('clusters', () => perPerson(referenceList<ClusterSummary>(() => referenceApi.clusters())));

/**
 * The organisations the signed-in person may see (`GET /api/organisations`: a coordinator's
 * switcher, "listed organisations" of the rules, cluster members); fetched again for another person.
 */
export const useOrganisationsStore = defineStore('organisations', () =>
  perPerson(referenceList<OrganisationSummary>(() => referenceApi.organisations().then((page) => page.items))),
);

/** A list that depends on who is signed in is fetched again after a sign-in or sign-out. */
function perPerson<List extends { forget: () => void }>(list: List): List {
  const session = useSessionStore();
  watch(() => session.user?.id, () => list.forget());
  return list;
}

import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ToastService from 'primevue/toastservice';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import OrganisationFeed from './OrganisationFeed.vue';

const ORG = '33333333-3333-4333-8333-333333333333';
const URL_OF_FEED = `https://equipole.example/api/feeds/${'a'.repeat(43)}.ics`;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function signIn(role: 'manager' | 'member') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().setUser({
    id: 'u1', email: 'u1@example.test', name: 'Test', locale: 'fr', isCoordinator: false,
    memberships: [{ organisationId: ORG, organisationName: 'Escaut Industrie', role }],
  });
  return pinia;
}

function mountFeed(pinia: ReturnType<typeof createPinia>) {
  return mount(OrganisationFeed, {
    props: { organisationId: ORG, organisationName: 'Escaut Industrie' },
    global: { plugins: [pinia, i18n, [PrimeVue, { theme: 'none' }], ToastService, ConfirmationService] },
    attachTo: document.body,
  });
}

describe('OrganisationFeed', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    applyLocale('fr');
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows nothing to a member, and asks the API nothing', async () => {
    const wrapper = mountFeed(signIn('member'));
    await flushPromises();
    expect(wrapper.find('[data-test="organisation-feed"]').exists()).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('lets a manager create the organisation’s calendar URL and shows it once', async () => {
    fetchMock.mockResolvedValueOnce(json({ active: false, createdAt: null, lastUsedAt: null }));
    const wrapper = mountFeed(signIn('manager'));
    await flushPromises();
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/organisations/${ORG}/calendar-feed`);
    expect(wrapper.get('h2').text()).toBe('Agenda de l’organisation');
    expect(wrapper.text()).toContain('équipements d’Escaut Industrie');
    expect(wrapper.get('[data-test="feed-state"]').text()).toBe('Aucune adresse d’agenda n’est active.');

    fetchMock.mockResolvedValueOnce(json({ active: true, createdAt: '2026-03-01T09:00:00.000Z', lastUsedAt: null, url: URL_OF_FEED }, 201));
    await wrapper.get('[data-test="feed-create"]').trigger('click');
    await flushPromises();
    expect(fetchMock.mock.calls[1][1]?.method).toBe('POST');
    const input = wrapper.get<HTMLInputElement>('[data-test="feed-url"]');
    expect(input.element.value).toBe(URL_OF_FEED);
    expect(input.attributes('readonly')).toBeDefined();
    expect(document.getElementById(input.attributes('aria-describedby')!)?.textContent).toContain('elle ne sera plus affichée');
    expect(wrapper.get('[data-test="feed-state"]').text()).toContain('Adresse active depuis le');
  });
});

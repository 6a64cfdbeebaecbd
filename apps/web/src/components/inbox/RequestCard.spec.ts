import type { BookingView } from '@equipole/shared';
import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { applyLocale, i18n } from '@/i18n';
import { routes } from '@/router';
import RequestCard from './RequestCard.vue';

const booking: BookingView = {
  id: '11111111-1111-4111-8111-111111111111',
  resource: {
    id: '22222222-2222-4222-8222-222222222222',
    names: { fr: 'Tour CNC 2 axes', nl: 'CNC-draaibank 2 assen', en: '2-axis CNC lathe' },
    timeZone: 'Europe/Brussels',
    organisationId: 'o1',
    organisationName: 'Escaut Industrie',
  },
  organisation: { id: 'o2', name: 'Athénée technique des Collines' },
  bookedBy: { id: 'u1', name: 'Julien Lefebvre' },
  trainer: null,
  start: '2026-03-03T07:30:00.000Z',
  end: '2026-03-03T11:00:00.000Z',
  status: 'pending',
  purpose: 'course',
  occupation: { id: 'oc', code: 'cnc-operator', labels: { fr: 'Opérateur·rice CNC', nl: 'CNC-operator', en: 'CNC operator' } },
  expected: { pupils: 12, apprentices: 0, jobSeekers: 0, trainers: 1, employees: 0 },
  actual: null,
  actualStart: null,
  actualEnd: null,
  notes: 'Premier module',
  statusReason: null,
  seriesId: 'series-1',
  createdAt: '2026-02-20T10:00:00.000Z',
};

async function mountCard(props: Record<string, unknown>) {
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/');
  await router.isReady();
  return mount(RequestCard, { props: { booking, ...props }, global: { plugins: [i18n, router, [PrimeVue, { theme: 'none' }]] }, attachTo: document.body });
}

describe('RequestCard', () => {
  beforeEach(() => applyLocale('fr'));
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('says who asks for what, when in the site’s zone, for how many, and in which series', async () => {
    const wrapper = await mountCard({ seriesPending: 2 });
    const text = wrapper.text();
    expect(wrapper.get('h3').text()).toContain('Tour CNC 2 axes');
    expect(text).toContain('08:30–12:00');
    expect(text).toContain('Athénée technique des Collines');
    expect(text).toContain('Julien Lefebvre');
    expect(text).toContain('Cours');
    expect(text).toContain('Opérateur·rice CNC');
    expect(text).toContain('13 participants');
    expect(text).toContain('Europe/Brussels');
    expect(text).toContain('et 2 autres dates en attente');
    expect(text).toContain('Premier module');
    expect(wrapper.find('[data-testid="conflict"]').exists()).toBe(false);
  });

  it('highlights a conflict with the overlapping requests', async () => {
    const wrapper = await mountCard({ conflict: { overlapping: ['x'], reportedByApi: false }, conflictWith: ['09:00–10:00, Lycée du Beffroi'] });
    expect(wrapper.get('[data-testid="conflict"]').text()).toContain('09:00–10:00, Lycée du Beffroi');
    expect(wrapper.classes()).toContain('request-card--conflict');
  });

  it('emits the decisions, and offers a labelled checkbox only when selectable', async () => {
    const wrapper = await mountCard({ selectable: true });
    await wrapper.get('[data-testid="approve"]').trigger('click');
    await wrapper.get('[data-testid="decline"]').trigger('click');
    expect(Object.keys(wrapper.emitted())).toEqual(expect.arrayContaining(['approve', 'decline']));
    const checkbox = wrapper.get('input[type="checkbox"]');
    expect(wrapper.get(`label[for="${checkbox.attributes('id')}"]`).text()).toContain('Sélectionner la demande Tour CNC 2 axes');
    await checkbox.setValue(true);
    expect(wrapper.emitted('update:selected')?.[0]).toEqual([true]);

    const locked = await mountCard({ selectable: false, busy: true });
    expect(locked.find('input[type="checkbox"]').exists()).toBe(false);
    expect(locked.get('[data-testid="decline"]').attributes('disabled')).toBeDefined();
  });
});

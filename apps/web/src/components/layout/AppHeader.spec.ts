import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { applyLocale, i18n, LOCALE_STORAGE_KEY } from '@/i18n';
import { routes } from '@/router';
import AppHeader from './AppHeader.vue';

async function mountHeader() {
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/');
  await router.isReady();
  const wrapper = mount(AppHeader, {
    global: { plugins: [createPinia(), i18n, router, [PrimeVue, { theme: 'none' }]] },
    attachTo: document.body,
  });
  return { wrapper, router };
}

describe('AppHeader', () => {
  beforeEach(() => {
    localStorage.clear();
    applyLocale('fr');
  });

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('labels the navigation and lists every area in the current language', async () => {
    const { wrapper } = await mountHeader();

    expect(wrapper.get('nav').attributes('aria-label')).toBe('Navigation principale');
    expect(wrapper.findAll('#primary-nav a').map((link) => link.text())).toEqual([
      'Accueil',
      'Équipements',
      'Mes réservations',
      'Campagnes',
      'Espace partenaire',
      'Indicateurs',
      'Pôles de collaboration',
      'Organisations',
      'Se connecter', // shown in the menu on a phone only
    ]);
    expect(wrapper.get('.app-header__tools [data-nav="login"]').text()).toBe('Se connecter');
  });

  it('switches language with pressed buttons named in their own language', async () => {
    const { wrapper } = await mountHeader();
    const option = (code: string) => wrapper.get(`.language-switch [data-locale="${code}"]`);

    expect(option('fr').attributes('aria-pressed')).toBe('true');
    expect(option('nl').attributes('aria-pressed')).toBe('false');
    expect(option('nl').attributes('lang')).toBe('nl');
    expect(option('nl').text()).toBe('NL Nederlands');

    await option('nl').trigger('click');

    expect(option('nl').attributes('aria-pressed')).toBe('true');
    expect(option('fr').attributes('aria-pressed')).toBe('false');
    expect(document.documentElement.lang).toBe('nl');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl');
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Hoofdnavigatie');
    expect(wrapper.get('[data-nav="bookings"]').text()).toBe('Mijn reservaties');
  });

  it('opens and closes the phone menu, reflecting it in aria-expanded', async () => {
    const { wrapper, router } = await mountHeader();
    const toggle = wrapper.get('button[aria-controls="primary-nav"]');

    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('#primary-nav').classes()).toContain('main-nav__list--open');

    await wrapper.get('#primary-nav a').trigger('keydown', { key: 'Escape' });
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle.element);

    await toggle.trigger('click');
    await router.push('/bookings');
    await wrapper.vm.$nextTick();
    expect(toggle.attributes('aria-expanded')).toBe('false');
  });

  it('marks the current area, including on an equipment page', async () => {
    const { wrapper, router } = await mountHeader();

    await router.push('/equipment/abc');
    await wrapper.vm.$nextTick();

    expect(wrapper.get('[data-nav="equipment"]').classes()).toContain('router-link-active');
    expect(wrapper.get('[data-nav="home"]').classes()).not.toContain('router-link-active');
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import ReportBlock from './ReportBlock.vue';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('ReportBlock', () => {
  beforeEach(() => applyLocale('fr'));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows what the API says about each field it refused', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(400, {
      statusCode: 400, code: 'VALIDATION_FAILED', message: 'Certaines données sont invalides.', requestId: 'r',
      details: [{ field: 'to', constraint: 'periodTooLate', message: 'Les rapports s’arrêtent le 2028-12-04 au plus tard (aujourd’hui plus l’horizon de réservation le plus long).' }],
    })));
    const wrapper = mount(ReportBlock, {
      props: { block: 'summary', title: 'Indicateurs', filters: { from: '2028-12-01', to: '2028-12-31' }, isEmpty: () => false },
      global: { plugins: [i18n, [PrimeVue, { theme: 'none' }]] },
    });
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain(
      'Certaines données sont invalides. Les rapports s’arrêtent le 2028-12-04 au plus tard (aujourd’hui plus l’horizon de réservation le plus long).',
    );
  });
});

import { lastReportDay, REPORT_FIRST_DAY } from '@equipole/shared';
import { mount } from '@vue/test-utils';
import { DateTime } from 'luxon';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLocale, i18n } from '@/i18n';
import ReportFiltersBar from './ReportFiltersBar.vue';
import { filtersFromQuery } from './reportFilters';

function mountBar() {
  return mount(ReportFiltersBar, {
    props: { filters: filtersFromQuery({ period: 'custom', from: '2025-03-24', to: '2025-03-30' }), options: {} },
    global: { plugins: [i18n, [PrimeVue, { theme: 'none' }]] },
    attachTo: document.body,
  });
}

describe('ReportFiltersBar', () => {
  beforeEach(() => applyLocale('fr'));
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('offers only the days the API reports on', () => {
    const wrapper = mountBar();
    const last = lastReportDay(DateTime.now().toUTC().toISODate()!);
    for (const id of ['#report-from', '#report-to']) {
      expect([wrapper.find(id).attributes('min'), wrapper.find(id).attributes('max')]).toEqual([REPORT_FIRST_DAY, last]);
    }
  });

  it('explains a period before the first report day instead of asking the API', async () => {
    const wrapper = mountBar();
    await wrapper.find('#report-from').setValue('2019-12-31');
    await wrapper.find('.report-filters__apply button').trigger('click');
    expect(wrapper.text()).toContain('Les rapports commencent le 1 janv. 2020 au plus tôt.');
    expect(wrapper.emitted('change')).toBeUndefined();
  });

  it('explains a period beyond today plus the longest booking horizon', async () => {
    const wrapper = mountBar();
    const beyond = DateTime.fromISO(lastReportDay(DateTime.now().toUTC().toISODate()!)).plus({ days: 1 }).toISODate()!;
    await wrapper.find('#report-from').setValue(DateTime.fromISO(beyond).minus({ days: 7 }).toISODate()!);
    await wrapper.find('#report-to').setValue(beyond);
    await wrapper.find('.report-filters__apply button').trigger('click');
    expect(wrapper.text()).toMatch(/Les rapports s’arrêtent le .+ au plus tard \(aujourd’hui plus l’horizon de réservation le plus long\)\./);
    expect(wrapper.emitted('change')).toBeUndefined();
  });

  it('applies a period inside the bounds', async () => {
    const wrapper = mountBar();
    await wrapper.find('#report-from').setValue('2020-01-01');
    await wrapper.find('#report-to').setValue('2020-12-31');
    await wrapper.find('.report-filters__apply button').trigger('click');
    expect(wrapper.emitted('change')).toEqual([[{ preset: 'custom', from: '2020-01-01', to: '2020-12-31' }]]);
  });
});

import type { Locale } from '@equipole/shared';
import { Info } from 'luxon';
import { usePrimeVue } from 'primevue/config';
import { watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { INTL_LOCALE } from '@/utils/format';

/** PrimeVue's own texts that its components show or announce (paginator, dialogs, selects). */
const ARIA_KEYS = [
  'close', 'previous', 'next', 'navigation', 'scrollTop', 'selectAll', 'unselectAll', 'firstPageLabel', 'lastPageLabel', 'nextPageLabel',
  'prevPageLabel', 'rowsPerPageLabel', 'listLabel',
] as const;

/**
 * Gives PrimeVue the interface language: its screen-reader labels ("First Page", "Close") come from
 * the app's catalogues (`primevue.*`), its day and month names from Intl, Monday first; they follow
 * every change of language.
 */
export function usePrimeVueLocale(): void {
  const primevue = usePrimeVue();
  const { t, locale } = useI18n();
  watch(
    locale,
    (current) => {
      const intl = INTL_LOCALE[current as Locale];
      const sundayFirst = <T>(days: T[]) => [days[6], ...days.slice(0, 6)];
      const base = primevue.config.locale!;
      primevue.config.locale = {
        ...base,
        firstDayOfWeek: 1,
        dayNames: sundayFirst(Info.weekdays('long', { locale: intl })),
        dayNamesShort: sundayFirst(Info.weekdays('short', { locale: intl })),
        dayNamesMin: sundayFirst(Info.weekdays('narrow', { locale: intl })),
        monthNames: Info.months('long', { locale: intl }),
        monthNamesShort: Info.months('short', { locale: intl }),
        clear: t('primevue.clear'),
        choose: t('primevue.choose'),
        emptyMessage: t('primevue.emptyMessage'),
        emptyFilterMessage: t('primevue.emptyFilterMessage'),
        emptySearchMessage: t('primevue.emptySearchMessage'),
        aria: {
          ...base.aria,
          ...Object.fromEntries(ARIA_KEYS.map((key) => [key, t(`primevue.${key}`)])),
          // PrimeVue fills {page} itself.
          pageLabel: t('primevue.pageLabel', { page: '{page}' }),
        },
      };
    },
    { immediate: true },
  );
}

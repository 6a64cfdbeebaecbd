import type { BookingView, Locale } from '@equipole/shared';
import { DateTime } from 'luxon';
import { useToast } from 'primevue/usetoast';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { now as businessNow } from '@/services/clock';
import { ApiError } from '@/services/http';
import { downloadText } from '@/utils/download';
import { bookingsCsv } from './bookingsCsv';

/**
 * The CSV export of a booking list: fetches what the filters select (up to the caller's limit),
 * downloads it, and says how many rows it holds, or that the list was cut, or what went wrong.
 */
export function useBookingsExport(fetchAll: () => Promise<{ items: BookingView[]; total: number }>) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const exporting = ref(false);

  async function exportCsv(): Promise<void> {
    if (exporting.value) return;
    exporting.value = true;
    try {
      const { items, total } = await fetchAll();
      const day = DateTime.fromMillis(businessNow()).toFormat('yyyy-MM-dd');
      downloadText(bookingsCsv(items, t, locale.value as Locale), `equipole-${t('inbox.csv.fileName')}-${day}.csv`, 'text/csv;charset=utf-8');
      toast.add({
        severity: total > items.length ? 'warn' : 'success',
        summary: total > items.length ? t('inbox.all.exportTruncated', { count: items.length, total }) : t('inbox.all.exported', { count: items.length }, items.length),
        life: 6000,
      });
    } catch (error) {
      toast.add({ severity: 'error', summary: error instanceof ApiError && !error.isNetworkError ? error.message : t('common.errors.network'), life: 8000 });
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, exportCsv };
}

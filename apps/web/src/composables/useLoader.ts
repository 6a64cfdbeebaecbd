import { onScopeDispose, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/services/http';

/**
 * Data a page loads from the API, with `loading` and a translated `error`; reloads when a
 * `source` changes (route parameter, filters) and aborts the request it replaces, so a slow
 * old answer never overwrites a newer one.
 *
 *   const { data, loading, error, reload } = useLoader((signal) => api.get(id.value, signal), () => id.value);
 */
export function useLoader<T>(fetcher: (signal: AbortSignal) => Promise<T>, source?: WatchSource | WatchSource[]) {
  const { t } = useI18n();
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(true);
  const error = ref<string | null>(null);
  const status = ref<number | null>(null);
  /** The API's message for each field it refused (validation `details`), e.g. a report period out of bounds. */
  const fieldErrors = ref<string[]>([]);
  let controller: AbortController | null = null;

  async function reload(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    error.value = null;
    status.value = null;
    fieldErrors.value = [];
    try {
      const result = await fetcher(current.signal);
      if (controller !== current) return;
      data.value = result;
    } catch (caught) {
      if (controller !== current || (caught instanceof DOMException && caught.name === 'AbortError')) return;
      status.value = caught instanceof ApiError ? caught.status : null;
      fieldErrors.value = caught instanceof ApiError && Array.isArray(caught.details) ? caught.details.map((detail) => detail.message) : [];
      error.value =
        caught instanceof ApiError ? (caught.isNetworkError ? t('common.errors.network') : caught.message) : t('common.errors.unexpected');
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  if (source) watch(source, () => void reload(), { deep: true });
  void reload();
  onScopeDispose(() => controller?.abort());

  return { data, loading, error, status, fieldErrors, reload };
}

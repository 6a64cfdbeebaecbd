import { defineStore } from 'pinia';
import { readonly, ref } from 'vue';
import { fetchHealth, type HealthReport } from '@/services/health';

export type ServiceState = 'idle' | 'loading' | 'ok' | 'error';

/** Whether the API and its database answer, as shown on the home page. */
export const useServiceStatusStore = defineStore('serviceStatus', () => {
  const state = ref<ServiceState>('idle');
  const report = ref<HealthReport | null>(null);
  let inFlight: Promise<void> | null = null;

  function check(): Promise<void> {
    // Two components asking at once share one request.
    inFlight ??= (async () => {
      state.value = 'loading';
      try {
        report.value = await fetchHealth();
        state.value = report.value.status === 'ok' ? 'ok' : 'error';
      } catch {
        report.value = null;
        state.value = 'error';
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return { state: readonly(state), report: readonly(report), check };
});

import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@/services/http';

/**
 * The state of a form that submits to the API: `submitting` while the request runs,
 * `fieldErrors` (field → translated message, from the API's validation details) and
 * `formError` (the API's translated message for anything not tied to one field).
 *
 *   const form = useApiForm();
 *   await form.submit(() => sessionApi.login(email.value, password.value));
 *   <FormField id="email" :error="form.fieldErrors.email">…
 */
export function useApiForm() {
  const { t } = useI18n();
  const submitting = ref(false);
  const fieldErrors = reactive<Record<string, string | undefined>>({});
  const formError = ref<string | null>(null);
  const lastError = ref<ApiError | null>(null);

  function reset(): void {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key];
    formError.value = null;
    lastError.value = null;
  }

  /** Shows an error from the API (or anything else) the way `submit` does. */
  function showError(error: unknown): void {
    reset();
    if (!(error instanceof ApiError)) {
      formError.value = t('common.errors.unexpected');
      return;
    }
    lastError.value = error;
    if (error.isNetworkError) {
      formError.value = t('common.errors.network');
      return;
    }
    const perField = Array.isArray(error.details) ? error.details.filter((detail) => detail.field) : [];
    for (const detail of perField) {
      // Nested fields ("rules.openingHours.0.start") also light up their top-level input.
      fieldErrors[detail.field] ??= detail.message;
      const top = detail.field.split('.')[0];
      fieldErrors[top] ??= detail.message;
    }
    formError.value = perField.length > 0 ? t('common.errors.checkFields') : error.message;
  }

  /** Runs `action`; resolves with its result, or `undefined` when it failed (errors are then shown). */
  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (submitting.value) return undefined;
    reset();
    submitting.value = true;
    try {
      return await action();
    } catch (error) {
      showError(error);
      return undefined;
    } finally {
      submitting.value = false;
    }
  }

  const hasErrors = computed(() => formError.value !== null || Object.values(fieldErrors).some(Boolean));

  return { submitting, fieldErrors, formError, lastError, hasErrors, submit, showError, reset };
}

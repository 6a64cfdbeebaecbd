import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** Keeps `document.title` on the current page's name, in the current language. */
export function useDocumentTitle(): void {
  const route = useRoute();
  const { t } = useI18n();
  watchEffect(() => {
    const key = route.meta.titleKey;
    document.title = key ? t('app.documentTitle', { page: t(key) }) : t('app.name');
  });
}

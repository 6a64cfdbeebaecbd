import { LOCALES, type Locale } from '@equipole/shared';
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { i18n, setLocale } from '@/i18n';
import { useSessionStore } from './session';

/** The interface language, for components: reading it and the user's choice to change it. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = computed<Locale>(() => i18n.global.locale.value);

  function change(next: Locale): void {
    if (next === locale.value) return;
    setLocale(next);
    // A signed-in user's emails follow the same choice.
    void useSessionStore().rememberLocale(next);
  }

  return { locale, locales: LOCALES, change };
});

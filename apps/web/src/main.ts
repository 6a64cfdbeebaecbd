import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ToastService from 'primevue/toastservice';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { applyLocale, detectInitialLocale, i18n } from './i18n';
// Business time first: luxon's DateTime.now() follows the API's clock from here on.
import './services/clock';
import { router } from './router';
import { EquipolePreset } from './theme/preset';
import 'primeicons/primeicons.css';
import './styles/main.css';

applyLocale(detectInitialLocale());

/**
 * The nonce of this page's Content-Security-Policy (the API writes a fresh one into index.html each
 * time): PrimeVue puts it on the <style> elements it adds, which the policy allows only with it.
 */
const cspNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

createApp(App)
  .use(createPinia())
  .use(i18n)
  .use(router)
  .use(PrimeVue, {
    ripple: false,
    csp: { nonce: cspNonce },
    theme: {
      preset: EquipolePreset,
      options: {
        // Dark mode is not designed yet: never follow the system setting.
        darkModeSelector: '.equipole-dark',
        // Unlayered app styles win over PrimeVue's without !important.
        cssLayer: { name: 'primevue', order: 'equipole-base, primevue' },
      },
    },
  })
  .use(ToastService)
  .use(ConfirmationService)
  .mount('#app');

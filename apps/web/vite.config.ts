import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Aliases shared with vitest.config.ts: the shared library is compiled from its TypeScript source. */
export const alias = {
  '@equipole/shared': fromHere('../../libs/shared/src/index.ts'),
  '@': fromHere('./src'),
};

/** Compile-time flags of Vue and vue-i18n: drop what the app never uses from the bundle. */
export const define = {
  __VUE_OPTIONS_API__: 'true', // PrimeVue components are written with the Options API
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'false',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
};

export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  define,
  // The API serves index.html with a fresh CSP nonce in place of this placeholder (CSP_NONCE_PLACEHOLDER
  // in apps/api/src/common/content-security.ts); Vite also writes it into <meta property="csp-nonce">.
  html: { cspNonce: '__EQUIPOLE_CSP_NONCE__' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: fromHere('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { alias, define } from './vite.config';

export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  define,
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});

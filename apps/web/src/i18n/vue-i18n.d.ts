import type { MessageSchema } from './index';

// Lets vue-tsc check every `t('…')` key against the French catalogue.
declare module 'vue-i18n' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

import { DEFAULT_LOCALE, isLocale, LOCALES, negotiateLocale, type Locale } from '@equipole/shared';
import { createI18n } from 'vue-i18n';
import { elideFrench } from './elision';
import { messages, type MessageSchema } from './messages';

/** French is the reference catalogue: the other languages must have exactly its keys (i18n.spec.ts). */
export { messages, type MessageSchema };

/** Every dotted key of the catalogue, e.g. `pages.equipment.title`. */
export type MessageKey = LeafPaths<MessageSchema>;
type LeafPaths<T> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? `${K}.${LeafPaths<T[K]>}` : K;
}[keyof T & string];

export const LOCALE_STORAGE_KEY = 'equipole.locale';

export function createAppI18n(locale: Locale = DEFAULT_LOCALE) {
  const current = { locale: (): string => locale };
  const instance = createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    // Missing keys are caught by i18n.spec.ts; no console noise in the browser.
    missingWarn: false,
    fallbackWarn: false,
    // « la demande de Athénée… » reads « la demande d’Athénée… ».
    postTranslation: <T,>(text: T): T => (typeof text === 'string' && current.locale() === 'fr' ? (elideFrench(text) as T) : text),
  });
  current.locale = () => instance.global.locale.value;
  return instance;
}

export const i18n = createAppI18n();

/**
 * The language to start in: the user's last choice, otherwise the best match
 * among the browser's languages, otherwise French.
 */
export function detectInitialLocale(
  storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage(),
  browserLanguages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  const stored = readStored(storage);
  if (stored) return stored;
  return negotiateLocale(browserLanguages.join(','));
}

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Switches the interface language without remembering it (start-up, tests). */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}

/** The user's explicit choice: switch, and remember it for the next visit. */
export function setLocale(locale: Locale): void {
  if (!isLocale(locale)) throw new RangeError(`Unsupported locale "${String(locale)}"; expected one of ${LOCALES.join(', ')}`);
  applyLocale(locale);
  try {
    safeLocalStorage()?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage full or disabled (private browsing): the choice lasts for this visit only.
  }
}

function readStored(storage: Pick<Storage, 'getItem'> | undefined): Locale | undefined {
  try {
    const value = storage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Accessing localStorage throws when the browser blocks site data.
    return undefined;
  }
}

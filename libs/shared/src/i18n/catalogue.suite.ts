import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../i18n';

/**
 * The translation tests, written once: the web app's catalogues (`apps/web/src/i18n/i18n.spec.ts`)
 * and the server's (`i18n/server/catalogue.spec.ts`) pass the same checks. Test code only: the
 * build leaves this file out.
 */
export type MessageCatalogue = { [key: string]: string | MessageCatalogue };
type Render = (key: string, params: Record<string, string | number>, count: number) => string;

export interface CataloguesUnderTest {
  /** Where the catalogues live, for the failure messages (e.g. `apps/web/src/i18n`). */
  where: string;
  messages: Record<Locale, MessageCatalogue>;
  /** Renders a key in a language the way the application does; `count` picks the plural form. */
  renderer: (locale: Locale) => Render;
}

/** Every leaf of a catalogue as `dotted.key → text`. */
export function flattenCatalogue(catalogue: MessageCatalogue, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nested, text] of flattenCatalogue(value, path)) entries.set(nested, text);
    } else {
      entries.set(path, value);
    }
  }
  return entries;
}

/** The `{name}` placeholders of a text, sorted (a name used twice counts twice). */
const placeholdersOf = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
/** Written with vue-i18n's plural forms (`one | other`). */
const isPlural = (text: unknown) => typeof text === 'string' && /\s\|\s/.test(text);
/** "date(s)", "réservation(s)", "seconde(n)", "datum/data", "minuut/minuten": a count written without plural forms. */
const isPseudoPlural = (text: unknown) => /\w\((s|es|en|e|n)\)|\b\w+\/\w+\(?s?\)?\s+\w+\(s\)|datum\/data|minuut\/minuten|date\(s\)/i.test(String(text));

export function describeCatalogues({ where, messages, renderer }: CataloguesUnderTest): void {
  const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, flattenCatalogue(messages[locale])])) as Record<Locale, Map<string, unknown>>;
  const allKeys = [...new Set(LOCALES.flatMap((locale) => [...catalogues[locale].keys()]))].sort();
  /** Every placeholder of the key's text in `locale`, set to `value`. */
  const paramsOf = (locale: Locale, key: string, value: string | number) => Object.fromEntries(placeholdersOf(catalogues[locale].get(key)).map((name) => [name, value]));

  describe(`translation catalogues (${where})`, () => {
    it('have one catalogue per supported locale', () => {
      expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
    });

    it.each(LOCALES)('%s has every key that another language has', (locale) => {
      const missing = allKeys.filter((key) => !catalogues[locale].has(key));
      expect(missing, `keys missing in ${where}/${locale}.json`).toEqual([]);
    });

    it.each(LOCALES)('%s has no empty or non-text message', (locale) => {
      const empty = [...catalogues[locale]].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
      expect(empty, `empty messages in ${where}/${locale}.json`).toEqual([]);
    });

    it.each(LOCALES)('%s uses the same placeholders as French', (locale) => {
      const different = allKeys.filter((key) => JSON.stringify(placeholdersOf(catalogues[locale].get(key))) !== JSON.stringify(placeholdersOf(catalogues.fr.get(key))));
      expect(different, `placeholders differing from fr.json in ${where}/${locale}.json`).toEqual([]);
    });

    it.each(LOCALES)('%s messages all compile and render their placeholders', (locale) => {
      const render = renderer(locale);
      const broken = allKeys.filter((key) => {
        const text = render(key, paramsOf(locale, key, 'X'), 2);
        return text === key || /[{}]/.test(text);
      });
      expect(broken).toEqual([]);
    });
  });

  describe(`plurals (${where})`, () => {
    it.each(LOCALES)('%s writes counts with plural forms, never "(s)", "(en)" or "datum/data"', (locale) => {
      const pseudo = [...catalogues[locale]].filter(([, text]) => isPseudoPlural(text)).map(([key]) => key);
      expect(pseudo, `pseudo-plurals in ${where}/${locale}.json`).toEqual([]);
    });

    it('has plural forms in every language where French has them', () => {
      const french = allKeys.filter((key) => isPlural(catalogues.fr.get(key)));
      expect(french.length).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        const missing = french.filter((key) => !isPlural(catalogues[locale].get(key)));
        expect(missing, `plural forms missing in ${where}/${locale}.json`).toEqual([]);
      }
    });

    it.each(LOCALES)('%s renders one and many differently, with the count', (locale) => {
      const render = renderer(locale);
      const wrong = allKeys
        .filter((key) => isPlural(catalogues[locale].get(key)))
        .filter((key) => {
          const one = render(key, { n: 1, count: 1, ...paramsOf(locale, key, 1) }, 1);
          const many = render(key, { n: 7, count: 7, ...paramsOf(locale, key, 7) }, 7);
          const mentionsCount = placeholdersOf(catalogues[locale].get(key)).length > 0;
          return one === many || /[{}|]/.test(one + many) || (mentionsCount && !many.includes('7'));
        });
      expect(wrong).toEqual([]);
    });
  });
}

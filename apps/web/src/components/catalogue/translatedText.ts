import { LOCALES, type Locale, type TranslatedOptional } from '@equipole/shared';

/**
 * The text in the wanted language, else French, else any language that has one (as `pickTranslation`),
 * with the language it is actually in, so that the page can mark it (`lang`) and say so.
 */
export function pickWithLanguage(texts: TranslatedOptional | null | undefined, locale: Locale): { text: string; lang: Locale } | null {
  if (!texts) return null;
  for (const candidate of [locale, 'fr', ...LOCALES] as Locale[]) {
    const text = texts[candidate];
    if (text) return { text, lang: candidate };
  }
  return null;
}

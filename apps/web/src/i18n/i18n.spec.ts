import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOCALES } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { describeCatalogues, flattenCatalogue, type MessageCatalogue } from '../../../../libs/shared/src/i18n/catalogue.suite';
import { createAppI18n, messages } from './index';

const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, flattenCatalogue(messages[locale] as MessageCatalogue)]));

describeCatalogues({
  where: 'apps/web/src/i18n',
  messages: messages as Record<keyof typeof messages, MessageCatalogue>,
  renderer: (locale) => {
    const i18n = createAppI18n(locale);
    return (key, params, count) => i18n.global.t(key, params, count);
  },
});

describe('glossary (docs/glossary.md)', () => {
  /** The "Terms" table: per language, the words the interface does not use. */
  function avoidedWords(): Record<string, string[]> {
    const markdown = readFileSync(resolve(import.meta.dirname, '../../../../docs/glossary.md'), 'utf8');
    const rows = markdown.split('\n').filter((line) => line.startsWith('|')).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const [header, , ...terms] = rows;
    const avoided: Record<string, string[]> = {};
    for (const locale of LOCALES) {
      const column = header.indexOf(`Avoid ${locale.toUpperCase()}`);
      expect(column, `docs/glossary.md has an "Avoid ${locale.toUpperCase()}" column`).toBeGreaterThan(0);
      avoided[locale] = terms.flatMap((row) => row[column].split(',').map((word) => word.trim()).filter(Boolean));
    }
    return avoided;
  }

  const avoided = avoidedWords();

  it('lists words to avoid in each language', () => {
    for (const locale of LOCALES) expect(avoided[locale].length).toBeGreaterThan(0);
  });

  it.each(LOCALES)('%s messages use the glossary’s terms', (locale) => {
    const offending: string[] = [];
    for (const [key, text] of catalogues[locale]) {
      // Placeholders ("{cluster}") are names of values, not words a reader sees.
      const words = String(text).replace(/\{\w+\}/g, '');
      for (const word of avoided[locale]) {
        if (new RegExp(`(^|[^\\p{L}])${word}`, 'iu').test(words)) offending.push(`${key}: “${word}” in “${text}”`);
      }
    }
    expect(offending).toEqual([]);
  });
});

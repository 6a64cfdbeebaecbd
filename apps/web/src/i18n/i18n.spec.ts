import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOCALES } from '@equipole/shared';
import { describe, expect, it } from 'vitest';
import { createAppI18n, messages } from './index';

type Catalogue = { [key: string]: string | Catalogue };

/** Every leaf of a catalogue as `dotted.key → text`. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
    } else {
      entries.set(path, value);
    }
  }
  return entries;
}

const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(messages[locale] as Catalogue)]));
const allKeys = [...new Set(LOCALES.flatMap((locale) => [...catalogues[locale].keys()]))].sort();

describe('translation catalogues', () => {
  it('have one catalogue per supported locale', () => {
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s has every key that another language has', (locale) => {
    const missing = allKeys.filter((key) => !catalogues[locale].has(key));
    expect(missing, `keys missing in ${locale}.json`).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty or non-text message', (locale) => {
    const empty = [...catalogues[locale]].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
    expect(empty, `empty messages in ${locale}.json`).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same placeholders as French', (locale) => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const different = allKeys.filter(
      (key) => JSON.stringify(placeholders(catalogues[locale].get(key))) !== JSON.stringify(placeholders(catalogues.fr.get(key))),
    );
    expect(different, `placeholders differing from fr.json in ${locale}.json`).toEqual([]);
  });
});

describe('messages', () => {
  const params = { page: 'PAGE', version: '0.1.0', database: 'DB' };

  it.each(LOCALES)('%s messages all compile and render their placeholders', (locale) => {
    const i18n = createAppI18n(locale);
    const broken = allKeys.filter((key) => {
      const text = i18n.global.t(key, params);
      return text === key || /[{}]/.test(text);
    });
    expect(broken).toEqual([]);
  });
});

describe('plurals', () => {
  const isPlural = (text: unknown) => typeof text === 'string' && /\s\|\s/.test(text);

  it.each(LOCALES)('%s writes counts with plural forms, never "(s)", "(en)" or "datum/data"', (locale) => {
    const pseudo = [...catalogues[locale]].filter(([, text]) => /\w\((s|es|en|e)\)|\b\w+\/\w+\(?s?\)?\s+\w+\(s\)|datum\/data|date\(s\)/i.test(String(text))).map(([key]) => key);
    expect(pseudo, `pseudo-plurals in ${locale}`).toEqual([]);
  });

  it('has plural forms in every language where French has them', () => {
    const french = allKeys.filter((key) => isPlural(catalogues.fr.get(key)));
    expect(french.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const missing = french.filter((key) => !isPlural(catalogues[locale].get(key)));
      expect(missing, `plural forms missing in ${locale}`).toEqual([]);
    }
  });

  it.each(LOCALES)('%s renders one and many differently, with the count', (locale) => {
    const i18n = createAppI18n(locale);
    const wrong = allKeys
      .filter((key) => isPlural(catalogues[locale].get(key)))
      .filter((key) => {
        const one = i18n.global.t(key, { n: 1, count: 1 }, 1);
        const many = i18n.global.t(key, { n: 7, count: 7 }, 7);
        const mentionsCount = /\{(n|count)\}/.test(String(catalogues[locale].get(key)));
        return one === many || /[{}|]/.test(one + many) || (mentionsCount && !many.includes('7'));
      });
    expect(wrong).toEqual([]);
  });
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

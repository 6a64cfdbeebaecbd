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

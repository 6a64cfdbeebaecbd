import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyLocale, currentLocale, detectInitialLocale, LOCALE_STORAGE_KEY, setLocale } from '@/i18n';
import { useLocaleStore } from './locale';

function storageWith(value: string | null): Pick<Storage, 'getItem'> {
  return { getItem: () => value };
}

describe('interface language', () => {
  beforeEach(() => {
    localStorage.clear();
    applyLocale('fr');
    setActivePinia(createPinia());
  });

  describe('setLocale', () => {
    it('switches the messages, <html lang> and remembers the choice', () => {
      setLocale('nl');

      expect(currentLocale()).toBe('nl');
      expect(document.documentElement.lang).toBe('nl');
      expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl');
    });

    it('rejects a language the product does not speak', () => {
      expect(() => setLocale('de' as never)).toThrow(RangeError);
      expect(currentLocale()).toBe('fr');
      expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
    });

    it('still switches when the browser refuses to store anything', () => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = () => {
        throw new DOMException('quota', 'QuotaExceededError');
      };
      try {
        setLocale('en');
      } finally {
        Storage.prototype.setItem = original;
      }
      expect(currentLocale()).toBe('en');
      expect(document.documentElement.lang).toBe('en');
    });
  });

  describe('applyLocale', () => {
    it('switches without remembering, for the start-up language', () => {
      applyLocale('en');

      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
    });
  });

  describe('detectInitialLocale', () => {
    it('prefers the remembered choice over the browser languages', () => {
      expect(detectInitialLocale(storageWith('en'), ['nl-BE', 'nl'])).toBe('en');
    });

    it('follows the browser when nothing is remembered', () => {
      expect(detectInitialLocale(storageWith(null), ['nl-BE', 'fr-BE'])).toBe('nl');
    });

    it('ignores a remembered value that is not a supported language', () => {
      expect(detectInitialLocale(storageWith('de'), ['en-GB'])).toBe('en');
    });

    it('falls back to French when no language matches', () => {
      expect(detectInitialLocale(storageWith(null), ['de-DE', 'es'])).toBe('fr');
      expect(detectInitialLocale(storageWith(null), [])).toBe('fr');
    });

    it('reads the choice saved by setLocale', () => {
      setLocale('nl');
      expect(detectInitialLocale(undefined, ['en'])).toBe('nl');
    });
  });

  describe('locale store', () => {
    it('exposes the current language and the supported ones', () => {
      const store = useLocaleStore();

      expect(store.locale).toBe('fr');
      expect(store.locales).toEqual(['fr', 'nl', 'en']);
    });

    it('changes and remembers the language', () => {
      const store = useLocaleStore();
      store.change('en');

      expect(store.locale).toBe('en');
      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { pickWithLanguage } from './translatedText';

describe('pickWithLanguage', () => {
  it('prefers the interface language, then French, then any language, and says which one it took', () => {
    expect(pickWithLanguage({ fr: 'Tour', nl: 'Draaibank', en: 'Lathe' }, 'nl')).toEqual({ text: 'Draaibank', lang: 'nl' });
    expect(pickWithLanguage({ fr: 'Tour', nl: null, en: 'Lathe' }, 'nl')).toEqual({ text: 'Tour', lang: 'fr' });
    expect(pickWithLanguage({ fr: null, nl: null, en: 'Lathe' }, 'nl')).toEqual({ text: 'Lathe', lang: 'en' });
    expect(pickWithLanguage({ fr: null, nl: null, en: null }, 'fr')).toBeNull();
    expect(pickWithLanguage(null, 'fr')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { storyPhotoAlt } from './cluster-life';

describe('storyPhotoAlt', () => {
  const story = { title: 'Un atelier partagé', photoAlt: null, photoAlts: { fr: null, nl: null, en: null } };

  it('takes the uploaded photo’s text in the reader’s language', () => {
    expect(storyPhotoAlt({ ...story, photoAlts: { fr: 'Deux élèves soudent', nl: 'Twee leerlingen lassen', en: null } }, 'nl')).toEqual({ text: 'Twee leerlingen lassen', lang: 'nl' });
  });

  it('falls back to another language, saying which', () => {
    expect(storyPhotoAlt({ ...story, photoAlts: { fr: 'Deux élèves soudent', nl: null, en: null } }, 'en')).toEqual({ text: 'Deux élèves soudent', lang: 'fr' });
    expect(storyPhotoAlt({ ...story, photoAlts: { fr: '  ', nl: null, en: 'Two pupils welding' } }, 'fr')).toEqual({ text: 'Two pupils welding', lang: 'en' });
  });

  it('then to an older photo’s single text, then to the story’s title', () => {
    expect(storyPhotoAlt({ ...story, photoAlt: 'La machine' }, 'fr')).toEqual({ text: 'La machine', lang: null });
    expect(storyPhotoAlt(story, 'fr')).toEqual({ text: 'Un atelier partagé', lang: null });
  });
});

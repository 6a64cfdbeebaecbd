import { describe, expect, it } from 'vitest';
import { elideFrench } from './elision';
import { messages } from './messages';

describe('elideFrench', () => {
  it('elides « de » before a name that starts with a vowel, and only there', () => {
    expect(elideFrench('Refuser la demande de Athénée des Collines pour Tour CNC ?')).toBe('Refuser la demande d’Athénée des Collines pour Tour CNC ?');
    expect(elideFrench('Compte de Yves')).toBe('Compte d’Yves');
    expect(elideFrench('De Escaut Industrie')).toBe('D’Escaut Industrie');
    expect(elideFrench('Membres de Campus Nord')).toBe('Membres de Campus Nord');
    expect(elideFrench('Détenteurs de Habilitation')).toBe('Détenteurs de Habilitation');
    expect(elideFrench('en hausse de 12 %')).toBe('en hausse de 12 %');
    expect(elideFrench('la commande est possède une')).toBe('la commande est possède une');
  });

  it('leaves every French text of the catalogues as written (they elide themselves)', () => {
    const texts: string[] = [];
    const walk = (node: unknown) => (typeof node === 'string' ? texts.push(node) : Object.values(node as object).forEach(walk));
    walk(messages.fr);
    expect(texts.filter((text) => elideFrench(text) !== text)).toEqual([]);
  });
});

/**
 * French elides « de » before a vowel: « la demande d’Athénée… », « Compte d’Yves ». The catalogues
 * write it themselves; only a name put into « de {name} » can start with a vowel, so this runs on
 * the finished French text (no static text of the catalogues matches, which elision.spec.ts checks).
 * A mute h is left alone: « de Hainaut » must not become « d’Hainaut ».
 */
const DE_BEFORE_VOWEL = /(?<![\p{L}\p{N}’'])([Dd])e (?=[AEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜaeiouyàâäéèêëîïôöûü])/gu;

export function elideFrench(text: string): string {
  return text.replace(DE_BEFORE_VOWEL, '$1’');
}

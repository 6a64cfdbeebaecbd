import type { Locale } from '../../i18n';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';

/**
 * The server's texts — error messages, emails, CSV headers, attestations — one catalogue per
 * language (`fr.json`, `nl.json`, `en.json` beside this file), written as vue-i18n writes the
 * web's: `{name}` placeholders, plural forms as `one | other` (or `zero | one | other`).
 * French is the reference: the other languages must have exactly its keys, which the type
 * below enforces at compile time and `catalogue.spec.ts` checks with the web's test.
 */
export type ServerMessages = typeof fr;
export const SERVER_MESSAGES: Record<Locale, ServerMessages> = { fr, nl, en };

/** Every dotted key of the catalogue, e.g. `email.invitation.subject`. */
export type ServerMessageKey = LeafPaths<ServerMessages>;
type LeafPaths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafPaths<T[K]>}` }[keyof T & string];

export type MessageParams = Record<string, string | number>;

/** French elides « de » before these values when they start with a vowel: « la réservation d’Atelier bois ». */
const ELIDED_AFTER_DE = new Set(['resource']);
const FRENCH_VOWEL = /^[aeiouyàâäéèêëîïôöûü]/i;

/** The raw text of `key` in `locale`, or undefined where the catalogue has none (a code from elsewhere). */
export function serverMessage(locale: Locale, key: string): string | undefined {
  let node: unknown = SERVER_MESSAGES[locale];
  for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * The text of `key` in `locale`, its `{name}` placeholders filled from `params` (a placeholder
 * without a value stays as written). A text with plural forms picks one by `count`, else by the
 * `count` param, else by its first placeholder's value, with vue-i18n's rule: `one | other` gives
 * the first form for 1 only; `zero | one | other` the first for 0, the second for 1.
 */
export function translate(locale: Locale, key: ServerMessageKey, params: MessageParams = {}, count?: number): string {
  return formatMessage(locale, serverMessage(locale, key) ?? key, params, count);
}

/** Fills one catalogue text: plural form, then French elision, then placeholders. */
export function formatMessage(locale: Locale, text: string, params: MessageParams = {}, count?: number): string {
  const forms = text.split(' | ');
  let template = forms[0];
  if (forms.length > 1) {
    const first = /\{(\w+)\}/.exec(forms[0])?.[1];
    const n = Math.abs(Number(count ?? params.count ?? (first === undefined ? undefined : params[first])));
    template = forms[pluralIndex(Number.isNaN(n) ? 0 : n, forms.length)];
  }
  if (locale === 'fr') {
    template = template.replace(/\bde \{(\w+)\}/g, (whole, name: string) =>
      ELIDED_AFTER_DE.has(name) && FRENCH_VOWEL.test(String(params[name] ?? '')) ? `d’{${name}}` : whole);
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** vue-i18n's default plural rule, so that a text reads the same in the API and in the web app. */
function pluralIndex(n: number, forms: number): number {
  if (forms === 2) return n === 0 ? 1 : n > 1 ? 1 : 0;
  return Math.min(n, forms - 1);
}

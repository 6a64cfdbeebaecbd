/**
 * What the translation tests of the web app (`apps/web/src/i18n/i18n.spec.ts`) and of the server
 * (`i18n/server/catalogue.spec.ts`) check in a catalogue, written once for both.
 */
export type MessageCatalogue = { [key: string]: string | MessageCatalogue };

/** Every leaf of a catalogue as `dotted.key → text`. */
export function flattenCatalogue(catalogue: MessageCatalogue, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nested, text] of flattenCatalogue(value, path)) entries.set(nested, text);
    } else {
      entries.set(path, value);
    }
  }
  return entries;
}

/** The `{name}` placeholders of a text, sorted (a name used twice counts twice). */
export function placeholdersOf(text: unknown): string[] {
  return [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

/** A text written with vue-i18n's plural forms (`one | other`). */
export function isPluralMessage(text: unknown): boolean {
  return typeof text === 'string' && /\s\|\s/.test(text);
}

/** "date(s)", "réservation(s)", "datum/data", "minuut/minuten": a count written without plural forms. */
export function isPseudoPlural(text: unknown): boolean {
  return /\w\((s|es|en|e)\)|\b\w+\/\w+\(?s?\)?\s+\w+\(s\)|datum\/data|date\(s\)/i.test(String(text));
}

import { EXPORT_CATEGORIES, translate, type Locale, type PersonalDataExport, type ServerMessageKey } from '@equipole/shared';

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A value as readable text: nested objects (names in three languages, details) as compact JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return escapeHtml(JSON.stringify(value));
  return escapeHtml(String(value));
}

function table(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return `<div class="scroll"><table><thead><tr>${keys.map((key) => `<th scope="col">${escapeHtml(key)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${keys.map((key) => `<td>${cell(row[key])}</td>`).join('')}</tr>`).join('\n')}</tbody></table></div>`;
}

function definitions(object: Record<string, unknown>): string {
  return `<dl>${Object.entries(object).map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${cell(value)}</dd>`).join('')}</dl>`;
}

/**
 * The readable summary of a person's export: one section per category, in their language (its texts
 * under `privacyExport` in the server catalogue), self-contained (no script, no outside resource), so
 * it opens anywhere and prints as it shows. Served by the API, its style element carries the
 * response's CSP nonce.
 */
export function renderExportHtml(data: PersonalDataExport, locale: Locale, styleNonce?: string): string {
  const t = (key: ServerMessageKey, params?: Record<string, string>) => escapeHtml(translate(locale, key, params));
  const sections = EXPORT_CATEGORIES.map((category) => {
    const value = data[category];
    const body = Array.isArray(value)
      ? value.length > 0 ? table(value as Record<string, unknown>[]) : `<p>${t('privacyExport.empty')}</p>`
      : value && typeof value === 'object' ? definitions(value as Record<string, unknown>) : `<p>${t('privacyExport.empty')}</p>`;
    const count = Array.isArray(value) ? ` (${value.length})` : '';
    return `<section id="${category}"><h2>${t(`privacyExport.category.${category}`)}${count}</h2>\n${body}</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('privacyExport.document')}</title>
<style${styleNonce ? ` nonce="${escapeHtml(styleNonce)}"` : ''}>
body{font-family:Arial,sans-serif;color:#1f2933;line-height:1.5;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #cbd2d9}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #cbd2d9;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f4f8}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}
</style></head>
<body><main>
<h1>${t('privacyExport.document')}</h1>
<p>${t('privacyExport.lead', { date: data.exportedAt })}</p>
${sections}
</main></body></html>`;
}

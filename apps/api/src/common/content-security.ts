import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** A directive's value as helmet takes it: fixed, or computed for each response. */
type DirectiveValue = string | ((request: IncomingMessage, response: ServerResponse) => string);

/**
 * Written by Vite wherever the built index.html needs the page's nonce (`html.cspNonce` in
 * apps/web/vite.config.ts: the same string); the server puts a fresh nonce in its place each time it
 * serves the page.
 */
export const CSP_NONCE_PLACEHOLDER = '__EQUIPOLE_CSP_NONCE__';

/** A fresh nonce for each response (`res.locals.cspNonce`); the CSP header and index.html carry the same one. */
export function assignCspNonce(_request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/** index.html with this response's nonce. */
export function withNonce(indexHtml: string, response: Response): string {
  return indexHtml.replaceAll(CSP_NONCE_PLACEHOLDER, String(response.locals.cspNonce));
}

/**
 * Helmet's CSP directives, narrowed. Styles: the app's own stylesheets, and the `<style>` elements
 * PrimeVue adds at run time (its theme, component by component) only with the page's nonce, which
 * PrimeVue reads from index.html. Style attributes (PrimeVue's overlays, ECharts' tooltips) cannot
 * carry a nonce, hence `style-src-attr 'unsafe-inline'`: an attribute can restyle one element, not
 * add a rule or load a stylesheet. No stylesheet or font comes from another site.
 */
export function cspDirectives(publicUrl: string): Record<string, DirectiveValue[] | null> {
  return {
    'img-src': ["'self'", 'data:', 'blob:'],
    'style-src': ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
    'style-src-attr': ["'unsafe-inline'"],
    'font-src': ["'self'", 'data:'],
    'upgrade-insecure-requests': publicUrl.startsWith('https:') ? [] : null,
  };
}

import type { Request } from 'express';
import { isLocale, Locale, negotiateLocale } from '@equipole/shared';

/** The language to answer in: the signed-in user's preference, else Accept-Language, else French. */
export function requestLocale(request: Request): Locale {
  const preferred = (request as Request & { user?: { locale?: string } }).user?.locale;
  return isLocale(preferred) ? preferred : negotiateLocale(request.headers['accept-language']);
}

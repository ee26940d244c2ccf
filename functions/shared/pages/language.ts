/** The languages the public pages speak; any other locale gets English. */
export type Language = 'en' | 'es';

/** `es-CO` → `es`; anything not Spanish → `en`. */
export function languageOf(locale: string | undefined): Language {
  return locale?.trim().toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** For pages without a customer (a bad link): the browser's first language. */
export function languageFromHeader(acceptLanguage: string | undefined): Language {
  return languageOf(acceptLanguage?.split(',')[0]);
}

import type { HttpEvent } from '../http.ts';

/** A form is a few hundred bytes (a comment, a few kilobytes); anything larger is not a page's. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * The raw body of a form post. API Gateway's HTTP API base64-encodes bodies it does not treat as
 * text (form posts included), so the flag is honoured; the local runtime sends them as they came.
 */
export function bodyText(event: HttpEvent): string | undefined {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return Buffer.byteLength(text) > MAX_BODY_BYTES ? undefined : text;
}

/** The media type alone, lower case (`application/x-www-form-urlencoded`). */
export function contentType(event: HttpEvent): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The fields of an urlencoded form post; undefined for any other body (or one too large). */
export function formFields(event: HttpEvent): URLSearchParams | undefined {
  const text = bodyText(event);
  if (text === undefined || contentType(event) !== 'application/x-www-form-urlencoded') {
    return undefined;
  }
  return new URLSearchParams(text);
}

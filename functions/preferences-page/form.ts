import type { HttpEvent } from '../shared/http.ts';

/** A form is a few hundred bytes; anything much larger is not from the page. */
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

function contentType(event: HttpEvent): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The preferences form as the core's `PreferencesForm` reads it: repeated fields become arrays.
 * Fields the page does not send are left out, so a hand-made request fails the core's schema.
 */
export function preferencesFormOf(event: HttpEvent): unknown {
  const text = bodyText(event);
  if (text === undefined || contentType(event) !== 'application/x-www-form-urlencoded') {
    return undefined;
  }
  const fields = new URLSearchParams(text);
  const frequency = fields.get('frequency');
  return {
    order: fields.getAll('order'),
    allow: fields.getAll('allow'),
    topics: fields.getAll('topics'),
    ...(frequency === null ? {} : { frequency }),
  };
}

/**
 * RFC 8058: the POST carries `List-Unsubscribe=One-Click`, urlencoded or as multipart form data
 * (section 3.1). The page's own button sends the same field.
 */
export function isOneClickPost(event: HttpEvent): boolean {
  const text = bodyText(event);
  if (text === undefined) return false;
  const type = contentType(event);
  if (type === 'multipart/form-data') {
    return /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/.test(text);
  }
  return new URLSearchParams(text).get('List-Unsubscribe') === 'One-Click';
}

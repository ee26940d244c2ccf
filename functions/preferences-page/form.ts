import type { HttpEvent } from '../shared/http.ts';
import { bodyText, contentType, formFields } from '../shared/pages/form.ts';

/**
 * The preferences form as the core's `PreferencesForm` reads it: repeated fields become arrays.
 * Fields the page does not send are left out, so a hand-made request fails the core's schema.
 */
export function preferencesFormOf(event: HttpEvent): unknown {
  const fields = formFields(event);
  if (fields === undefined) return undefined;
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

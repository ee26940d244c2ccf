import * as z from 'zod';

// C0 and C1 control characters, plus the Unicode line and paragraph separators: none belongs in
// a name, and CR/LF in anything that can reach an email header is a header-injection vector.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** Tab and newline are fine inside free text (an attribute may be a note); other controls are not. */
function hasControlExceptTabAndNewline(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x09 || code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029)
      return true;
  }
  return false;
}

/** Strings the SDK would silently re-encode (a lone surrogate becomes U+FFFD): refused instead. */
export const wellFormed = (value: string): boolean => value.isWellFormed();

const WELL_FORMED = 'contains an unpaired surrogate (not valid Unicode text)';

/**
 * One line of human text (a name, a source label): trimmed, never empty or only spaces, no control
 * characters. Used for everything that can end up in an email header or a signature.
 */
export const SingleLineText = (max: number) =>
  z
    .string()
    .refine(wellFormed, WELL_FORMED)
    .refine((value) => !CONTROL.test(value), 'must be one line without control characters')
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty or only spaces')
        .max(max, `must be at most ${max} characters`),
    );

/** Free text that may span lines (tabs and newlines allowed, other control characters not). */
export const MultiLineText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine(wellFormed, WELL_FORMED)
    .refine(
      (value) => !hasControlExceptTabAndNewline(value),
      'must not contain control characters other than tab and newline',
    );

/** An identifier another system gave a customer (a POS number, a web user id): printable, no spaces around. */
export const ExternalIdValue = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .refine(wellFormed, WELL_FORMED)
  .refine((value) => !CONTROL.test(value), 'must not contain control characters')
  .refine((value) => value.trim() === value, 'must not start or end with spaces');

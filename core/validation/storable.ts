import * as z from 'zod';
import { wellFormed } from './text.ts';

/**
 * What one DynamoDB item can hold, checked where data enters so that a value DynamoDB (or the
 * SDK's marshaller) would refuse becomes a 400 naming the field, never a 500 from the table.
 *
 * - Numbers: the SDK refuses integers beyond 2^53 - 1 (a JSON double cannot keep them exactly
 *   anyway) and DynamoDB refuses magnitudes below 1e-130 (underflow).
 * - Nesting: DynamoDB allows 32 levels; Rapport wraps client data in up to 4 levels of its own
 *   (event > data > interaction > metadata), so client JSON may nest 16 levels.
 * - Map keys (attribute names) must not be empty.
 */
export const MAX_STORABLE_MAGNITUDE = Number.MAX_SAFE_INTEGER;
export const MIN_STORABLE_MAGNITUDE = 1e-130;
export const MAX_CLIENT_NESTING = 16;

export function numberProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const magnitude = Math.abs(value);
  if (magnitude > MAX_STORABLE_MAGNITUDE)
    return `must be between -${MAX_STORABLE_MAGNITUDE} and ${MAX_STORABLE_MAGNITUDE} (larger numbers lose precision)`;
  if (magnitude !== 0 && magnitude < MIN_STORABLE_MAGNITUDE)
    return `must be 0 or at least ${MIN_STORABLE_MAGNITUDE} in magnitude (smaller numbers underflow)`;
  return undefined;
}

/** A number DynamoDB stores exactly as given. */
export const StorableNumber = z.number().superRefine((value, context) => {
  const problem = numberProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** The first thing in a JSON value that DynamoDB could not store, with where it is. */
export function storableProblem(
  value: unknown,
  maxDepth = MAX_CLIENT_NESTING,
  path: (string | number)[] = [],
): Problem | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    const message = numberProblem(value);
    return message ? { path, message } : undefined;
  }
  if (typeof value === 'string')
    return wellFormed(value) ? undefined : { path, message: 'is not valid Unicode text' };
  if (typeof value !== 'object')
    return { path, message: `a ${typeof value} cannot be stored; use JSON values` };
  if (path.length >= maxDepth) return { path, message: `nests deeper than ${maxDepth} levels` };
  return containerProblem(value, maxDepth, path);
}

function containerProblem(
  value: object,
  maxDepth: number,
  path: (string | number)[],
): Problem | undefined {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    if (key === '') return { path, message: 'has an empty key (names must not be empty)' };
    if (typeof key === 'string' && !wellFormed(key))
      return { path, message: 'has a key that is not valid Unicode text' };
    const problem = storableProblem(item, maxDepth, [...path, key]);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * An estimate of the bytes a value takes in a DynamoDB item, on the high side: strings and names
 * in UTF-8, numbers at 21 bytes, 3 bytes of overhead per map or list and 1 per element.
 */
export function storedSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 21;
  if (typeof value === 'string') return utf8Length(value);
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + 1 + storedSize(item), 3);
  if (typeof value === 'object') {
    let size = 3;
    for (const [key, item] of Object.entries(value)) {
      size += 1 + utf8Length(key) + storedSize(item);
    }
    return size;
  }
  return 0;
}

/**
 * A refinement for free-form client JSON (interaction metadata): storable, nested at most 16
 * levels, bounded in size.
 */
export const storableJson =
  (maxBytes: number) =>
  (value: unknown, context: z.RefinementCtx): void => {
    const problem = storableProblem(value);
    if (problem) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
      return;
    }
    const size = storedSize(value);
    if (size > maxBytes)
      context.addIssue({
        code: 'custom',
        message: `is about ${Math.ceil(size / 1024)} KB; at most ${Math.floor(maxBytes / 1024)} KB is stored`,
      });
  };

/** Refuses a whole input whose stored form would not fit comfortably in one item. */
export const withinStoredSize =
  (maxBytes: number) =>
  (value: unknown, context: z.RefinementCtx): void => {
    const size = storedSize(value);
    if (size > maxBytes)
      context.addIssue({
        code: 'custom',
        message: `the record is about ${Math.ceil(size / 1024)} KB; at most ${Math.floor(maxBytes / 1024)} KB is accepted`,
      });
  };

/** UTF-8 length without allocating: 1 byte below U+0080, 2 below U+0800, 4 for a surrogate pair. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

import fc from 'fast-check';

/** Leaf values no field accepts: bad text, numbers, JSON values and instants. */

/** Any string, made invalid for the field by a character the field never allows. */
export const invalidBy = (character: string) =>
  fc.string({ maxLength: 30 }).map((s) => `${s}${character}`);

const CONTROL = fc.constantFrom('\n', '\r', '\u0000', '\u0007', '\u001b', '\u0085', '\u2028');

/** A string with a control character somewhere in it. */
const withControl = fc
  .tuple(fc.string({ maxLength: 20 }), CONTROL, fc.string({ maxLength: 20 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

/** Free text allows tab and newline; these it never allows. */
export const withHardControl = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u009f'))
  .map(([a, c]) => `${a}${c}`);

export const badText = fc.oneof(
  withControl,
  fc.stringMatching(/^[ \t]{0,8}$/),
  fc.string({ minLength: 301, maxLength: 400 }).filter((s) => s.trim().length > 300),
  fc.constant('lone \ud800 surrogate'),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
);

/** Numbers DynamoDB or the SDK would refuse: too large to keep exactly, or underflowing. */
export const badNumber = fc.oneof(
  fc.double({ min: 2 ** 53, max: 1e300, noNaN: true }),
  fc.double({ min: -1e300, max: -(2 ** 53), noNaN: true }),
  fc.double({ min: 1e-300, max: 1e-131, noNaN: true }),
  fc.constantFrom(1e308, -1e-200, 2 ** 53),
);

const nested = (depth: number): unknown => (depth === 0 ? 1 : { n: nested(depth - 1) });

export const badJsonValue = fc.oneof(
  badNumber,
  fc.integer({ min: 17, max: 60 }).map(nested),
  fc.constant({ '': 'empty key' }),
  fc.constant('lone \udc00 surrogate'),
  fc.constant({ big: 'x'.repeat(17_000) }),
);

export const badInstant = fc.oneof(
  fc.integer({ min: 0, max: 1989 }).map((y) => `${String(y).padStart(4, '0')}-06-01T10:00:00Z`),
  fc.integer({ min: 2100, max: 9999 }).map((y) => `${y}-06-01T10:00:00Z`),
  fc.constantFrom('2026-11-23T15:00:00', '2026-11-23', '+010000-01-01T00:00:00Z', 'yesterday'),
  invalidBy('!'),
);

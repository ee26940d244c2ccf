import fc from 'fast-check';

/** Bad requests apart from their bodies: path segments and content types. */

/** A path segment as sent (`encoded`) and as the server should decode it (undefined: malformed). */
export function badPathSegment(): fc.Arbitrary<{ encoded: string; decoded: string | undefined }> {
  const wellFormed = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 300 })
    .filter((s) => s.isWellFormed());
  return fc.oneof(
    wellFormed.map((s) => ({ encoded: encodeURIComponent(s), decoded: s })),
    fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9]{0,8}$/),
        fc.stringMatching(/^%[0-9A-Fa-f]?[G-Zg-z%]?$/),
      )
      .map(([a, bad]) => ({ encoded: `${a}${bad}`, decoded: undefined })),
    fc.constantFrom(
      { encoded: '..%2Fx', decoded: '../x' },
      { encoded: 'x%23b', decoded: 'x#b' },
      { encoded: '%E0%A4%A', decoded: undefined },
      { encoded: '%ED%A0%80', decoded: undefined },
      { encoded: 'a'.repeat(200), decoded: 'a'.repeat(200) },
    ),
  );
}

export function nonJsonContentType(): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'application/xml',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z.+-]{1,20}$/),
    )
    .filter((type) => !/json/i.test(type));
}

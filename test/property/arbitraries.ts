import fc from 'fast-check';
import { Channel } from '../../core/channels.ts';
import { InteractionType, Touchpoint } from '../../core/interaction/interaction.ts';
import { numberProblem, storableProblem, storedSize } from '../../core/validation/storable.ts';

/**
 * Generators for the property-based HTTP suite: bad input of every class, and good input. Bad
 * bodies are bad by construction (an unknown key, a value the field never allows), not by asking
 * the schema, so a schema that stops refusing something makes the suite fail.
 */

type Json = Record<string, unknown>;

let counter = 0;
/** Ids and external ids must be new on every run: a reused one is (rightly) a 409. */
const unique = (prefix: string) => `${prefix}-${(counter++).toString(36)}`;

function setPath(base: Json, path: readonly string[], value: unknown): Json {
  const copy = structuredClone(base);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path.at(-1) ?? ''] = value;
  return copy;
}

/** Any string, made invalid for the field by a character the field never allows. */
const invalidBy = (character: string) =>
  fc.string({ maxLength: 30 }).map((s) => `${s}${character}`);

const CONTROL = fc.constantFrom('\n', '\r', '\u0000', '\u0007', '\u001b', '\u0085', '\u2028');

/** A string with a control character somewhere in it. */
const withControl = fc
  .tuple(fc.string({ maxLength: 20 }), CONTROL, fc.string({ maxLength: 20 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

/** Free text allows tab and newline; these it never allows. */
const withHardControl = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u009f'))
  .map(([a, c]) => `${a}${c}`);

const badText = fc.oneof(
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

const badJsonValue = fc.oneof(
  badNumber,
  fc.integer({ min: 17, max: 60 }).map(nested),
  fc.constant({ '': 'empty key' }),
  fc.constant('lone \udc00 surrogate'),
  fc.constant({ big: 'x'.repeat(17_000) }),
);

const badInstant = fc.oneof(
  fc.integer({ min: 0, max: 1989 }).map((y) => `${String(y).padStart(4, '0')}-06-01T10:00:00Z`),
  fc.integer({ min: 2100, max: 9999 }).map((y) => `${y}-06-01T10:00:00Z`),
  fc.constantFrom('2026-11-23T15:00:00', '2026-11-23', '+010000-01-01T00:00:00Z', 'yesterday'),
  invalidBy('!'),
);

/** An unknown key added to one of the objects the schema holds strictly. */
const unknownKey = (base: Json, strictObjects: readonly string[]) =>
  fc
    .tuple(
      fc.constantFrom(...strictObjects),
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([where, key, value]) =>
      setPath(base, [...(where === '' ? [] : where.split('.')), `zz${key}`], value),
    );

const replaceLeaf = (base: Json, leaves: Readonly<Record<string, fc.Arbitrary<unknown>>>) =>
  fc
    .constantFrom(...Object.keys(leaves))
    .chain((path) =>
      (leaves[path] ?? fc.constant(null)).map((v) => setPath(base, path.split('.'), v)),
    );

/** `random`: a fully random JSON value, which may by chance be valid (the test filters those). */
export interface BadBody {
  readonly body: unknown;
  readonly random: boolean;
}

const constructed = (arbitrary: fc.Arbitrary<unknown>) =>
  arbitrary.map((body): BadBody => ({ body, random: false }));
const randomJson = fc.jsonValue().map((body): BadBody => ({ body, random: true }));

/**
 * Fresh ids on every case: were a bad body ever accepted, it would be written (and the snapshot
 * would show it) instead of answering 409 for an id taken by an earlier case.
 */
const freshIds = (base: Json, ids: (base: Json) => Json) =>
  fc.constant(null).map(() => ({ ...base, ...ids(base) }));

export function badCustomerBody(template: Json): fc.Arbitrary<BadBody> {
  return freshIds(template, () => ({
    id: unique('bad-customer'),
    externalIds: { pos: unique('bad-pos') },
  })).chain((base) => badCustomerMutation(base));
}

function badCustomerMutation(base: Json): fc.Arbitrary<BadBody> {
  return fc.oneof(
    constructed(unknownKey(base, ['', 'name', 'contact', 'owner', 'consent.email'])),
    constructed(
      replaceLeaf(base, {
        'name.given': badText,
        'name.family': badText,
        'owner.name': badText,
        'owner.id': fc.oneof(badText, fc.constant('../x')),
        'consent.email.source': badText,
        'consent.email.at': badInstant,
        'contact.email': fc.string({ maxLength: 40 }).map((s) => s.replaceAll('@', '')),
        timeZone: invalidBy('!'),
        locale: invalidBy('!'),
        id: fc.oneof(badText, fc.constantFrom('..%2Fx', 'x#b', 'a'.repeat(200))),
        'externalIds.pos': badText,
        'attributes.score': fc.oneof(badNumber, withHardControl),
        'attributes.': fc.string(),
      }),
    ),
    randomJson,
  );
}

export function badInteractionBody(template: Json): fc.Arbitrary<BadBody> {
  return freshIds(template, () => ({ id: unique('bad-interaction') })).chain((base) =>
    badInteractionMutation(base),
  );
}

function badInteractionMutation(base: Json): fc.Arbitrary<BadBody> {
  return fc.oneof(
    constructed(unknownKey(base, ['', 'customer', 'amount', 'agent'])),
    constructed(
      replaceLeaf(base, {
        occurredAt: badInstant,
        'amount.value': badNumber,
        'metadata.data': badJsonValue,
        'customer.id': fc.oneof(badText, fc.constant('../etc')),
        'agent.name': badText,
        type: invalidBy('!'),
        id: fc.oneof(badText, fc.constant('a'.repeat(129))),
      }),
    ),
    constructed(
      fc
        .double({ min: -1e9, max: -0.01, noNaN: true })
        .map((value) => ({ ...base, type: 'purchase', amount: { value, currency: 'COP' } })),
    ),
    randomJson,
  );
}

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

const goodText = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    .filter(
      (s) => s.trim().length > 0 && s.trim().length <= max && !/[\p{Cc}\u2028\u2029]/u.test(s),
    );

const storableNumber = fc
  .oneof(fc.integer(), fc.double({ min: -1e15, max: 1e15, noNaN: true }))
  .map((n) => (Object.is(n, -0) ? 0 : n))
  .filter((n) => numberProblem(n) === undefined);

const pastInstant = fc
  .tuple(
    fc.date({
      min: new Date('1995-01-01T00:00:00Z'),
      max: new Date('2026-11-23T19:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15),
  )
  .map(([date, offsetMinutes]) => withOffset(date, offsetMinutes));

/** `2026-11-23T15:00:00.000-05:00`: the same instant written in another zone's wall-clock time. */
function withOffset(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function aGoodCustomer(): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        name: fc.record(
          { given: goodText(120), family: goodText(120) },
          { requiredKeys: ['given'] },
        ),
        locale: fc.constantFrom('es', 'es-CO', 'en', 'en-GB', 'pt-BR'),
        timeZone: fc.constantFrom(
          'america/bogota',
          'Europe/Madrid',
          'UTC',
          'US/Eastern',
          'Asia/Kathmandu',
        ),
        contact: fc.record(
          {
            email: fc.constantFrom('ana@example.com', 'b.c+tag@example.co', 'x_y@sub.example.org'),
            phone: fc.stringMatching(/^\+[1-9]\d{6,14}$/),
          },
          { requiredKeys: [] },
        ),
        channelPreferences: fc.uniqueArray(fc.constantFrom(...Channel.options)),
        consent: fc.dictionary(
          fc.constantFrom(...Channel.options),
          fc.record({
            status: fc.constantFrom('granted', 'denied'),
            source: goodText(80),
            at: pastInstant,
          }),
          { maxKeys: 3 },
        ),
        owner: fc.record({ id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), name: goodText(60) }),
        attributes: fc.dictionary(
          fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/),
          fc.oneof(goodText(200), storableNumber, fc.boolean(), fc.constant(null)),
          { maxKeys: 8 },
        ),
      },
      { requiredKeys: ['name'] },
    )
    .map((customer) => ({
      ...customer,
      id: unique('prop-customer'),
      externalIds: { web: unique('w') },
    }));
}

export function aGoodInteraction(): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        customer: fc.constantFrom({ id: 'ana-garcia' }, { system: 'pos', externalId: 'P-1001' }),
        type: fc.constantFrom(...InteractionType.options),
        touchpoint: fc.constantFrom(...Touchpoint.options),
        occurredAt: pastInstant,
        amount: fc.record({
          value: storableNumber.map(Math.abs),
          currency: fc.constantFrom('COP', 'EUR', 'USD'),
        }),
        agent: fc.record(
          { id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), name: goodText(60) },
          { requiredKeys: ['id'] },
        ),
        metadata: fc
          .dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 3 }), {
            maxKeys: 5,
          })
          .map((m) => JSON.parse(JSON.stringify(m)) as Json)
          // The API refuses keys that could reach a prototype (README, input rules): not good input.
          .filter((m) => !hasPrototypeKey(m))
          .filter((m) => storableProblem(m) === undefined && storedSize(m) < 16 * 1024)
          .map(withoutNegativeZero),
      },
      { requiredKeys: ['customer', 'type', 'touchpoint', 'occurredAt'] },
    )
    .map((interaction) => ({ ...interaction, id: unique('prop-interaction') }));
}

/** A `__proto__` key, or `constructor` holding a `prototype`, at any depth. */
function hasPrototypeKey(value: Json): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  return Object.entries(value).some(
    ([key, inner]) =>
      key === '__proto__' ||
      (key === 'constructor' &&
        typeof inner === 'object' &&
        inner !== null &&
        Object.hasOwn(inner, 'prototype')) ||
      hasPrototypeKey(inner as Json),
  );
}

/** JSON keeps -0 as 0 on the way back; generated data says 0 from the start. */
function withoutNegativeZero(value: Json): Json {
  return JSON.parse(JSON.stringify(value, (_, v) => (Object.is(v, -0) ? 0 : v))) as Json;
}

import fc from 'fast-check';
import { Channel } from '../../core/channels.ts';
import { InteractionType, Touchpoint } from '../../core/interaction/interaction.ts';
import { numberProblem, storableProblem, storedSize } from '../../core/validation/storable.ts';
import { type Json, unique } from './bodies.ts';

/** Good input: bodies every schema accepts and the API round-trips. */

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

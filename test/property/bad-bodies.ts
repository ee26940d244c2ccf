import fc from 'fast-check';
import {
  badInstant,
  badJsonValue,
  badNumber,
  badText,
  invalidBy,
  withHardControl,
} from './bad-values.ts';
import { type Json, setPath, unique } from './bodies.ts';

/**
 * Generators for the property-based HTTP suite: bad input of every class, and good input. Bad
 * bodies are bad by construction (an unknown key, a value the field never allows), not by asking
 * the schema, so a schema that stops refusing something makes the suite fail.
 */

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

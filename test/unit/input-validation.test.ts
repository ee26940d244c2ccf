import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { CustomerInput } from '../../core/customer/customer.ts';
import { InteractionInput } from '../../core/interaction/interaction.ts';
import { TimeZone } from '../../core/time-zone.ts';
import { anaInput, visitInput } from '../support/builders.ts';

const issues = (result: z.ZodSafeParseResult<unknown>) =>
  result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
const paths = (result: z.ZodSafeParseResult<unknown>) => issues(result).map((i) => i.path);

const customer = (changes: Record<string, unknown>) =>
  CustomerInput.safeParse({ ...anaInput(), ...changes });
const interaction = (changes: Record<string, unknown>) =>
  InteractionInput.safeParse({ ...visitInput(), ...changes });

/** `depth` levels of `{ "a": ... }` around a string. */
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('unknown fields are refused at every depth', () => {
  it.each([
    ['contact.emial', { contact: { emial: 'ana@example.com' } }],
    ['name.middle', { name: { given: 'Ana', middle: 'M' } }],
    ['owner.phone', { owner: { id: 'rep-7', name: 'Luis', phone: '1' } }],
    [
      'consent.email.note',
      {
        consent: {
          email: { status: 'granted', source: 'web', at: '2026-11-01T10:00:00Z', note: 'x' },
        },
      },
    ],
  ])('a customer with %s', (where, changes) => {
    const result = customer(changes);

    expect(result.success).toBe(false);
    expect(issues(result)[0]?.message).toMatch(/Unrecognized key/);
    expect(paths(result)[0]).toBe(where.split('.').slice(0, -1).join('.'));
  });

  it.each([
    ['amount', { amount: { value: 10, currency: 'COP', tax: 2 } }],
    ['agent', { agent: { id: 'a-1', nickname: 'M' } }],
    ['customer', { customer: { id: 'ana-garcia', extra: true } }],
  ])('an interaction with an unknown key in %s', (_, changes) => {
    expect(interaction(changes).success).toBe(false);
  });
});

describe('values DynamoDB cannot store are refused with the field named', () => {
  it.each([
    ['a number too large to keep exactly', 2 ** 53],
    ['a huge number', 1e300],
    ['an underflowing number', 1e-200],
  ])('refuses %s in an attribute', (_, value) => {
    expect(paths(customer({ attributes: { score: value } }))).toEqual(['attributes.score']);
  });

  it('accepts ordinary numbers, zero and small fractions', () => {
    expect(customer({ attributes: { a: 0, b: -12.5, c: 1e-9, d: 2 ** 53 - 1 } }).success).toBe(
      true,
    );
  });

  it('refuses an amount too large to keep exactly', () => {
    expect(paths(interaction({ amount: { value: 1e20, currency: 'COP' } }))).toEqual([
      'amount.value',
    ]);
  });

  it('refuses metadata nested deeper than 16 levels, and accepts 16', () => {
    expect(interaction({ metadata: { deep: nested(15) } }).success).toBe(true);
    const result = interaction({ metadata: { deep: nested(16) } });
    expect(issues(result)[0]?.message).toMatch(/nests deeper than 16 levels/);
  });

  it('refuses an empty key and numbers DynamoDB would refuse inside metadata', () => {
    expect(issues(interaction({ metadata: { basket: { '': 1 } } }))[0]?.message).toMatch(
      /empty key/,
    );
    expect(paths(interaction({ metadata: { basket: [1, 2, 1e-300] } }))).toEqual([
      'metadata.basket.2',
    ]);
  });

  it('refuses a customer whose record would not fit comfortably in one item', () => {
    // 40 attributes of 2,000 four-byte characters: each is valid, together ~320 KB.
    const heavy = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`note${i}`, '😀'.repeat(1000)]),
    );

    expect(issues(customer({ attributes: heavy }))[0]?.message).toMatch(/at most 64 KB/);
  });

  it('refuses text that is not valid Unicode (a lone surrogate)', () => {
    expect(paths(customer({ attributes: { note: 'abc\ud800' } }))).toEqual(['attributes.note']);
  });
});

describe('dates are bounded and explained in words', () => {
  it.each(['9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z', '2101-01-01T00:00:00Z'])(
    'refuses occurredAt %s',
    (occurredAt) => {
      expect(issues(interaction({ occurredAt }))[0]?.message).toMatch(
        /must be between 1990-01-01 and 2100-01-01/,
      );
    },
  );

  it('says in words that an occurredAt without an offset is ambiguous', () => {
    const [problem] = issues(interaction({ occurredAt: '2026-11-23T15:00:00' }));

    expect(problem?.message).toContain(
      'has no time-zone offset; add Z for UTC or the local offset',
    );
    expect(problem?.message).not.toMatch(/\(\?:|\\d/);
  });

  it('refuses what is not a date at all, without a regular expression in the message', () => {
    const [problem] = issues(interaction({ occurredAt: 'tomorrow' }));

    expect(problem?.message).toMatch(/is not a date and time; use ISO 8601 with an offset/);
  });
});

describe('amounts', () => {
  it('refuses a negative purchase', () => {
    const result = interaction({ type: 'purchase', amount: { value: -5, currency: 'COP' } });

    expect(issues(result)).toEqual([
      {
        path: 'amount.value',
        message:
          "must not be negative for a purchase; money given back is recorded as type 'return'",
      },
    ]);
  });

  it('accepts a negative amount on a return', () => {
    expect(interaction({ type: 'return', amount: { value: -5, currency: 'COP' } }).success).toBe(
      true,
    );
  });
});

describe('text that can reach an email header', () => {
  it.each([
    ['a line feed', 'Ana\nBcc: x@example.com'],
    ['a carriage return', 'Ana\rX'],
    ['a control character', 'Ana\u0007'],
    ['a line separator', 'Ana\u2028X'],
  ])('refuses a name with %s', (_, given) => {
    expect(paths(customer({ name: { given } }))).toEqual(['name.given']);
  });

  it('refuses a name of only spaces and trims the rest', () => {
    expect(issues(customer({ name: { given: '   ' } }))[0]?.message).toBe(
      'must not be empty or only spaces',
    );
    const parsed = CustomerInput.parse({ ...anaInput(), name: { given: '  Ana ' } });
    expect(parsed.name.given).toBe('Ana');
  });

  it('refuses an owner name with a line break', () => {
    expect(paths(customer({ owner: { id: 'rep-7', name: 'Luis\r\nPérez' } }))).toEqual([
      'owner.name',
    ]);
  });
});

describe('time zones', () => {
  it.each([
    ['america/bogota', 'America/Bogota'],
    ['US/Eastern', 'America/New_York'],
    ['utc', 'UTC'],
  ])('normalises %s to %s', (given, canonical) => {
    expect(TimeZone.parse(given)).toBe(canonical);
  });

  it('refuses offsets and unknown zones', () => {
    expect(TimeZone.safeParse('-05:00').success).toBe(false);
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { CustomerInput } from '../../core/customer/customer.ts';
import { InteractionInput } from '../../core/interaction/interaction.ts';
import { anaInput, visitInput } from '../support/builders.ts';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('customer input', () => {
  it('accepts the fixture and fills defaults', () => {
    const { attributes: _a, ...minimal } = anaInput();
    const parsed = CustomerInput.parse({ name: minimal.name });

    expect(parsed).toMatchObject({
      locale: 'en',
      externalIds: {},
      channelPreferences: [],
      consent: {},
      attributes: {},
    });
  });

  it('refuses offsets and unknown zones as time zones', () => {
    expect(issuePaths(CustomerInput.safeParse({ ...anaInput(), timeZone: '-05:00' }))).toEqual([
      'timeZone',
    ]);
    expect(
      issuePaths(CustomerInput.safeParse({ ...anaInput(), timeZone: 'America/Atlantis' })),
    ).toEqual(['timeZone']);
  });

  it('refuses a bad email, a non-E.164 phone, a repeated channel and unknown fields', () => {
    const input = {
      ...anaInput(),
      contact: { email: 'not-an-email', phone: '300 123' },
      channelPreferences: ['email', 'email'],
      favouriteColour: 'blue',
    };

    expect(issuePaths(CustomerInput.safeParse(input)).sort()).toEqual(
      ['', 'channelPreferences', 'contact.email', 'contact.phone'].sort(),
    );
  });

  it('normalises consent timestamps to UTC', () => {
    const parsed = CustomerInput.parse(anaInput());

    expect(parsed.consent.email?.at).toBe('2026-11-01T15:00:00.000Z');
  });
});

describe('interaction input', () => {
  it('requires an offset on occurredAt, so local times are never guessed', () => {
    const result = InteractionInput.safeParse({
      ...visitInput(),
      occurredAt: '2026-11-23T15:00:00',
    });

    expect(issuePaths(result)).toEqual(['occurredAt']);
  });

  it('names the customer by Rapport id or by an external id, not both', () => {
    const both = {
      ...visitInput(),
      customer: { id: 'ana-garcia', system: 'pos', externalId: 'P-1001' },
    };

    expect(
      InteractionInput.safeParse({
        ...visitInput(),
        customer: { system: 'pos', externalId: 'P-1001' },
      }).success,
    ).toBe(true);
    expect(InteractionInput.safeParse(both).success).toBe(false);
  });
});

describe('size limits that keep every record inside one DynamoDB item', () => {
  it('refuses interaction metadata over 16 KB', () => {
    const result = InteractionInput.safeParse({
      ...visitInput(),
      metadata: { notes: 'x'.repeat(17_000) },
    });

    expect(issuePaths(result)).toEqual(['metadata']);
  });

  it('refuses more than 20 external ids and more than 100 attributes', () => {
    const many = (n: number, value: string | number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`key-${i}`, value]));

    const result = CustomerInput.safeParse({
      ...anaInput(),
      externalIds: many(21, 'id'),
      attributes: many(101, 1),
    });

    expect(issuePaths(result).sort()).toEqual(['attributes', 'externalIds']);
  });
});

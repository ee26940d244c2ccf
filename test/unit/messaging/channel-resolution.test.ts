import { describe, expect, it } from 'vitest';
import type { DeliveryChannel } from '../../../core/channels.ts';
import type { Customer } from '../../../core/customer/customer-view.ts';
import { resolveChannel } from '../../../core/messaging/channel-resolution.ts';
import { aCustomer } from '../../support/builders.ts';

const granted = {
  status: 'granted',
  source: 'pos',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;
const everything = () => 'ok' as const;

function resolve(
  customer: Customer,
  options: {
    requested?: DeliveryChannel | 'preferred';
    sendable?: (channel: DeliveryChannel) => 'ok' | 'no-sender' | 'no-template';
    excluded?: string[];
  } = {},
) {
  return resolveChannel({
    customer,
    requested: options.requested ?? 'preferred',
    defaultChannels: ['email', 'sms'],
    sendable: options.sendable ?? everything,
    excluded: new Set(options.excluded ?? []) as unknown as ReadonlySet<'email'>,
  });
}

/** Ana prefers email then SMS, consented to both, has an address for both and an owner. */
const ana = (overrides: Partial<Customer> = {}) =>
  aCustomer({
    channelPreferences: ['email', 'sms'],
    consent: { email: granted, sms: granted },
    ...overrides,
  });

describe('channel resolution', () => {
  it("takes the customer's first preferred channel that can be used", () => {
    expect(resolve(ana())).toEqual({
      kind: 'channel',
      channel: 'email',
      address: 'ana@example.com',
      skipped: [],
    });
  });

  it('goes to the next preference when the first has no consent, and says why', () => {
    const customer = ana({ consent: { sms: granted } });

    expect(resolve(customer)).toEqual({
      kind: 'channel',
      channel: 'sms',
      address: '+573001234567',
      skipped: [{ channel: 'email', reason: 'no-consent' }],
    });
  });

  it('skips an address that bounced for good, but not a new one the customer gave since', () => {
    const bounced = {
      email: { status: 'bounced', at: '2026-11-10T00:00:00.000Z', address: 'ana@example.com' },
    } as const;

    expect(resolve(ana({ reachability: bounced }))).toMatchObject({
      channel: 'sms',
      skipped: [{ channel: 'email', reason: 'bounced' }],
    });
    const moved = ana({
      reachability: bounced,
      contact: { email: 'ana@new.example.com', phone: '+573001234567' },
    });
    expect(resolve(moved)).toMatchObject({ channel: 'email', address: 'ana@new.example.com' });
  });

  it("puts the customer's own word on the preferences page before the profile's order", () => {
    const customer = ana({
      preferences: { channels: ['sms', 'email'], topics: {}, updatedAt: granted.at },
    });

    expect(resolve(customer)).toMatchObject({ channel: 'sms' });
  });

  it('uses the deployment order for a customer who stated no preference', () => {
    expect(resolve(ana({ channelPreferences: [] }))).toMatchObject({ channel: 'email' });
  });

  it('sends a call or a visit to the owner as a task, and needs a phone number for a call', () => {
    const consented = ana({ consent: { phone: granted, visit: granted } });

    expect(resolve(consented, { requested: 'phone' })).toMatchObject({
      channel: 'phone',
      address: 'rep-7',
    });
    expect(resolve(consented, { requested: 'visit' })).toMatchObject({
      channel: 'visit',
      address: 'rep-7',
    });
    expect(
      resolve({ ...consented, contact: { email: 'a@example.com' } }, { requested: 'phone' }),
    ).toMatchObject({
      kind: 'none',
      reason: 'no-address',
    });
    const { owner: _owner, ...ownerless } = consented;
    expect(resolve(ownerless, { requested: 'visit' })).toMatchObject({
      kind: 'none',
      reason: 'no-owner',
    });
  });

  it('passes over a channel without a sender or without a template part, and one that failed before', () => {
    expect(
      resolve(ana(), { sendable: (c) => (c === 'email' ? 'no-template' : 'ok') }),
    ).toMatchObject({
      channel: 'sms',
      skipped: [{ channel: 'email', reason: 'no-template' }],
    });
    expect(resolve(ana(), { excluded: ['email'] })).toMatchObject({
      channel: 'sms',
      skipped: [{ channel: 'email', reason: 'failed-before' }],
    });
  });

  it('suppresses with the first reason when no preferred channel can be used', () => {
    const customer = ana({
      consent: { email: { ...granted, status: 'denied' } },
      channelPreferences: ['email', 'post'],
    });

    expect(resolve(customer)).toEqual({
      kind: 'none',
      reason: 'consent-denied',
      skipped: [
        { channel: 'email', reason: 'consent-denied' },
        { channel: 'post', reason: 'no-consent' },
      ],
    });
  });

  it('holds an automation that insists on one channel to that channel', () => {
    expect(resolve(ana({ consent: { sms: granted } }), { requested: 'email' })).toMatchObject({
      kind: 'none',
      reason: 'no-consent',
    });
  });
});

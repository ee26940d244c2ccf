import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../core/customer/customer-view.ts';
import { decideMessage } from '../../../core/messaging/decide.ts';
import { DEFAULT_MESSAGING_POLICY } from '../../../core/messaging/policy.ts';
import { aCustomer } from '../../support/builders.ts';

const policy = { ...DEFAULT_MESSAGING_POLICY, quietHours: { start: '21:00', end: '08:00' } };
const granted = {
  status: 'granted',
  source: 'pos',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;
// 10:00 in Bogota.
const now = new Date('2026-11-24T15:00:00Z');

function decide(
  customer: Customer,
  category: 'service' | 'marketing',
  extra: { topic?: string; sent?: string[] } = {},
) {
  return decideMessage({
    customer,
    category,
    ...(extra.topic ? { topic: extra.topic } : {}),
    requested: 'preferred',
    now,
    timeZone: 'America/Bogota',
    policy,
    sent: (extra.sent ?? []).map((at) => ({ at, category: 'marketing' as const })),
    sendable: () => 'ok',
    excluded: new Set(),
  });
}

const ana = (overrides: Partial<Customer> = {}) =>
  aCustomer({ consent: { email: granted }, ...overrides });

describe('one policy across marketing and service', () => {
  it('holds marketing while a complaint case is open, but not service', () => {
    const complaining = ana({ holds: { openCases: ['case-1'] } });

    expect(decide(complaining, 'marketing', { topic: 'news' })).toEqual({
      kind: 'hold',
      reason: 'held-open-complaint',
    });
    expect(decide(complaining, 'service')).toMatchObject({ kind: 'send', channel: 'email' });
  });

  it('holds marketing for the days after a detractor answer, then lets it go', () => {
    const held = ana({ holds: { openCases: [], marketingHeldUntil: '2026-11-30T00:00:00.000Z' } });
    const released = ana({
      holds: { openCases: [], marketingHeldUntil: '2026-11-20T00:00:00.000Z' },
    });

    expect(decide(held, 'marketing', { topic: 'news' })).toEqual({
      kind: 'hold',
      reason: 'held-after-detractor',
    });
    expect(decide(released, 'marketing', { topic: 'news' })).toMatchObject({ kind: 'send' });
  });

  it('does not send marketing on a topic the customer left', () => {
    const left = ana({ preferences: { topics: { news: false }, updatedAt: granted.at } });

    expect(decide(left, 'marketing', { topic: 'news' })).toMatchObject({
      kind: 'suppress',
      reason: 'unsubscribed-topic',
    });
    expect(decide(left, 'marketing', { topic: 'events' })).toMatchObject({ kind: 'send' });
  });

  it('caps marketing across automations, and by the frequency the customer chose', () => {
    const twoThisWeek = ['2026-11-20T15:00:00Z', '2026-11-22T15:00:00Z'];
    const oneThisWeek = ['2026-11-22T15:00:00Z'];
    const weekly = ana({ preferences: { frequency: 'weekly', topics: {}, updatedAt: granted.at } });

    expect(decide(ana(), 'marketing', { topic: 'news', sent: twoThisWeek })).toMatchObject({
      reason: 'frequency-cap',
    });
    expect(decide(ana(), 'marketing', { topic: 'news', sent: oneThisWeek })).toMatchObject({
      kind: 'send',
    });
    expect(decide(weekly, 'marketing', { topic: 'news', sent: oneThisWeek })).toMatchObject({
      reason: 'customer-frequency',
    });
  });

  it('defers, and never drops, what falls in the quiet hours of a customer without a zone', () => {
    const night = decideMessage({
      customer: ana({ timeZone: undefined }),
      category: 'service',
      requested: 'preferred',
      now: new Date('2026-11-24T23:00:00Z'),
      timeZone: 'UTC',
      policy,
      sent: [],
      sendable: () => 'ok',
      excluded: new Set(),
    });

    expect(night).toEqual({
      kind: 'defer',
      until: new Date('2026-11-25T08:00:00Z'),
      reason: 'quiet-hours',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../../core/customer/system-state.ts';
import { ConflictError } from '../../../core/errors.ts';
import { signLink } from '../../../core/messaging/links.ts';
import { MessagingPolicy } from '../../../core/messaging/policy.ts';
import type { PreferencesDeps } from '../../../core/use-cases/preferences/open-link.ts';
import type {
  PreferenceChange,
  PreferencesStore,
} from '../../../core/use-cases/preferences/ports.ts';
import { savePreferences } from '../../../core/use-cases/preferences/save.ts';
import { showPreferences } from '../../../core/use-cases/preferences/show.ts';
import { unsubscribe } from '../../../core/use-cases/preferences/unsubscribe.ts';
import { aCustomer } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { LINK_KEY } from './support.ts';

const NOW = '2026-11-24T15:00:00.000Z';
const EXPIRY = Date.parse(NOW) / 1000 + 86_400;
const policy = MessagingPolicy.parse({
  topics: { news: { en: 'News', es: 'Novedades' }, events: { en: 'Events', es: 'Eventos' } },
});

/** Preferences kept where the customer view reads them, with the log beside them. */
function preferencesWorld() {
  const world = fakeWorld(NOW);
  const log: PreferenceChange[] = [];
  let conflicts = 0;
  const store: PreferencesStore = {
    async savePreferences(customerId, next: Preferences, change, previousUpdatedAt) {
      if (conflicts > 0) {
        conflicts -= 1;
        throw new ConflictError('changed meanwhile');
      }
      const current = (await world.customers.getCustomer(customerId))?.preferences;
      if (current?.updatedAt !== previousUpdatedAt) throw new ConflictError('changed meanwhile');
      await world.customers.putSystemState(customerId, 'preferences', next);
      log.unshift(change);
    },
    preferencesHistory: async (_customerId, limit) => log.slice(0, limit),
  };
  world.customers.seed(aCustomer({ locale: 'en' }));
  const deps: PreferencesDeps = {
    customers: world.customers,
    preferences: store,
    clock: world.clock.now,
    newId: world.newId,
    linkKey: LINK_KEY,
    policy,
  };
  const conflictOnce = () => {
    conflicts = 1;
  };
  return { world, deps, log, conflictOnce };
}

const link = (p: 'preferences' | 'unsubscribe', extra: { t?: string; e?: number } = {}) =>
  signLink({ c: 'ana-garcia', p, e: EXPIRY, ...extra }, LINK_KEY);

const form = (overrides: Record<string, unknown> = {}) => ({
  order: ['sms', 'email', 'phone', 'visit'],
  allow: ['email', 'sms'],
  frequency: 'monthly',
  topics: ['events'],
  ...overrides,
});

describe('the preferences page use cases', () => {
  it('shows the channels in her order, what she allows, and every topic subscribed', async () => {
    const { deps } = preferencesWorld();

    const result = await showPreferences(deps, link('preferences'));

    expect(result).toMatchObject({
      kind: 'page',
      view: {
        channels: [
          { channel: 'email', allowed: true, hint: 'a•••@example.com' },
          { channel: 'sms', allowed: false, hint: '••• 4567' },
          { channel: 'phone', allowed: false },
          { channel: 'visit', allowed: false, hint: 'Luis Pérez' },
        ],
        frequency: 'any',
        topics: [
          { id: 'news', subscribed: true },
          { id: 'events', subscribed: true },
        ],
      },
    });
  });

  it('saves only what changed, logs it, and records a channel turned on as a consent decision', async () => {
    const { deps, log, world } = preferencesWorld();

    const result = await savePreferences(deps, link('preferences'), form());

    expect(result.kind).toBe('saved');
    expect(log).toEqual([
      {
        changeId: expect.any(String),
        recordedAt: NOW,
        source: 'preferences-page',
        by: 'customer:ana-garcia',
        set: {
          channels: ['sms', 'email', 'phone', 'visit'],
          frequency: 'monthly',
          topics: { news: false },
        },
      },
    ]);
    const customer = await world.customers.getCustomer('ana-garcia');
    expect(customer?.consent.sms).toMatchObject({
      status: 'granted',
      source: 'preferences-page',
      by: 'customer:ana-garcia',
    });
    expect(customer?.consent.email?.source).toBe('web-form');
  });

  it.each([
    [
      'a channel chosen twice in the order',
      { order: ['sms', 'sms', 'phone', 'visit'] },
      'order-repeats',
    ],
    ['a topic the policy does not declare', { topics: ['gossip'] }, 'unexpected'],
    ['a channel the page does not offer', { allow: ['post'] }, 'unexpected'],
    ['no frequency', { frequency: undefined }, 'unexpected'],
  ])('refuses %s and writes nothing', async (_name, overrides, problem) => {
    const { deps, log, world } = preferencesWorld();
    const before = await world.customers.getCustomer('ana-garcia');

    const result = await savePreferences(deps, link('preferences'), form(overrides));

    expect(result).toMatchObject({ kind: 'invalid-form', problem });
    expect(log).toEqual([]);
    expect(await world.customers.getCustomer('ana-garcia')).toEqual(before);
  });

  it.each([
    ['tampered', `${link('preferences').slice(0, -2)}xx`],
    ['expired', link('preferences', { e: Date.parse(NOW) / 1000 })],
    ['wrong-purpose', link('unsubscribe', { t: 'news' })],
    ['malformed', 'not-a-token'],
  ])('opens nothing for a %s link', async (problem, token) => {
    const { deps, log } = preferencesWorld();

    expect(await showPreferences(deps, token)).toEqual({ kind: 'invalid-link', problem });
    expect(await savePreferences(deps, token, form())).toEqual({ kind: 'invalid-link', problem });
    expect(log).toEqual([]);
  });

  it('unsubscribes from the topic once, retrying a race with another change', async () => {
    const { deps, log, world, conflictOnce } = preferencesWorld();
    conflictOnce();

    const first = await unsubscribe(deps, link('unsubscribe', { t: 'news' }));
    const second = await unsubscribe(deps, link('unsubscribe', { t: 'news' }));

    expect(first).toMatchObject({ kind: 'unsubscribed', already: false });
    expect(second).toMatchObject({ kind: 'unsubscribed', already: true });
    expect(log).toEqual([
      expect.objectContaining({
        source: 'one-click-unsubscribe',
        set: { topics: { news: false } },
      }),
    ]);
    const customer = await world.customers.getCustomer('ana-garcia');
    expect(customer?.preferences?.topics).toEqual({ news: false });
  });

  it('withdraws email consent when the message had no topic', async () => {
    const { deps, world } = preferencesWorld();

    await unsubscribe(deps, link('unsubscribe'));

    const customer = await world.customers.getCustomer('ana-garcia');
    expect(customer?.consent.email).toMatchObject({
      status: 'denied',
      source: 'one-click-unsubscribe',
    });
  });
});

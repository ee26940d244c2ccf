import { describe, expect, it } from 'vitest';
import type { ConsentChange } from '../../../core/customer/consent.ts';
import { NotFoundError } from '../../../core/errors.ts';
import { getConsent } from '../../../core/use-cases/customers.ts';
import { aCustomer } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { customerDeps } from './support.ts';

function change(overrides: Partial<ConsentChange>): ConsentChange {
  return {
    channel: 'email',
    status: 'granted',
    source: 'web-form',
    at: '2026-11-01T15:00:00.000Z',
    by: 'pos',
    changeId: 'change-1',
    recordedAt: '2026-11-01T15:00:01.000Z',
    ...overrides,
  };
}

describe('getConsent', () => {
  it('answers the consent in force and the history, newest first', async () => {
    const world = fakeWorld('2026-11-23T20:00:00Z');
    world.customers.seed(aCustomer({ consent: {} }));
    const first = change({});
    const second = change({
      status: 'denied',
      at: '2026-11-10T00:00:00.000Z',
      changeId: 'change-2',
      recordedAt: '2026-11-10T00:00:01.000Z',
    });
    await world.customers.recordConsent('ana-garcia', first, []);
    await world.customers.recordConsent('ana-garcia', second, []);

    const result = await getConsent(customerDeps(world), 'ana-garcia');

    expect(result).toEqual({
      consent: {
        email: { status: 'denied', source: 'web-form', at: '2026-11-10T00:00:00.000Z', by: 'pos' },
      },
      history: [second, first],
    });
  });

  it('answers NotFoundError for an unknown customer', async () => {
    const world = fakeWorld('2026-11-23T20:00:00Z');

    await expect(getConsent(customerDeps(world), 'nobody')).rejects.toBeInstanceOf(NotFoundError);
  });
});

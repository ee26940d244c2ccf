import { describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../core/customer/customer-view.ts';
import { profileOf } from '../../../core/customer/customer-view.ts';
import { ConflictError, InvalidInputError } from '../../../core/errors.ts';
import { putCustomer } from '../../../core/use-cases/customers.ts';
import { aCustomer, anaInput, aProfile } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { customerDeps } from './support.ts';

const NOW = '2026-11-23T20:00:00.000Z';
const CALLER = { principal: 'arn:aws:iam::123456789012:role/crm' };

/** Ana as a touchpoint would send her in a replace: the profile only, no consent. */
function replacement(): Record<string, unknown> {
  const { consent: _consent, ...profile } = anaInput();
  return profile;
}

function setup(stored?: Customer) {
  const world = fakeWorld(NOW);
  if (stored) world.customers.seed(stored);
  return { world, deps: customerDeps(world) };
}

describe('putCustomer', () => {
  it('creates a customer at a new id, as registration does', async () => {
    const { world, deps } = setup();

    const result = await putCustomer(deps, 'ana-garcia', anaInput(), CALLER);

    expect(result.created).toBe(true);
    expect(result.customer).toMatchObject({ id: 'ana-garcia', createdAt: NOW });
    expect(await world.customers.getCustomer('ana-garcia')).toEqual(result.customer);
    expect(world.outbox.writes).toEqual([
      expect.objectContaining({
        operation: 'createCustomer',
        events: [
          expect.objectContaining({ type: 'customer.registered' }),
          expect.objectContaining({ type: 'consent.changed' }),
        ],
      }),
    ]);
  });

  it('creates a customer under the path id when the body names none', async () => {
    const { world, deps } = setup();
    const { id: _id, ...input } = anaInput();

    await putCustomer(deps, 'ana-2', input, CALLER);

    expect(await world.customers.getCustomer('ana-2')).toMatchObject({ id: 'ana-2' });
  });

  it('refuses a body whose id is not the path id, writing nothing', async () => {
    const { world, deps } = setup();

    const attempt = putCustomer(deps, 'someone-else', anaInput(), CALLER);

    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    expect(world.outbox.writes).toEqual([]);
  });

  it('replaces the profile, keeping when the customer was created and the consent in force', async () => {
    const stored = aCustomer();
    const { world, deps } = setup(stored);
    const body = { ...replacement(), name: { given: 'Ana María' }, attributes: { segment: 'vip' } };

    const result = await putCustomer(deps, 'ana-garcia', body, CALLER);

    const expected = {
      ...aProfile({ name: { given: 'Ana María' }, attributes: { segment: 'vip' } }),
      updatedAt: NOW,
      consent: stored.consent,
      reachability: {},
      holds: { openCases: [] },
    };
    expect(result).toEqual({ created: false, customer: expected });
    expect(await world.customers.getCustomer('ana-garcia')).toEqual(expected);
  });

  it('answers the replaced customer without the optional fields the replace left out, as stored', async () => {
    const { world, deps } = setup(aCustomer());
    const { owner: _owner, timeZone: _zone, ...body } = replacement();

    const result = await putCustomer(deps, 'ana-garcia', body, CALLER);

    const stored = await world.customers.getCustomer('ana-garcia');
    expect(stored).not.toHaveProperty('owner');
    expect(stored).not.toHaveProperty('timeZone');
    expect(result.customer).toEqual(stored);
  });

  it('writes customer.updated, naming the changed fields, in the same write as the profile', async () => {
    const { world, deps } = setup(aCustomer());
    const { owner: _owner, ...rest } = replacement();
    const body = { ...rest, name: { given: 'Ana María' } };

    await putCustomer(deps, 'ana-garcia', body, CALLER);

    expect(world.outbox.writes).toEqual([
      {
        operation: 'replaceProfile',
        key: 'ana-garcia',
        events: [
          {
            id: `customer.updated:ana-garcia:${NOW}`,
            type: 'customer.updated',
            occurredAt: NOW,
            data: { customerId: 'ana-garcia', changed: ['name', 'owner'] },
          },
        ],
      },
    ]);
  });

  it('moves the external ids a replace changes', async () => {
    const { world, deps } = setup(aCustomer());
    const body = { ...replacement(), externalIds: { web: 'W-9' } };

    await putCustomer(deps, 'ana-garcia', body, CALLER);

    expect(await world.customers.findCustomerIdByExternalId('pos', 'P-1001')).toBeUndefined();
    expect(await world.customers.findCustomerIdByExternalId('web', 'W-9')).toBe('ana-garcia');
  });

  it('refuses consent in a replace with a 400-style error pointing at the consent route, writing nothing', async () => {
    const stored = aCustomer();
    const { world, deps } = setup(stored);
    const body = {
      ...replacement(),
      name: { given: 'Changed' },
      consent: { email: { status: 'denied', source: 'crm', at: '2026-11-20T00:00:00Z' } },
    };

    const attempt = putCustomer(deps, 'ana-garcia', body, CALLER);

    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          path: ['consent'],
          message: expect.stringContaining('PUT /customers/ana-garcia/consent/{channel}'),
        }),
      ],
    });
    expect(world.outbox.writes).toEqual([]);
    expect(await world.customers.getCustomer('ana-garcia')).toEqual(stored);
  });

  it('keeps what Rapport computed about the customer through a replace', async () => {
    const stored = aCustomer({
      reachability: { email: { status: 'bounced', at: '2026-11-10T00:00:00.000Z' } },
      holds: { openCases: ['case-9'], marketingHeldUntil: '2026-12-01T00:00:00.000Z' },
      value: {
        tier: 'A',
        stage: 'trust',
        metrics: { spend: 1200 },
        computedAt: '2026-11-15T00:00:00.000Z',
        runId: 'run-1',
      },
      survey: { lastScore: 9, lastAnsweredAt: '2026-11-12T00:00:00.000Z' },
    });
    const { world, deps } = setup(stored);
    const { reachability, holds, value, survey } = stored;

    const result = await putCustomer(deps, 'ana-garcia', replacement(), CALLER);

    expect(result.customer).toMatchObject({ reachability, holds, value, survey });
    expect(await world.customers.getCustomer('ana-garcia')).toMatchObject({
      reachability,
      holds,
      value,
      survey,
    });
  });

  it('refuses a replace when someone changed the customer since it was read, writing nothing', async () => {
    const stored = aCustomer();
    const { world, deps } = setup(stored);
    const theirs = { ...profileOf(stored), name: { given: 'Theirs' }, updatedAt: NOW };
    // The other writer commits between this request's read and its write.
    vi.spyOn(world.customers, 'getCustomer').mockImplementationOnce(async () => {
      await world.customers.replaceProfile(theirs, profileOf(stored), []);
      return stored;
    });

    const attempt = putCustomer(deps, 'ana-garcia', replacement(), CALLER);

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await world.customers.getCustomer('ana-garcia')).toMatchObject({
      name: { given: 'Theirs' },
    });
    expect(world.outbox.events).toEqual([]);
  });
});

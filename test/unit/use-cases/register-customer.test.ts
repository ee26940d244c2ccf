import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../../../core/errors.ts';
import { registerCustomer } from '../../../core/use-cases/customers.ts';
import { anaInput, aProfile } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { customerDeps } from './support.ts';

const NOW = '2026-11-23T20:00:00.000Z';
const POS = { principal: 'arn:aws:iam::123456789012:role/pos' };
const GRANTED = {
  status: 'granted',
  source: 'web-form',
  at: '2026-11-01T15:00:00.000Z',
  by: POS.principal,
} as const;

function setup() {
  const world = fakeWorld(NOW);
  return { world, deps: customerDeps(world) };
}

describe('registerCustomer', () => {
  it('registers a customer under the id they bring, with their consent in force recorded by the caller', async () => {
    const { world, deps } = setup();

    const customer = await registerCustomer(deps, anaInput(), POS);

    const expected = {
      ...aProfile({ createdAt: NOW, updatedAt: NOW }),
      consent: { email: GRANTED },
      reachability: {},
      holds: { openCases: [] },
    };
    expect(customer).toEqual(expected);
    expect(await world.customers.getCustomer('ana-garcia')).toEqual(expected);
    expect(await world.customers.findCustomerIdByExternalId('pos', 'P-1001')).toBe('ana-garcia');
  });

  it('writes customer.registered and one consent.changed per decision in the same write as the customer', async () => {
    const { world, deps } = setup();

    await registerCustomer(deps, anaInput(), POS);

    expect(world.outbox.writes).toEqual([
      {
        operation: 'createCustomer',
        key: 'ana-garcia',
        events: [
          {
            id: 'customer.registered:ana-garcia',
            type: 'customer.registered',
            occurredAt: NOW,
            data: { customerId: 'ana-garcia' },
          },
          {
            id: 'consent.changed:ana-garcia:email:id-1',
            type: 'consent.changed',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              channel: 'email',
              status: 'granted',
              source: 'web-form',
              by: POS.principal,
            },
          },
        ],
      },
    ]);
  });

  it('keeps each initial consent decision in the history with its caller, change id and time', async () => {
    const { world, deps } = setup();

    await registerCustomer(deps, anaInput(), POS);

    expect(await world.customers.consentHistory('ana-garcia', 10)).toEqual([
      { channel: 'email', ...GRANTED, changeId: 'id-1', recordedAt: NOW },
    ]);
  });

  it('generates an id for a customer who brings none', async () => {
    const { world, deps } = setup();
    const { id: _id, ...input } = anaInput();

    const customer = await registerCustomer(deps, input, POS);

    expect(customer.id).toBe('id-1');
    expect(await world.customers.getCustomer('id-1')).toMatchObject({ name: { given: 'Ana' } });
    expect(world.outbox.events[0]).toMatchObject({ id: 'customer.registered:id-1' });
  });

  it('registers a customer without consent with no consent in force and only customer.registered', async () => {
    const { world, deps } = setup();

    const customer = await registerCustomer(deps, { ...anaInput(), consent: {} }, POS);

    expect(customer.consent).toEqual({});
    expect(world.outbox.events.map((event) => event.type)).toEqual(['customer.registered']);
  });

  it('refuses a body that is not a customer, writing nothing', async () => {
    const { world, deps } = setup();
    const input = { ...anaInput(), name: { given: '' } };

    await expect(registerCustomer(deps, input, POS)).rejects.toBeInstanceOf(InvalidInputError);
    expect(world.outbox.writes).toEqual([]);
  });

  it('refuses a consent decided in the future, naming the field, writing nothing', async () => {
    const { world, deps } = setup();
    const input = anaInput();
    input.consent = {
      email: { status: 'granted', source: 'web-form', at: '2026-11-26T00:00:00Z' },
    };

    const attempt = registerCustomer(deps, input, POS);

    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidInputError',
      issues: [expect.objectContaining({ path: ['consent', 'email', 'at'] })],
    });
    expect(world.outbox.writes).toEqual([]);
    expect(await world.customers.getCustomer('ana-garcia')).toBeUndefined();
  });

  it('refuses to register an id that is taken, keeping the first customer', async () => {
    const { world, deps } = setup();
    await registerCustomer(deps, anaInput(), POS);
    const other = { ...anaInput(), externalIds: {}, name: { given: 'Other' } };

    await expect(registerCustomer(deps, other, POS)).rejects.toBeInstanceOf(ConflictError);
    expect(await world.customers.getCustomer('ana-garcia')).toMatchObject({
      name: { given: 'Ana' },
    });
    expect(world.outbox.writes.map((write) => write.operation)).toEqual(['createCustomer']);
  });

  it('refuses a customer whose external id belongs to another, writing nothing', async () => {
    const { world, deps } = setup();
    await registerCustomer(deps, anaInput(), POS);
    const other = { ...anaInput(), id: 'other', externalIds: { pos: 'P-1001' } };

    await expect(registerCustomer(deps, other, POS)).rejects.toBeInstanceOf(ConflictError);
    expect(await world.customers.getCustomer('other')).toBeUndefined();
  });
});

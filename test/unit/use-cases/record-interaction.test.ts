import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../core/errors.ts';
import { recordInteraction } from '../../../core/use-cases/record-interaction.ts';
import {
  aCustomer,
  anInteraction,
  interactionRecorded,
  visitInput,
} from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';

const NOW = '2026-11-23T20:00:01.000Z';

function setup() {
  const world = fakeWorld(NOW);
  world.customers.seed(aCustomer());
  const deps = {
    customers: world.customers,
    interactions: world.interactions,
    clock: world.clock.now,
  };
  return { world, deps };
}

describe('recordInteraction', () => {
  it('records a new interaction for the customer, stamped with when it was recorded', async () => {
    const { world, deps } = setup();

    const result = await recordInteraction(deps, visitInput());

    const recorded = anInteraction({ recordedAt: NOW });
    expect(result).toEqual({ status: 'recorded', interaction: recorded });
    expect((await world.interactions.timeline('ana-garcia', 10)).interactions).toEqual([recorded]);
  });

  it('writes interaction.recorded with the interaction in the same write', async () => {
    const { world, deps } = setup();

    await recordInteraction(deps, visitInput());

    expect(world.outbox.writes).toEqual([
      {
        operation: 'recordInteraction',
        key: 'pos-2026-11-23-0001',
        events: [interactionRecorded(anInteraction({ recordedAt: NOW }))],
      },
    ]);
  });

  it('replays the same interaction with the first result, writing nothing, whatever its key order and offset', async () => {
    const { world, deps } = setup();
    await recordInteraction(deps, visitInput());
    world.clock.advance(3_600_000);
    const { id, ...rest } = visitInput();
    const resent = { ...rest, occurredAt: '2026-11-23T20:00:00Z', id };

    const result = await recordInteraction(deps, resent);

    expect(result).toEqual({ status: 'replayed', interaction: anInteraction({ recordedAt: NOW }) });
    expect(world.outbox.writes.map((write) => write.operation)).toEqual(['recordInteraction']);
  });

  it('refuses the same id with other content as a conflict, writing nothing', async () => {
    const { world, deps } = setup();
    await recordInteraction(deps, visitInput());
    const other = { ...visitInput(), type: 'purchase' };

    await expect(recordInteraction(deps, other)).rejects.toBeInstanceOf(ConflictError);
    expect(world.outbox.writes.map((write) => write.operation)).toEqual(['recordInteraction']);
    expect((await world.interactions.timeline('ana-garcia', 10)).interactions).toEqual([
      expect.objectContaining({ type: 'visit' }),
    ]);
  });

  it('records for the customer an external id names', async () => {
    const { deps } = setup();
    const input = { ...visitInput(), customer: { system: 'pos', externalId: 'P-1001' } };

    const result = await recordInteraction(deps, input);

    expect(result.interaction.customerId).toBe('ana-garcia');
  });

  it('refuses an external id nobody has with NotFoundError naming it, writing nothing', async () => {
    const { world, deps } = setup();
    const input = { ...visitInput(), customer: { system: 'pos', externalId: 'P-0000' } };

    await expect(recordInteraction(deps, input)).rejects.toMatchObject({
      name: 'NotFoundError',
      key: 'pos:P-0000',
    });
    expect(world.outbox.writes).toEqual([]);
  });

  it('refuses an unknown customer id with NotFoundError, writing nothing', async () => {
    const { world, deps } = setup();
    const input = { ...visitInput(), customer: { id: 'nobody' } };

    await expect(recordInteraction(deps, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(world.outbox.writes).toEqual([]);
  });

  it('refuses an interaction that happens in the future, naming the field, writing nothing', async () => {
    const { world, deps } = setup();
    const input = { ...visitInput(), occurredAt: '2026-11-25T20:00:02Z' };

    await expect(recordInteraction(deps, input)).rejects.toMatchObject({
      name: 'InvalidInputError',
      issues: [expect.objectContaining({ path: ['occurredAt'] })],
    });
    expect(world.outbox.writes).toEqual([]);
  });

  it('refuses a body that is not an interaction, writing nothing', async () => {
    const { world, deps } = setup();
    const input = { ...visitInput(), type: 'telepathy' };

    await expect(recordInteraction(deps, input)).rejects.toBeInstanceOf(InvalidInputError);
    expect(world.outbox.writes).toEqual([]);
  });
});

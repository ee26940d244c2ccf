import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../core/errors.ts';
import { getCustomerByExternalId, getCustomerView } from '../../../core/use-cases/customers.ts';
import { aCustomer, anInteraction } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { aSchedule, customerDeps } from './support.ts';

async function setup() {
  const world = fakeWorld('2026-11-25T00:00:00Z');
  world.customers.seed(aCustomer());
  const earlier = anInteraction({ id: 'visit-1' });
  const later = anInteraction({
    id: 'purchase-2',
    type: 'purchase',
    occurredAt: '2026-11-24T18:00:00.000Z',
  });
  await world.interactions.recordInteraction(earlier, 'h1', []);
  await world.interactions.recordInteraction(later, 'h2', []);
  const expired = aSchedule({ status: 'expired', reason: 'due-time-passed' });
  const message = {
    messageId: expired.scheduleId,
    customerId: 'ana-garcia',
    scheduleId: expired.scheduleId,
    automationId: expired.automationId,
    category: 'service',
    channel: 'email',
    status: 'expired',
    reason: 'due-time-passed',
    createdAt: '2026-11-24T20:00:00.000Z',
  } as const;
  await world.schedules.createSchedule(expired, { message, events: [] });
  return { world, deps: customerDeps(world), earlier, later, message };
}

describe('getCustomerView', () => {
  it('answers the customer with the timeline of interactions and messages, newest first', async () => {
    const { deps, earlier, later, message } = await setup();

    const view = await getCustomerView(deps, 'ana-garcia');

    expect(view).toEqual({
      customer: aCustomer(),
      timeline: { interactions: [later, earlier], messages: [message] },
    });
  });

  it('answers NotFoundError for an unknown customer', async () => {
    const { deps } = await setup();

    await expect(getCustomerView(deps, 'nobody')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('getCustomerByExternalId', () => {
  it('answers the view of the customer an external id belongs to', async () => {
    const { deps } = await setup();

    const view = await getCustomerByExternalId(deps, 'pos', 'P-1001');

    expect(view.customer.id).toBe('ana-garcia');
    expect(view.timeline.interactions.map((interaction) => interaction.id)).toEqual([
      'purchase-2',
      'visit-1',
    ]);
  });

  it('answers NotFoundError naming an external id nobody has', async () => {
    const { deps } = await setup();

    await expect(getCustomerByExternalId(deps, 'pos', 'P-0000')).rejects.toMatchObject({
      name: 'NotFoundError',
      key: 'pos:P-0000',
    });
  });
});

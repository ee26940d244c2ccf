import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../core/events.ts';
import { createEngineHandler } from '../../functions/automation-engine/app.ts';
import { dynamoStores } from '../../functions/shared/aws-deps.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { LocalEventBus } from '../../local/local-bus.ts';
import { LocalScheduler } from '../../local/local-scheduler.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { aCustomer, anInteraction, interactionRecorded } from '../support/builders.ts';
import { freshTable } from '../support/services.ts';

let stores: ReturnType<typeof dynamoStores>;
let scheduler: LocalScheduler;
let bus: LocalEventBus;
const clock = new Date('2026-11-23T20:00:05Z');
let engine: ReturnType<typeof createEngineHandler>;

beforeAll(async () => {
  const app = await freshTable('engine');
  const schedulerTable = await freshTable('engine-scheduler');
  stores = dynamoStores(app.tableName, app.db);
  scheduler = new LocalScheduler(
    schedulerTable.db,
    schedulerTable.tableName,
    async () => undefined,
  );
  bus = new LocalEventBus(() => clock);
  engine = createEngineHandler({
    ...stores,
    catalog: loadCatalog(),
    scheduler,
    bus,
    clock: () => clock,
    defaultTimeZone: 'UTC',
  });
  await stores.customers.createCustomer(aCustomer({ externalIds: {} }));
});

const deliver = (event: DomainEvent) =>
  engine(
    {
      version: '0',
      id: 'eb-1',
      'detail-type': event.type,
      source: 'rapport',
      account: '1',
      time: event.occurredAt,
      region: 'local',
      resources: [],
      detail: event,
    },
    lambdaContext('engine-test'),
  );

describe('automation engine on DynamoDB Local', () => {
  it('records one pending schedule and one scheduler entry however often the event is delivered', async () => {
    const event = interactionRecorded(anInteraction({ id: 'int-delivered-twice' }));

    const first = await deliver(event);
    await deliver(event);

    const [planned] = first.planned;
    expect(planned?.due.instant).toBe('2026-11-24T15:00:00.000Z');
    expect(await stores.schedules.getSchedule(planned?.scheduleId ?? '')).toMatchObject({
      status: 'pending',
      trigger: { interaction: { type: 'visit', localDate: '23 de noviembre de 2026' } },
    });
    expect((await scheduler.pending()).filter((s) => s.name === planned?.scheduleId)).toHaveLength(
      1,
    );
    expect(
      bus.recent.filter((e) => e.id === `action.scheduled:${planned?.scheduleId}`),
    ).toHaveLength(1);
  });

  it('records a late event as expired and schedules nothing for it', async () => {
    const late = interactionRecorded(
      anInteraction({ id: 'int-late', occurredAt: '2026-11-01T15:00:00.000Z' }),
    );

    const outcome = await deliver(late);

    const [planned] = outcome.planned;
    expect(planned?.timing).toBe('expired');
    expect(await stores.schedules.getSchedule(planned?.scheduleId ?? '')).toMatchObject({
      status: 'expired',
    });
    expect((await scheduler.pending()).map((s) => s.name)).not.toContain(planned?.scheduleId);
  });

  it('plans nothing for an interaction type no automation wants', async () => {
    const outcome = await deliver(
      interactionRecorded(anInteraction({ id: 'int-complaint', type: 'complaint' })),
    );

    expect(outcome).toEqual({ planned: [] });
  });

  it('skips, and says so, an event about a customer that no longer exists', async () => {
    const outcome = await deliver(
      interactionRecorded(anInteraction({ id: 'int-ghost', customerId: 'ghost' })),
    );

    expect(outcome).toEqual({ planned: [], skipped: 'customer-not-found' });
  });

  it('throws on a malformed event so that it reaches the dead-letter queue', async () => {
    await expect(
      deliver({ id: 'x', type: 'interaction.recorded' } as unknown as DomainEvent),
    ).rejects.toThrowError(/is not a Rapport event/);
  });
});

import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../core/events/registry.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { anAutomation, testCatalog } from '../support/catalogs.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

/** The envelope EventBridge hands the engine for one of Rapport's events. */
function delivery(event: DomainEvent): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: `delivery-${event.id}`,
    'detail-type': event.type,
    source: 'rapport',
    account: '000000000000',
    time: event.occurredAt,
    region: 'local',
    resources: [],
    detail: event,
  };
}

describe('the automation engine on the local runtime', () => {
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), async ({ api }) => {
    expect((await api.post('/customers', anaInput())).status).toBe(201);
  });
  const engine = (event: DomainEvent) =>
    local.runtime.functions.engine(delivery(event), lambdaContext('engine-test'));

  async function recordVisit(id: string) {
    const response = await local.api.post('/interactions', { ...visitInput(), id });
    expect(response.status).toBe(201);
    await local.runtime.settle();
    return {
      id: `interaction.recorded:${id}`,
      type: 'interaction.recorded',
      occurredAt: String(response.body.recordedAt),
      data: { customerId: 'ana-garcia', interaction: response.body },
    } as DomainEvent;
  }

  it('plans one action, one schedule and one action.scheduled event however often the event is delivered', async () => {
    const event = await recordVisit('engine-replayed');

    await engine(event);
    await engine(event);
    await local.runtime.settle();

    const pending = await local.runtime.scheduler.pending();
    const ours = pending.filter((entry) => entry.dueAt === '2026-11-24T15:00:00.000Z');
    expect(ours).toHaveLength(1);
    const announced = local.runtime.bus.recent.filter(
      (published) => published.id === `action.scheduled:${ours[0]?.name}`,
    );
    expect(announced).toHaveLength(1);
  });

  it('heals a schedule lost before it was created: a retry after the due time sends at once', async () => {
    const event = await recordVisit('engine-lost-schedule');
    const [lost] = (await local.runtime.scheduler.pending()).filter(
      (entry) => !entry.name.startsWith('rapport-'),
    );
    expect(lost).toBeDefined();
    // The schedule vanished (a crash between the record and CreateSchedule, say) ...
    expect(await local.runtime.scheduler.cancel(lost?.name ?? '')).toBe('cancelled');
    // ... and EventBridge redelivers the event one minute after the due time.
    await local.runtime.advanceTo(new Date('2026-11-24T15:01:00Z'));

    await engine(event);
    await local.runtime.settle();

    const view = await local.api.get('/customers/ana-garcia');
    const messages = (view.body.timeline as { messages: { scheduleId: string; status: string }[] })
      .messages;
    expect(messages).toContainEqual(
      expect.objectContaining({ scheduleId: lost?.name, status: 'sent' }),
    );
  });

  it('skips, and says so, an event about a customer that no longer exists', async () => {
    const outcome = await engine({
      id: 'interaction.recorded:ghost-visit',
      type: 'interaction.recorded',
      occurredAt: '2026-11-23T20:00:00.000Z',
      data: {
        customerId: 'ghost',
        interaction: {
          id: 'ghost-visit',
          customerId: 'ghost',
          type: 'visit',
          touchpoint: 'store',
          occurredAt: '2026-11-23T20:00:00.000Z',
          metadata: {},
          recordedAt: '2026-11-23T20:00:00.000Z',
        },
      },
    });

    expect(outcome).toEqual({ planned: [], skipped: 'customer-not-found' });
  });

  it('throws on a malformed event so that it reaches the dead-letter queue', async () => {
    await expect(
      local.runtime.functions.engine(
        { ...delivery((await recordVisit('engine-malformed')) as DomainEvent), detail: { id: 1 } },
        lambdaContext('engine-test'),
      ),
    ).rejects.toThrow(/is not a Rapport event/);
  });
});

describe('actions due now go through the queue, not a schedule in the past', () => {
  const email = uniqueAddress('now');
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api }) => {
      expect((await api.post('/customers', { ...anaInput(), contact: { email } })).status).toBe(
        201,
      );
    },
    {
      catalog: testCatalog([
        anAutomation({ id: 'thanks-at-once', delay: { kind: 'none' }, category: 'service' }),
      ]),
    },
  );

  it('sends a `delay: none` action at once, with no schedule created', async () => {
    const response = await local.api.post('/interactions', { ...visitInput(), id: 'at-once' });
    expect(response.status).toBe(201);

    await local.runtime.settle();

    expect(await local.runtime.scheduler.pending()).toEqual([]);
    expect((await sentEmails(local.runtime.sesUrl, email)).map((mail) => mail.subject)).toEqual([
      'Hello Ana',
    ]);
  });
});

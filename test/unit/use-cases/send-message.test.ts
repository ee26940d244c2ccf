import { describe, expect, it } from 'vitest';
import { runPlannedAction } from '../../../core/dispatch/run-action.ts';
import { planFromEvent } from '../../../core/use-cases/plan-from-event.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { aCustomer, interactionRecorded } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { NOW, planDeps, sendSetup, wakeDeps } from './support.ts';

describe('sendMessage: sending', () => {
  it('sends the rendered message from the sender to the customer, tagged with the automation and schedule', async () => {
    const { world, id } = sendSetup();

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'sent', scheduleId: id });
    expect(world.mailer.attempts).toEqual([
      {
        channel: 'email',
        messageId: id,
        customerId: 'ana-garcia',
        category: 'service',
        to: 'ana@example.com',
        subject: 'Hello Ana',
        text: 'Hi Ana.',
        tags: { automation: 'test-follow-up', schedule: id },
      },
    ]);
  });

  it('records a sent message on the timeline with message.sent, in the write that completes the claim', async () => {
    const { world, schedule, id } = sendSetup();

    await runPlannedAction(wakeDeps(world), id);

    expect(await world.schedules.getSchedule(id)).toEqual({
      ...schedule,
      status: 'sent',
      attempts: 1,
      messageId: id,
      updatedAt: NOW,
    });
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([
      {
        messageId: id,
        customerId: 'ana-garcia',
        scheduleId: id,
        automationId: 'test-follow-up',
        category: 'service',
        channel: 'email',
        status: 'sent',
        to: 'ana@example.com',
        template: 'hello',
        locale: 'en',
        subject: 'Hello Ana',
        providerMessageId: 'provider-1',
        createdAt: NOW,
      },
    ]);
    expect(world.outbox.writes).toEqual([
      { operation: 'claimSchedule', key: id, events: [] },
      {
        operation: 'completeSchedule',
        key: id,
        events: [
          {
            id: `message.sent:${id}`,
            type: 'message.sent',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              messageId: id,
              scheduleId: id,
              automationId: 'test-follow-up',
              channel: 'email',
            },
          },
        ],
      },
    ]);
  });

  it("sends the shipped follow-up in the customer's language, signed by their rep", async () => {
    const world = fakeWorld('2026-11-23T20:00:01.000Z');
    world.customers.seed(aCustomer());
    const catalog = loadCatalog();
    const { planned } = await planFromEvent(planDeps(world, catalog), interactionRecorded());
    world.clock.set(NOW);

    await runPlannedAction(wakeDeps(world, catalog), planned[0]?.scheduleId ?? '');

    expect(world.mailer.delivered).toEqual([
      {
        message: expect.objectContaining({
          subject: 'Ana, ¿cómo le fue?',
          text: expect.stringMatching(
            /Gracias por su visita del 23 de noviembre de 2026\.[\s\S]*Luis Pérez\nRapport/,
          ),
          html: expect.stringContaining('<p>Hola Ana:</p>'),
        }),
        providerMessageId: 'provider-1',
      },
    ]);
  });
});

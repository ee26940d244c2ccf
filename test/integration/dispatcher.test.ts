import { MessageRejected, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import type { Wake } from '../../core/dispatch/wake.ts';
import { injectFault } from '../faults/inject.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

const flaky = uniqueAddress('flaky');
const rejected = uniqueAddress('rejected');
const broken = uniqueAddress('broken');
const failuresLeft = new Map([
  [flaky, 1],
  [broken, 99],
]);

/** The recipient of a SendEmail request. */
const recipient = (input: Record<string, unknown>) =>
  ((input.Destination as { ToAddresses?: string[] } | undefined)?.ToAddresses ?? [])[0] ?? '';

/**
 * The dispatcher behind the dispatch queue, against the local SES with faults per recipient: a
 * transient error retried a minute later, a permanent rejection recorded at once, errors that
 * outlast the attempt budget recorded as failed, and a wake-up that is not one dead-lettered.
 */
describe('the dispatcher on the queue, the local SES and DynamoDB Local', () => {
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api, runtime }) => {
      for (const [id, email] of [
        ['flaky', flaky],
        ['rejected', rejected],
        ['broken', broken],
      ] as const) {
        const customer = { ...anaInput(), id, externalIds: {}, contact: { email } };
        expect((await api.post('/customers', customer)).status).toBe(201);
        const visit = { ...visitInput(), id: `visit-${id}`, customer: { id } };
        expect((await api.post('/interactions', visit)).status).toBe(201);
      }
      await runtime.settle();
    },
    {
      wrap: {
        ses: (client) =>
          injectFault(client, {
            command: 'SendEmailCommand',
            fail: (_call, input) => {
              const to = recipient(input);
              if (to === rejected)
                return new MessageRejected({
                  message: 'Email address is not verified',
                  $metadata: {},
                });
              const left = failuresLeft.get(to) ?? 0;
              if (left === 0) return undefined;
              failuresLeft.set(to, left - 1);
              return new SESv2ServiceException({
                name: 'InternalFailure',
                $fault: 'server',
                $metadata: { httpStatusCode: 500 },
                message: 'SES is having a bad day',
              });
            },
          }),
      },
    },
  );

  const messageOf = async (id: string) => {
    const view = await local.api.get(`/customers/${id}`);
    return (view.body.timeline as { messages: Record<string, unknown>[] }).messages[0];
  };

  it('retries a transient failure a minute later, and records the rejection at once', async () => {
    const { runtime } = local;
    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));

    expect(await messageOf('flaky')).toBeUndefined();
    expect(await messageOf('rejected')).toMatchObject({
      status: 'failed',
      reason: 'delivery-error: Email address is not verified',
    });

    await runtime.advanceTo(new Date('2026-11-24T15:01:00Z'));

    expect(await messageOf('flaky')).toMatchObject({
      status: 'sent',
      createdAt: '2026-11-24T15:01:00.000Z',
    });
    expect(await sentEmails(runtime.sesUrl, flaky)).toHaveLength(1);
    expect(await sentEmails(runtime.sesUrl, rejected)).toHaveLength(0);
  });

  it('records as failed what is still failing when the attempt budget is spent', async () => {
    await local.runtime.advanceTo(new Date('2026-11-24T16:00:00Z'));

    expect(await messageOf('broken')).toMatchObject({
      status: 'failed',
      reason: 'delivery-error: SES is having a bad day',
    });
    // Three attempts: at 10:00, +1 min and +3 min.
    expect(failuresLeft.get(broken)).toBe(96);
  });

  it('dead-letters a message that is not a wake-up, after the queue gives up on it', async () => {
    await local.runtime.queue.send({ kind: 'run-action' } as unknown as Wake);

    await local.runtime.advanceBy(12 * 3600_000);

    const deadLetters = (await local.api.get('/_local/dead-letters')).body;
    expect(deadLetters.queue).toEqual([
      expect.objectContaining({ wake: { kind: 'run-action' }, receiveCount: 8 }),
    ]);
  });
});

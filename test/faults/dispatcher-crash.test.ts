import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { injectFault } from './inject.ts';

/** Whether a DynamoDB write is the one recording `status` on a schedule (before or after marshalling). */
function recordsStatus(input: Record<string, unknown>, status: string): boolean {
  const items = (input.TransactItems ?? []) as {
    Update?: { ExpressionAttributeValues?: Record<string, unknown> };
  }[];
  const value = items[0]?.Update?.ExpressionAttributeValues?.[':status'];
  return value === status || (value as { S?: string } | undefined)?.S === status;
}

/**
 * The dispatcher dies between SES accepting the email and recording it: from that moment its
 * writes fail, as they would for an invocation that is gone. The wake-up then comes back as on
 * AWS: once at once (a duplicate delivery), then after the queue's backoff (+1 min, +3 min). The
 * action must end in a final state, never stranded, and the email must not go out twice.
 */
describe('the dispatcher killed between the SES send and the record', () => {
  const email = uniqueAddress('crash');
  let dead = true;
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api, runtime }) => {
      expect((await api.post('/customers', { ...anaInput(), contact: { email } })).status).toBe(
        201,
      );
      expect((await api.post('/interactions', visitInput())).status).toBe(201);
      await runtime.settle();
    },
    {
      wrap: {
        dynamo: (client) =>
          injectFault(client, {
            command: 'TransactWriteItemsCommand',
            fail: (_call, input) => {
              if (!dead || !recordsStatus(input, 'sent')) return undefined;
              dead = false;
              return new DynamoDBServiceException({
                name: 'InvocationTerminated',
                $fault: 'server',
                $metadata: {},
                message: 'the invocation died before recording the send',
              });
            },
          }),
      },
    },
  );

  it('ends failed with the outcome unknown after the claim expires, and sends once', async () => {
    const { runtime } = local;
    const [schedule] = await runtime.scheduler.pending();
    expect(schedule).toBeDefined();
    const scheduleId = schedule?.name ?? '';

    // 10:00 in Bogota: the send goes through, the record does not; at once, a duplicate wake-up.
    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));
    await runtime.queue.send({ kind: 'run-action', scheduleId });
    await runtime.settle();
    expect(await sentEmails(runtime.sesUrl, email)).toHaveLength(1);
    const held = await local.api.get('/customers/ana-garcia');
    expect((held.body.timeline as { messages: unknown[] }).messages).toEqual([]);

    // +1 min: the claim (90 s) still holds, so the retries wait. +3 min: it has expired.
    const atOne = await runtime.advanceTo(new Date('2026-11-24T15:01:00Z'));
    expect(atOne.fired.map((f) => f.outcome)).toEqual(['retrying', 'retrying']);
    const atThree = await runtime.advanceTo(new Date('2026-11-24T15:03:00Z'));

    expect(atThree.fired.map((f) => f.result?.status)).toEqual(['failed', 'failed']);
    const view = await local.api.get('/customers/ana-garcia');
    expect((view.body.timeline as { messages: unknown[] }).messages).toEqual([
      expect.objectContaining({
        scheduleId,
        status: 'failed',
        reason: expect.stringMatching(/^send-outcome-unknown: /),
      }),
    ]);
    await runtime.advanceTo(new Date('2026-11-25T15:00:00Z'));
    expect(await sentEmails(runtime.sesUrl, email)).toHaveLength(1);
    expect(await runtime.queue.visible()).toEqual([]);
    expect(await runtime.queue.deadLetters()).toEqual([]);
  });
});

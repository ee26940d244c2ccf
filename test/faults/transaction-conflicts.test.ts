import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { type Injected, injectFault } from './inject.ts';

/**
 * Every transaction first loses a race: DynamoDB cancels it with TransactionConflict (DynamoDB
 * Local never does, so it is injected on the real client). Each is retried with jittered backoff:
 * no request answers 500, nothing is written twice, the email still goes out once.
 */
describe('TransactionConflict on every transaction', () => {
  const email = uniqueAddress('conflict');
  let transactions: Injected | undefined;
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), undefined, {
    wrap: {
      dynamo: (client) => {
        const faulty = injectFault(client, {
          command: 'TransactWriteItemsCommand',
          fail: (call) =>
            call % 2 === 1
              ? new TransactionCanceledException({
                  message:
                    'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
                  $metadata: {},
                  CancellationReasons: [{ Code: 'TransactionConflict' }],
                })
              : undefined,
        });
        transactions = faulty;
        return faulty;
      },
    },
  });

  it('retries each one: every request succeeds and the flow completes once', async () => {
    const { api, runtime } = local;
    const { consent: _consent, ...profile } = anaInput();

    const responses = [
      await api.post('/customers', { ...anaInput(), contact: { email } }),
      await api.put('/customers/ana-garcia', { ...profile, contact: { email }, locale: 'en' }),
      await api.put('/customers/ana-garcia/consent/email', { status: 'granted', source: 'pos' }),
      await api.post('/interactions', visitInput()),
    ];
    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));

    expect(responses.map((response) => response.status)).toEqual([201, 200, 200, 201]);
    expect(transactions?.failures()).toBeGreaterThanOrEqual(5);
    const view = await api.get('/customers/ana-garcia');
    const timeline = view.body.timeline as {
      interactions: unknown[];
      messages: { status: string }[];
    };
    expect(timeline.interactions).toHaveLength(1);
    expect(timeline.messages.map((message) => message.status)).toEqual(['sent']);
    expect((await sentEmails(runtime.sesUrl, email)).map((mail) => mail.subject)).toEqual([
      'Ana, how did it go?',
    ]);
  });
});

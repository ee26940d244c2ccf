import { InternalServerError } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { type Injected, injectFault } from './inject.ts';

/**
 * A recovery step dies after handing the acknowledgement to the dispatcher and before recording it
 * on the case (the case write fails, as a Lambda timing out there would leave it). Step Functions
 * runs the step again: the message is planned under the same id, so the customer gets one
 * acknowledgement, and the case records it once.
 */
describe('a complaint step that dies between the hand-over and the case write', () => {
  const email = uniqueAddress('complaint-crash');
  let caseWrites: Injected | undefined;
  const local = useTestRuntime(new Date('2026-11-23T14:00:05Z'), undefined, {
    wrap: {
      dynamo: (client) => {
        const faulty = injectFault(client, {
          // The base client's command: the document client marshals into it.
          command: 'PutItemCommand',
          fail: (_call, input): Error | undefined => {
            const item = JSON.stringify(input.Item ?? {});
            const acknowledging = item.includes('CASE#') && item.includes('"acknowledged"');
            return acknowledging && (caseWrites?.failures() ?? 0) === 0
              ? new InternalServerError({ message: 'the step died here', $metadata: {} })
              : undefined;
          },
        });
        caseWrites = faulty;
        return faulty;
      },
    },
  });

  it('is run again: one acknowledgement sent, recorded once', async () => {
    // Prepare
    const { api, runtime } = local;
    expect((await api.post('/customers', { ...anaInput(), contact: { email } })).status).toBe(201);
    const complaint = {
      ...visitInput(),
      id: 'complaint-crash-1',
      type: 'complaint',
      occurredAt: '2026-11-23T09:00:00-05:00',
    };

    // Act
    expect((await api.post('/interactions', complaint)).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-23T14:05:00Z'));

    // Assess
    expect(caseWrites?.failures()).toBe(1);
    const sent = (await sentEmails(runtime.sesUrl, email)).filter((mail) =>
      (mail.body.text ?? '').includes('case-interaction-complaint-crash-1'),
    );
    expect(sent).toHaveLength(1);
    const found = await api.get('/cases/case-interaction-complaint-crash-1');
    const kinds = (found.body.history as { kind: string }[]).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'acknowledged')).toHaveLength(1);
    expect(kinds).not.toContain('notification-failed');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SesFeedbackEvent,
  toProviderFeedback,
} from '../../functions/delivery-feedback/ses-event.ts';
import { LocalSesFeedback } from '../../local/ses-feedback.ts';

const NOW = new Date('2026-11-24T15:00:00.000Z');

/** A stand-in for the local SES's `/store`: the emails it accepted, as aws-ses-v2-local lists them. */
function outbox(emails: { messageId: string; to: string[]; at: number }[]) {
  return createServer((request, response) => {
    const since = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('since') ?? 0);
    const listed = emails
      .filter((email) => email.at >= since)
      .map((email) => ({
        messageId: email.messageId,
        from: 'rapport@example.com',
        destination: { to: email.to, cc: [], bcc: [] },
        subject: 'Hello',
        body: { text: 'Hi' },
        at: email.at,
      }));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ emails: listed }));
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The feedback emitter on a given outbox, with the bus's PutEvents entries captured. */
function emitter(sesUrl: string) {
  const put: { DetailType?: string; Detail?: string }[] = [];
  const eventBridge = {
    send: async (command: PutEventsCommand) => {
      put.push(...(command.input.Entries ?? []));
      return { FailedEntryCount: 0, Entries: [] };
    },
  } as unknown as EventBridgeClient;
  const db = { send: async () => ({}) } as unknown as DynamoDBDocumentClient;
  const feedback = new LocalSesFeedback({
    sesUrl,
    eventBridge,
    state: { db, tableName: 'unused' },
    clock: () => NOW,
  });
  /** What the feedback function would read from each event put on the bus. */
  const reports = () =>
    put.map((entry) =>
      toProviderFeedback(
        SesFeedbackEvent.parse({
          source: 'aws.ses',
          'detail-type': entry.DetailType,
          detail: JSON.parse(entry.Detail ?? '{}'),
        }),
      ),
    );
  return { feedback, put, reports };
}

describe('the local SES feedback (what a configuration set would publish)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
    vi.restoreAllMocks();
  });

  it("answers each mailbox-simulator address as SES does, labels included, with SES's message id", async () => {
    const server = outbox([
      { messageId: 'm-bounce', to: ['bounce+ana@simulator.amazonses.com'], at: 100 },
      { messageId: 'm-complaint', to: ['complaint@simulator.amazonses.com'], at: 100 },
      { messageId: 'm-suppressed', to: ['suppressionlist@simulator.amazonses.com'], at: 101 },
      { messageId: 'm-success', to: ['success@simulator.amazonses.com'], at: 101 },
      { messageId: 'm-ordinary', to: ['ana@example.com'], at: 102 },
    ]);
    servers.push(server);
    const { feedback, put, reports } = emitter(await listen(server));

    expect(await feedback.emitNew()).toBe(6);

    expect(put.map((entry) => entry.DetailType)).toEqual([
      'Email Bounced',
      'Email Delivered',
      'Email Complaint Received',
      'Email Bounced',
      'Email Delivered',
      'Email Delivered',
    ]);
    expect(reports().map((r) => [r.providerMessageId, r.kind, r.bounceType, r.detail])).toEqual([
      ['m-bounce', 'bounced', 'Permanent', 'Permanent/General: smtp; 550 5.1.1 user unknown'],
      ['m-complaint', 'delivered', undefined, '250 2.6.0 Message received'],
      ['m-complaint', 'complained', undefined, 'complaint: abuse'],
      [
        'm-suppressed',
        'bounced',
        'Permanent',
        expect.stringMatching(/^Permanent\/OnAccountSuppressionList: /),
      ],
      ['m-success', 'delivered', undefined, '250 2.6.0 Message received'],
      ['m-ordinary', 'delivered', undefined, '250 2.6.0 Message received'],
    ]);
    expect(reports().every((r) => r.at === NOW.toISOString())).toBe(true);
  });

  it('reports each accepted email once, even those sent in the second it last read', async () => {
    const emails = [{ messageId: 'first', to: ['a@example.com'], at: 100 }];
    const server = outbox(emails);
    servers.push(server);
    const { feedback, reports } = emitter(await listen(server));
    await feedback.emitNew();

    emails.push({ messageId: 'same-second', to: ['b@example.com'], at: 100 });
    emails.push({ messageId: 'later', to: ['c@example.com'], at: 101 });
    await feedback.emitNew();
    await feedback.emitNew();

    expect(reports().map((r) => r.providerMessageId)).toEqual(['first', 'same-second', 'later']);
  });

  it('waits out a local SES that is down instead of failing the runtime, and misses nothing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const emails = [{ messageId: 'before', to: ['a@example.com'], at: 100 }];
    const server = outbox(emails);
    const url = await listen(server);
    const { feedback, reports } = emitter(url);
    await new Promise((resolve) => server.close(resolve));

    expect(await feedback.emitNew()).toBe(0);
    expect(await feedback.emitNew()).toBe(0);
    expect(errors).toHaveBeenCalledTimes(1);

    const again = outbox(emails);
    servers.push(again);
    await new Promise<void>((resolve) =>
      again.listen(Number(new URL(url).port), '127.0.0.1', resolve),
    );
    expect(await feedback.emitNew()).toBe(1);
    expect(reports().map((r) => r.providerMessageId)).toEqual(['before']);
  });
});

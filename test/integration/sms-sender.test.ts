import type { Server } from 'node:http';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, ThrottledError } from '../../core/errors.ts';
import type { OutgoingMessage } from '../../core/ports.ts';
import { SmsSender } from '../../functions/adapters/sms/sms-sender.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { startHttpServer } from '../../local/http-server.ts';
import { LocalSms } from '../../local/sms-local.ts';

const message: OutgoingMessage = {
  channel: 'sms',
  messageId: 'schedule-1',
  customerId: 'ana-garcia',
  to: '+573001234567',
  category: 'service',
  text: 'Hola Ana, ¿cómo le fue?',
  tags: { automation: 'next-day-follow-up', schedule: 'schedule-1' },
};

/**
 * The SMS sender with the real SDK client against the local SendTextMessage endpoint alone (no
 * runtime): what it puts on the wire, and how each error the service answers reaches the
 * dispatcher.
 */
describe('the SMS sender over the End User Messaging SMS API', () => {
  const sms = new LocalSms(() => new Date('2026-11-24T15:00:00Z'));
  let server: Server;
  let url: string;
  const client = (maxAttempts = 1) =>
    new PinpointSMSVoiceV2Client({ ...LOCAL_AWS, endpoint: `${url}/_aws/sms/`, maxAttempts });
  const failNext = (fault: Record<string, unknown>) =>
    fetch(`${url}/_local/sms/failure`, { method: 'POST', body: JSON.stringify(fault) });

  beforeAll(async () => {
    server = await startHttpServer(
      0,
      async () => ({ statusCode: 404 }),
      async (method, path, body, headers) => sms.route(method, path, body, headers),
    );
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends service messages as TRANSACTIONAL from the configured identity, with the tags as context', async () => {
    const sender = new SmsSender(client(), {
      originationIdentity: '+15555550100',
      configurationSetName: 'rapport-sms',
    });

    const { providerMessageId } = await sender.send(message);

    expect(sms.messages.at(-1)).toEqual({
      messageId: providerMessageId,
      at: '2026-11-24T15:00:00.000Z',
      to: '+573001234567',
      body: 'Hola Ana, ¿cómo le fue?',
      messageType: 'TRANSACTIONAL',
      originationIdentity: '+15555550100',
      configurationSetName: 'rapport-sms',
      context: { automation: 'next-day-follow-up', schedule: 'schedule-1' },
      // 'ó' is not in the GSM-7 alphabet.
      encoding: 'UCS-2',
      segments: 1,
    });
  });

  it('sends marketing as PROMOTIONAL and leaves the identity to the service when none is set', async () => {
    await new SmsSender(client()).send({ ...message, category: 'marketing' });

    const sent = sms.messages.at(-1);
    expect(sent?.messageType).toBe('PROMOTIONAL');
    expect(sent).not.toHaveProperty('originationIdentity');
  });

  it('turns throttling into ThrottledError, so the wake-up is put back without spending an attempt', async () => {
    await failNext({ error: 'ThrottlingException', times: 1 });

    await expect(new SmsSender(client()).send(message)).rejects.toBeInstanceOf(ThrottledError);
  });

  it.each([
    ['ConflictException', 'DESTINATION_PHONE_NUMBER_OPTED_OUT'],
    ['ValidationException', 'INVALID_PARAMETER'],
    ['ServiceQuotaExceededException', 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT'],
    ['AccessDeniedException', undefined],
  ])('treats %s %s as permanent, naming the reason', async (error, reason) => {
    await failNext({ error, times: 1, ...(reason ? { reason } : {}) });

    const sending = new SmsSender(client()).send(message);

    await expect(sending).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sending).rejects.toThrow(reason ? `${error} ${reason}` : error);
  });

  it('lets a server error through as transient, after the SDK retried it itself', async () => {
    await failNext({ error: 'InternalServerException', times: 2 });
    const before = sms.messages.length;

    // Two refusals, then the SDK's third attempt goes through.
    await new SmsSender(client(3)).send(message);
    expect(sms.messages).toHaveLength(before + 1);

    await failNext({ error: 'InternalServerException', times: 1 });
    const failing = new SmsSender(client(1)).send(message);
    await expect(failing).rejects.toMatchObject({ name: 'InternalServerException' });
    await expect(failing).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });
});

import { describe, expect, it } from 'vitest';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { customerInput, sentSms, smsCatalog, visitBy } from './sms-support.ts';

describe('SMS through the local End User Messaging endpoint', () => {
  // 10:00 in Bogota, outside quiet hours.
  const local = useTestRuntime(new Date('2026-11-24T15:00:00Z'), undefined, {
    catalog: smsCatalog,
  });

  it('texts a customer who prefers SMS and consented to it, with the rendered text', async () => {
    const { api, runtime } = local;
    const contact = { email: uniqueAddress('texted'), phone: '+573001110001' };
    const customer = customerInput('texted', contact, ['sms', 'email'], ['sms', 'email']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('texted'))).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T15:01:00Z'));

    const texts = await sentSms(runtime.apiUrl, contact.phone);
    expect(texts).toEqual([
      expect.objectContaining({
        body: 'Hi Ana, thank you for your visit today. Rapport',
        messageType: 'TRANSACTIONAL',
        encoding: 'GSM-7',
        segments: 1,
        context: expect.objectContaining({ automation: 'thanks' }),
      }),
    ]);
    expect(await sentEmails(runtime.sesUrl, contact.email)).toEqual([]);
    const view = await api.get('/customers/texted');
    const messages = (view.body.timeline as { messages: Record<string, unknown>[] }).messages;
    expect(messages).toEqual([
      expect.objectContaining({
        status: 'sent',
        channel: 'sms',
        to: contact.phone,
        providerMessageId: texts[0]?.messageId,
      }),
    ]);
  });

  it('emails a customer who prefers SMS but gave no SMS consent, and says why', async () => {
    const { api, runtime } = local;
    const contact = { email: uniqueAddress('emailed'), phone: '+573001110002' };
    const customer = customerInput('emailed', contact, ['sms', 'email'], ['email']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('emailed'))).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T15:02:00Z'));

    expect(await sentSms(runtime.apiUrl, contact.phone)).toEqual([]);
    const [email, ...more] = await sentEmails(runtime.sesUrl, contact.email);
    expect(more).toEqual([]);
    expect(email?.subject).toBe('Thank you, Ana');
    const decisions = (await api.get('/customers/emailed/decisions')).body.decisions;
    expect(decisions).toEqual([
      expect.objectContaining({
        outcome: 'sent',
        channel: 'email',
        skipped: [{ channel: 'sms', reason: 'no-consent' }],
      }),
    ]);
  });

  it('answers only SendTextMessage, and refuses a number that is not E.164 as the service does', async () => {
    const { runtime } = local;
    const call = (target: string, body: unknown) =>
      fetch(`${runtime.apiUrl}/_aws/sms/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
        body: JSON.stringify(body),
      });

    const other = await call('PinpointSMSVoiceV2.DescribePhoneNumbers', {});
    const malformed = await call('PinpointSMSVoiceV2.SendTextMessage', {
      DestinationPhoneNumber: '3001110003',
      MessageBody: 'hello',
    });

    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ __type: 'UnknownOperationException' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ __type: 'ValidationException' });
    expect(await sentSms(runtime.apiUrl, '3001110003')).toEqual([]);
  });
});

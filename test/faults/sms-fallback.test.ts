import { describe, expect, it } from 'vitest';
import { customerInput, sentSms, smsCatalog, visitBy } from '../integration/sms-support.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { type Injected, injectFault } from './inject.ts';

const sesDown = uniqueAddress('ses-down');

/** What Node's HTTP client raises when nothing listens on SES's port: the service is stopped. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8005'), {
    code: 'ECONNREFUSED',
    syscall: 'connect',
  });
}

const recipient = (input: Record<string, unknown>) =>
  ((input.Destination as { ToAddresses?: string[] } | undefined)?.ToAddresses ?? [])[0] ?? '';

/**
 * A `preferred` message whose first channel keeps failing: transient failures are retried with
 * backoff up to the attempt budget (3 locally), then the action falls back to the customer's next
 * channel. Every step is a recorded decision, the message ends in one final state, and the
 * customer gets exactly one message.
 */
describe('falling back to the next channel when one fails', () => {
  let ses: Injected | undefined;
  const local = useTestRuntime(new Date('2026-11-24T15:00:00Z'), undefined, {
    catalog: smsCatalog,
    wrap: {
      ses: (client) => {
        // Only this customer's mail meets the stopped SES; the fallback tests need it working.
        const faulty = injectFault(client, {
          command: 'SendEmailCommand',
          fail: (_call, input) => (recipient(input) === sesDown ? connectionRefused() : undefined),
        });
        ses = faulty;
        return faulty;
      },
    },
  });
  const smsControl = (method: string, body?: unknown) =>
    fetch(`${local.runtime.apiUrl}/_local/sms/failure`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const refusedSms = async () =>
    ((await (await fetch(`${local.runtime.apiUrl}/_local/sms`)).json()) as { refused: number })
      .refused;
  const outcome = async (customerId: string) => {
    const { api } = local;
    const decisions = (await api.get(`/customers/${customerId}/decisions`)).body.decisions as {
      outcome: string;
      channel?: string;
    }[];
    const view = await api.get(`/customers/${customerId}`);
    const messages = (view.body.timeline as { messages: Record<string, unknown>[] }).messages;
    // Newest first: read them in the order they happened.
    return { decisions: decisions.map((d) => [d.outcome, d.channel]).reverse(), messages };
  };

  it('retries an SMS the endpoint keeps failing, then emails instead, once', async () => {
    const { api, runtime } = local;
    const contact = { email: uniqueAddress('sms-down'), phone: '+573002220001' };
    expect(
      (await smsControl('POST', { error: 'InternalServerException', to: contact.phone })).status,
    ).toBe(200);
    const customer = customerInput('sms-down', contact, ['sms', 'email'], ['sms', 'email']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('sms-down'))).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T16:00:00Z'));

    expect(await sentSms(runtime.apiUrl, contact.phone)).toEqual([]);
    // Three dispatcher attempts (RAPPORT_MAX_ATTEMPTS), each with the SDK's three tries of a
    // server error, before the fallback.
    expect(await refusedSms()).toBe(9);
    const emails = await sentEmails(runtime.sesUrl, contact.email);
    expect(emails.map((email) => email.subject)).toEqual(['Thank you, Ana']);
    const { decisions, messages } = await outcome('sms-down');
    expect(decisions).toEqual([
      ['fallback', 'sms'],
      ['sent', 'email'],
    ]);
    expect(messages).toEqual([
      expect.objectContaining({ status: 'sent', channel: 'email', to: contact.email }),
    ]);
    expect(await runtime.queue.deadLetters()).toEqual([]);
    expect((await smsControl('DELETE')).status).toBe(200);
  });

  it('falls back at once, without retrying, when the number opted out of SMS, and records the opt-out as the customer withdrawing SMS consent', async () => {
    const { api, runtime } = local;
    const contact = { email: uniqueAddress('opted-out'), phone: '+573002220002' };
    const refusedBefore = await refusedSms();
    await smsControl('POST', {
      error: 'ConflictException',
      reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
      to: contact.phone,
    });
    const customer = customerInput('opted-out', contact, ['sms', 'email'], ['sms', 'email']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('opted-out'))).status).toBe(201);
    // No backoff to wait for: the fallback is queued straight away.
    await runtime.advanceTo(new Date('2026-11-24T16:00:30Z'));

    expect(await refusedSms()).toBe(refusedBefore + 1);
    expect(await sentSms(runtime.apiUrl, contact.phone)).toEqual([]);
    expect(await sentEmails(runtime.sesUrl, contact.email)).toHaveLength(1);
    const { decisions } = await outcome('opted-out');
    expect(decisions).toEqual([
      ['fallback', 'sms'],
      ['sent', 'email'],
    ]);
    const all = (await api.get('/customers/opted-out/decisions')).body.decisions as {
      reason?: string;
    }[];
    expect(all.map((d) => d.reason)).toContainEqual(
      expect.stringContaining('DESTINATION_PHONE_NUMBER_OPTED_OUT'),
    );
    // The STOP reply is the customer's decision: SMS consent denied, with its source and caller,
    // so later messages skip SMS instead of failing on it.
    const consent = (await api.get('/customers/opted-out/consent')).body as {
      consent: Record<string, unknown>;
      history: { channel: string }[];
    };
    expect(consent.consent.sms).toMatchObject({
      status: 'denied',
      source: 'provider-opt-out',
      by: 'rapport-dispatcher',
    });
    expect(consent.history.filter((c) => c.channel === 'sms')).toHaveLength(2);
    expect(runtime.bus.recent.map((event) => event.type)).toContain('consent.changed');
    await smsControl('DELETE');
  });

  it('does not fall back when End User Messaging throttles: the SMS goes later, once', async () => {
    const { api, runtime } = local;
    const contact = { email: uniqueAddress('throttled'), phone: '+573002220004' };
    const refusedBefore = await refusedSms();
    // As many refusals as the SDK's own tries: the dispatcher sees one ThrottlingException.
    await smsControl('POST', { error: 'ThrottlingException', to: contact.phone, times: 3 });
    const customer = customerInput('throttled', contact, ['sms', 'email'], ['sms', 'email']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('throttled'))).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T16:10:00Z'));

    expect(await refusedSms()).toBe(refusedBefore + 3);
    expect(await sentSms(runtime.apiUrl, contact.phone)).toHaveLength(1);
    expect(await sentEmails(runtime.sesUrl, contact.email)).toEqual([]);
    expect((await outcome('throttled')).decisions).toEqual([['sent', 'sms']]);
  });

  it('retries while SES is stopped, then texts the customer instead, once', async () => {
    const { api, runtime } = local;
    const contact = { email: sesDown, phone: '+573002220003' };
    const customer = customerInput('ses-down', contact, ['email', 'sms'], ['email', 'sms']);
    expect((await api.post('/customers', customer)).status).toBe(201);

    expect((await api.post('/interactions', visitBy('ses-down'))).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T17:00:00Z'));

    // The fault sits outside the SDK's retries: one refused call per dispatcher attempt.
    expect(ses?.failures()).toBe(3);
    expect(await sentEmails(runtime.sesUrl, sesDown)).toEqual([]);
    const texts = await sentSms(runtime.apiUrl, contact.phone);
    expect(texts.map((text) => text.body)).toEqual([
      'Hi Ana, thank you for your visit today. Rapport',
    ]);
    const { decisions, messages } = await outcome('ses-down');
    expect(decisions).toEqual([
      ['fallback', 'email'],
      ['sent', 'sms'],
    ]);
    expect(messages).toEqual([
      expect.objectContaining({
        status: 'sent',
        channel: 'sms',
        to: contact.phone,
        providerMessageId: texts[0]?.messageId,
      }),
    ]);
    expect(await runtime.queue.deadLetters()).toEqual([]);
  });
});

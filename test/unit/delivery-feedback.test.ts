import { describe, expect, it } from 'vitest';
import type { Customer } from '../../core/customer/customer-view.ts';
import type { SentMessageRef } from '../../core/ports.ts';
import {
  type ProviderFeedback,
  recordProviderFeedback,
} from '../../core/use-cases/delivery-feedback.ts';
import { aCustomer } from '../support/builders.ts';
import { feedbackWorld } from '../support/fakes/delivery-feedback-store.ts';

const SENT: SentMessageRef = {
  customerId: 'ana-garcia',
  messageId: 'msg-1',
  createdAt: '2026-11-24T15:00:00.000Z',
  channel: 'email',
  to: 'ana@example.com',
};

const hardBounce: ProviderFeedback = {
  providerMessageId: 'ses-1',
  kind: 'bounced',
  bounceType: 'Permanent',
  at: '2026-11-24T15:01:02.669Z',
  detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
};
const delivered: ProviderFeedback = {
  providerMessageId: 'ses-1',
  kind: 'delivered',
  at: '2026-11-24T15:00:01.998Z',
  detail: '250 2.6.0 Message received',
};
const complaint: ProviderFeedback = {
  providerMessageId: 'ses-1',
  kind: 'complained',
  at: '2026-11-25T09:11:58.000Z',
  detail: 'complaint: abuse',
};

/** Ana, who was sent message msg-1 (SES id ses-1) at her email address. */
function world(customer: Customer = aCustomer()) {
  const w = feedbackWorld(customer);
  w.messages.seed('ses-1', SENT);
  return w;
}

describe('delivery feedback', () => {
  it('records a hard bounce on the message and stops the address it was sent to', async () => {
    const w = world();

    const outcome = await recordProviderFeedback(w, hardBounce);

    expect(outcome).toEqual({
      outcome: 'recorded',
      customerId: 'ana-garcia',
      messageId: 'msg-1',
      messageChanged: true,
      stopped: {
        channel: 'email',
        status: 'bounced',
        at: hardBounce.at,
        address: 'ana@example.com',
        reason: hardBounce.detail,
      },
    });
    expect(w.messages.reportOf('msg-1')).toEqual({
      status: 'bounced',
      at: hardBounce.at,
      detail: hardBounce.detail,
    });
    expect((await w.customers.getCustomer('ana-garcia'))?.reachability.email).toMatchObject({
      status: 'bounced',
      address: 'ana@example.com',
    });
  });

  it('records a soft bounce on the message but keeps the address: the next send may work', async () => {
    const w = world();

    const outcome = await recordProviderFeedback(w, {
      ...hardBounce,
      bounceType: 'Transient',
      detail: 'Transient/MailboxFull',
    });

    expect(outcome).toMatchObject({ outcome: 'recorded', messageChanged: true });
    expect(outcome).not.toHaveProperty('stopped');
    expect(w.messages.reportOf('msg-1')?.status).toBe('bounced');
    expect(w.state.writes).toBe(0);
  });

  it('changes nothing when the same report arrives a second time', async () => {
    const w = world();
    await recordProviderFeedback(w, hardBounce);

    const again = await recordProviderFeedback(w, hardBounce);

    expect(again).toMatchObject({ messageChanged: false, unchanged: 'already-recorded' });
    expect(w.messages.writes).toBe(1);
    expect(w.state.writes).toBe(1);
  });

  it('keeps the stronger report when a delivery arrives after the complaint (out of order)', async () => {
    const w = world();
    await recordProviderFeedback(w, complaint);

    const late = await recordProviderFeedback(w, delivered);

    expect(late).toEqual({
      outcome: 'recorded',
      customerId: 'ana-garcia',
      messageId: 'msg-1',
      messageChanged: false,
    });
    expect(w.messages.reportOf('msg-1')?.status).toBe('complained');
  });

  it('replaces a delivery with the complaint that follows it and stops the address', async () => {
    const w = world();
    await recordProviderFeedback(w, delivered);

    const outcome = await recordProviderFeedback(w, complaint);

    expect(outcome).toMatchObject({
      messageChanged: true,
      stopped: { channel: 'email', status: 'complained', address: 'ana@example.com' },
    });
    expect(w.messages.reportOf('msg-1')).toEqual({
      status: 'complained',
      at: complaint.at,
      detail: 'complaint: abuse',
    });
  });

  it('leaves consent and marketing topics alone on a complaint: stopping the address is enough', async () => {
    const w = world();
    const before = await w.customers.getCustomer('ana-garcia');

    await recordProviderFeedback(w, complaint);

    const after = await w.customers.getCustomer('ana-garcia');
    expect(after?.consent).toEqual(before?.consent);
    expect(after?.preferences).toEqual(before?.preferences);
  });

  it('answers unknown-message for a message Rapport did not send, and writes nothing', async () => {
    const w = world();

    const outcome = await recordProviderFeedback(w, { ...hardBounce, providerMessageId: 'other' });

    expect(outcome).toEqual({ outcome: 'unknown-message', providerMessageId: 'other' });
    expect(w.messages.writes).toBe(0);
    expect(w.state.writes).toBe(0);
  });

  it('does not let a late report overwrite newer knowledge of the channel', async () => {
    const newer = {
      status: 'bounced',
      at: '2026-11-26T00:00:00.000Z',
      address: 'ana@new.example.com',
    } as const;
    const w = world(aCustomer({ reachability: { email: newer } }));

    const outcome = await recordProviderFeedback(w, complaint);

    expect(outcome).toMatchObject({ messageChanged: true, unchanged: 'newer-recorded' });
    expect((await w.customers.getCustomer('ana-garcia'))?.reachability.email).toEqual(newer);
    expect(w.state.writes).toBe(0);
  });

  it('does not let a report about an address the customer left undo the stop of the one in use', async () => {
    const moved = { email: 'ana@new.example.com', phone: '+573001234567' };
    const stopped = {
      status: 'bounced',
      at: '2026-11-25T00:00:00.000Z',
      address: 'ana@new.example.com',
    } as const;
    const w = world(aCustomer({ contact: moved, reachability: { email: stopped } }));

    // The complaint about the old address comes after the new one bounced (complaints take days).
    const outcome = await recordProviderFeedback(w, complaint);

    expect(outcome).toMatchObject({ messageChanged: true, unchanged: 'address-no-longer-used' });
    expect((await w.customers.getCustomer('ana-garcia'))?.reachability.email).toEqual(stopped);
  });

  it('still records the report when the customer is gone', async () => {
    const w = world();
    w.messages.seed('ses-2', { ...SENT, customerId: 'gone', messageId: 'msg-2' });

    const outcome = await recordProviderFeedback(w, { ...hardBounce, providerMessageId: 'ses-2' });

    expect(outcome).toMatchObject({ messageChanged: true, unchanged: 'customer-not-found' });
    expect(w.messages.reportOf('msg-2')?.status).toBe('bounced');
  });
});

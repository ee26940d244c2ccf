import { describe, expect, it, vi } from 'vitest';
import { createFeedbackHandler } from '../../functions/delivery-feedback/app.ts';
import {
  type SesEventBridgeEvent,
  SesFeedbackEvent,
  toProviderFeedback,
} from '../../functions/delivery-feedback/ses-event.ts';
import { logger } from '../../functions/shared/logger.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import bounced from '../fixtures/ses/email-bounced.json' with { type: 'json' };
import complained from '../fixtures/ses/email-complaint-received.json' with { type: 'json' };
import delivered from '../fixtures/ses/email-delivered.json' with { type: 'json' };
import { aCustomer } from '../support/builders.ts';
import { feedbackWorld } from '../support/fakes/delivery-feedback-store.ts';

/** A fixture as EventBridge delivers it; cloned so a test can change it freely. */
const event = (fixture: object) => structuredClone(fixture) as unknown as SesEventBridgeEvent;
const detailOf = (e: SesEventBridgeEvent) => e.detail as Record<string, unknown>;

describe('SES events from EventBridge', () => {
  it.each([
    [
      'a delivery',
      delivered,
      {
        kind: 'delivered',
        at: '2026-11-24T15:00:01.998Z',
        detail: '250 2.6.0 Message received',
      },
    ],
    [
      'a hard bounce',
      bounced,
      {
        kind: 'bounced',
        bounceType: 'Permanent',
        at: '2026-11-24T15:01:02.669Z',
        detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
      },
    ],
    [
      'a complaint',
      complained,
      { kind: 'complained', at: '2026-11-25T09:11:58.000Z', detail: 'complaint: abuse' },
    ],
  ])('reads %s as the report the core records', (_name, fixture, report) => {
    const parsed = SesFeedbackEvent.parse(event(fixture));

    expect(toProviderFeedback(parsed)).toEqual({
      providerMessageId: '0100019a-ses-message-000001',
      ...report,
    });
  });

  it('reads a time with an offset as the same instant in UTC', () => {
    const e = event(delivered);
    (detailOf(e).delivery as Record<string, unknown>).timestamp = '2026-11-24T10:00:01.998-05:00';

    expect(toProviderFeedback(SesFeedbackEvent.parse(e)).at).toBe('2026-11-24T15:00:01.998Z');
  });

  it.each([
    ['another source', (e: SesEventBridgeEvent) => ({ ...e, source: 'rapport' })],
    ['an event type Rapport does not listen to', (e) => ({ ...e, 'detail-type': 'Email Opened' })],
    [
      'a detail-type that contradicts the detail',
      (e) => ({ ...e, 'detail-type': 'Email Delivered' }),
    ],
    [
      'a bounce without its bounce',
      (e) => ({ ...e, detail: { ...detailOf(e), bounce: undefined } }),
    ],
    ['an unknown bounce type', (e) => withBounce(e, { bounceType: 'Soft' })],
    ['a message without its id', (e) => withMail(e, { messageId: '' })],
  ] satisfies [string, (e: SesEventBridgeEvent) => unknown][])('refuses %s', (_name, change) => {
    expect(SesFeedbackEvent.safeParse(change(event(bounced))).success).toBe(false);
  });
});

describe('the delivery feedback handler', () => {
  const invoke = (world: ReturnType<typeof feedbackWorld>, input: unknown) =>
    createFeedbackHandler(world)(input as SesEventBridgeEvent, lambdaContext('feedback-test'));
  const ref = {
    customerId: 'ana-garcia',
    messageId: 'msg-1',
    createdAt: '2026-11-24T15:00:00.000Z',
    channel: 'email',
    to: 'ana@example.com',
  } as const;

  it('throws on an event it cannot read, so Lambda retries it and then dead-letters it', async () => {
    const world = feedbackWorld(aCustomer());
    const malformed = withBounce(event(bounced), { bouncedRecipients: 'ana@example.com' });

    await expect(invoke(world, malformed)).rejects.toThrow(
      /is not an SES delivery, bounce or complaint event: .*bouncedRecipients/,
    );
    expect(world.messages.writes).toBe(0);
  });

  it('logs and drops an event for a message Rapport did not send: no retry would help', async () => {
    const world = feedbackWorld(aCustomer());
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    await expect(invoke(world, event(bounced))).resolves.toEqual({
      outcome: 'unknown-message',
      providerMessageId: '0100019a-ses-message-000001',
    });
    expect(world.messages.writes).toBe(0);
    expect(world.state.writes).toBe(0);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('did not send'),
      expect.objectContaining({ feedback: expect.objectContaining({ kind: 'bounced' }) }),
    );
    warn.mockRestore();
  });

  it('records a bounce of a message Rapport sent and stops the address', async () => {
    const world = feedbackWorld(aCustomer());
    world.messages.seed('0100019a-ses-message-000001', ref);

    await expect(invoke(world, event(bounced))).resolves.toMatchObject({
      outcome: 'recorded',
      messageChanged: true,
      stopped: { channel: 'email', status: 'bounced', address: 'ana@example.com' },
    });
  });
});

function withBounce(e: SesEventBridgeEvent, fields: Record<string, unknown>) {
  const detail = detailOf(e);
  return { ...e, detail: { ...detail, bounce: { ...(detail.bounce as object), ...fields } } };
}

function withMail(e: SesEventBridgeEvent, fields: Record<string, unknown>) {
  const detail = detailOf(e);
  return { ...e, detail: { ...detail, mail: { ...(detail.mail as object), ...fields } } };
}

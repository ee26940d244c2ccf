import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import type { ProviderFeedback } from '../../core/use-cases/delivery-feedback.ts';

/**
 * SES event publishing to EventBridge: a configuration set's event destination puts each email
 * sending event on the account's default bus with `source: aws.ses`, one detail-type per event
 * type, and the event record (the same JSON SES publishes to SNS and Firehose) as the detail.
 * https://docs.aws.amazon.com/ses/latest/dg/monitoring-eventbridge.html and
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
export const SES_EVENT_SOURCE = 'aws.ses';

/** The detail-type of each event type Rapport listens to (not "Email Complained"). */
export const SES_DETAIL_TYPE = {
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
} as const;
export const SES_FEEDBACK_DETAIL_TYPES = [
  SES_DETAIL_TYPE.Delivery,
  SES_DETAIL_TYPE.Bounce,
  SES_DETAIL_TYPE.Complaint,
] as const;

/** SES writes `2017-08-05T00:41:02.669Z`; read any offset, store UTC like every Rapport instant. */
const Timestamp = z.iso.datetime({ offset: true }).transform((at) => new Date(at).toISOString());

/** Unknown fields (headers, commonHeaders, sourceArn, ...) are dropped, not refused: SES adds some. */
const Mail = z.object({
  timestamp: Timestamp,
  messageId: z.string().min(1),
  destination: z.array(z.string()),
  /** The message's tags (Rapport's `automation`, `schedule`) and SES's auto-tags, as lists. */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const Recipient = z.object({ emailAddress: z.string() });

export const SesEventDetail = z.discriminatedUnion('eventType', [
  z.object({
    eventType: z.literal('Delivery'),
    mail: Mail,
    delivery: z.object({
      timestamp: Timestamp,
      recipients: z.array(z.string()),
      smtpResponse: z.string().optional(),
    }),
  }),
  z.object({
    eventType: z.literal('Bounce'),
    mail: Mail,
    bounce: z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.string(),
      bouncedRecipients: z.array(Recipient.extend({ diagnosticCode: z.string().optional() })),
      timestamp: Timestamp,
      feedbackId: z.string(),
    }),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    mail: Mail,
    complaint: z.object({
      complainedRecipients: z.array(Recipient),
      timestamp: Timestamp,
      feedbackId: z.string(),
      complaintFeedbackType: z.string().optional(),
      complaintSubType: z.string().nullable().optional(),
    }),
  }),
]);
export type SesEventDetail = z.infer<typeof SesEventDetail>;

export const SesFeedbackEvent = z
  .object({
    source: z.literal(SES_EVENT_SOURCE),
    'detail-type': z.enum(SES_FEEDBACK_DETAIL_TYPES),
    detail: SesEventDetail,
  })
  .refine((event) => event['detail-type'] === SES_DETAIL_TYPE[event.detail.eventType], {
    message: 'the detail-type does not match the detail eventType',
    path: ['detail-type'],
  });
export type SesFeedbackEvent = z.infer<typeof SesFeedbackEvent>;

export type SesEventBridgeEvent = EventBridgeEvent<string, unknown>;

/** The provider-neutral report the core records. */
export function toProviderFeedback({ detail }: SesFeedbackEvent): ProviderFeedback {
  const providerMessageId = detail.mail.messageId;
  switch (detail.eventType) {
    case 'Delivery':
      return {
        providerMessageId,
        kind: 'delivered',
        at: detail.delivery.timestamp,
        ...(detail.delivery.smtpResponse ? { detail: detail.delivery.smtpResponse } : {}),
      };
    case 'Bounce': {
      const { bounceType, bounceSubType, bouncedRecipients, timestamp } = detail.bounce;
      const diagnostic = bouncedRecipients.find((r) => r.diagnosticCode)?.diagnosticCode;
      return {
        providerMessageId,
        kind: 'bounced',
        bounceType,
        at: timestamp,
        detail: `${bounceType}/${bounceSubType}${diagnostic ? `: ${diagnostic}` : ''}`,
      };
    }
    case 'Complaint':
      return {
        providerMessageId,
        kind: 'complained',
        at: detail.complaint.timestamp,
        detail: `complaint: ${detail.complaint.complaintFeedbackType ?? 'not given'}`,
      };
  }
}

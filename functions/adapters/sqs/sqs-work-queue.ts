import {
  ChangeMessageVisibilityCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Wake } from '../../../core/dispatch/wake.ts';
import type { WorkQueue } from '../../../core/ports.ts';

/** SQS accepts at most 15 minutes of delay per message. */
export const MAX_DELAY_SECONDS = 900;

/** The dispatch queue on SQS: wake-ups that are due now, or within 15 minutes. */
export class SqsWorkQueue implements WorkQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(wake: Wake, options: { readonly delaySeconds?: number } = {}): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(wake),
        DelaySeconds: Math.min(
          MAX_DELAY_SECONDS,
          Math.max(0, Math.round(options.delaySeconds ?? 0)),
        ),
      }),
    );
  }

  /** Keeps a failed message out of sight for a while, so its retry comes later, not at once. */
  async retryLater(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.min(43_200, Math.max(0, Math.round(seconds))),
      }),
    );
  }
}

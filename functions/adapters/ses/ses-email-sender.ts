import {
  BadRequestException,
  MessageRejected,
  type SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { PermanentDeliveryError, ThrottledError } from '../../../core/errors.ts';
import type { OutgoingMessage, Sender } from '../../../core/ports.ts';

export interface SesEmailOptions {
  readonly from: { readonly address: string; readonly name: string };
  /** Where SES publishes send, delivery, bounce and complaint events. @default none */
  readonly configurationSetName?: string;
}

/** Email through SES v2 `SendEmail`, with the headers a message carries (RFC 8058 unsubscribe). */
export class SesEmailSender implements Sender {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: SesEmailOptions,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const { from, configurationSetName } = this.options;
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: mailbox(from.name, from.address),
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
              },
              ...(message.headers && message.headers.length > 0
                ? {
                    Headers: message.headers.map(({ name, value }) => ({
                      Name: name,
                      Value: value,
                    })),
                  }
                : {}),
            },
          },
          EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({
            Name,
            Value: tagValue(Value),
          })),
          ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      // Rejected content or a malformed request will fail the same way on every retry.
      if (error instanceof MessageRejected || error instanceof BadRequestException) {
        throw new PermanentDeliveryError(error.message, { cause: error });
      }
      // SES's sending rate (TooManyRequests) or daily quota (LimitExceeded): slow down, do not give up.
      if (isThrottling(error))
        throw new ThrottledError(String((error as Error).message), { cause: error });
      throw error;
    }
  }
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
]);

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return THROTTLING.has(error.name) || status === 429;
}

/** SES tag values allow only letters, digits, `_`, `-`, `.`, `@` (up to 256 characters). */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
}

/** `"Name" <address>`, with a non-ASCII name encoded as RFC 2047 requires (e.g. "Café Núñez"). */
export function mailbox(name: string, address: string): string {
  if (name === '') return address;
  const display = /^[\x20-\x7e]*$/.test(name)
    ? `"${name.replace(/["\\]/g, '\\$&')}"`
    : `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`;
  return `${display} <${address}>`;
}

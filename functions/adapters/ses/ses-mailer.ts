import {
  BadRequestException,
  MessageRejected,
  type SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { PermanentDeliveryError, ThrottledError } from '../../../core/errors.ts';
import type { Mailer, OutgoingEmail } from '../../../core/ports.ts';

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSetName?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    try {
      const result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: mailbox(email.from.name, email.from.address),
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: email.text, Charset: 'UTF-8' },
                ...(email.html ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
              },
            },
          },
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({
            Name,
            Value: tagValue(Value),
          })),
          ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
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

function isThrottling(error: unknown): boolean {
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

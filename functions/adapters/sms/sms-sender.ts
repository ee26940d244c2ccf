import {
  AccessDeniedException,
  ConflictException,
  type PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { OptedOutError, PermanentDeliveryError, ThrottledError } from '../../../core/errors.ts';
import type { OutgoingMessage, Sender } from '../../../core/ports.ts';
import { isThrottling } from '../ses/ses-email-sender.ts';

export interface SmsOptions {
  /**
   * The phone number, sender ID or pool (id or ARN) messages go out from.
   * @default none: End User Messaging picks one of the account's identities for the destination
   */
  readonly originationIdentity?: string;
  /** Where End User Messaging publishes delivery events. @default none */
  readonly configurationSetName?: string;
}

/**
 * SMS through AWS End User Messaging SMS (`SendTextMessage`, the Pinpoint SMS and Voice v2 API).
 * Service messages go as TRANSACTIONAL (carriers route them for reliability), marketing as
 * PROMOTIONAL (cheaper, and what carriers and the rules of many countries expect for offers).
 */
export class SmsSender implements Sender {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly options: SmsOptions = {},
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const { originationIdentity, configurationSetName } = this.options;
    try {
      const result = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: message.to,
          MessageBody: message.text,
          MessageType: message.category === 'marketing' ? 'PROMOTIONAL' : 'TRANSACTIONAL',
          ...(originationIdentity ? { OriginationIdentity: originationIdentity } : {}),
          ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
          // Context is logged with the delivery events, as tags are for SES.
          Context: { ...message.tags },
        }),
      );
      return { providerMessageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      if (isThrottling(error))
        throw new ThrottledError(String((error as Error).message), { cause: error });
      if (isOptedOut(error)) throw new OptedOutError(describe(error as Error), { cause: error });
      if (isPermanent(error))
        throw new PermanentDeliveryError(describe(error as Error), { cause: error });
      throw error;
    }
  }
}

/**
 * Failures a retry of the same message cannot fix: a malformed number or body, a destination
 * that opted out (ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT) or is not verified (a
 * sandbox account), an origination identity that does not exist or may not be used, and the
 * account's monthly SMS spend limit. Anything else (InternalServerException, network errors) is
 * transient. Throttling is checked before this, so ServiceQuotaExceeded here is a real limit.
 */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof ValidationException ||
    error instanceof ConflictException ||
    error instanceof AccessDeniedException ||
    error instanceof ResourceNotFoundException ||
    error instanceof ServiceQuotaExceededException
  );
}

/** The destination replied STOP (or was opted out on the account's opt-out list). */
function isOptedOut(error: unknown): boolean {
  return (
    error instanceof ConflictException &&
    (error as { Reason?: string }).Reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT'
  );
}

function describe(error: Error): string {
  const reason = (error as { Reason?: string }).Reason;
  return reason ? `${error.name} ${reason}: ${error.message}` : `${error.name}: ${error.message}`;
}

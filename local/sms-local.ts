import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { smsLength } from '../core/messaging/sms.ts';

/** One SendTextMessage call the endpoint accepted, as `GET /_local/sms` lists it. */
export interface RecordedSms {
  readonly messageId: string;
  /** On the local clock. */
  readonly at: string;
  readonly to: string;
  readonly body: string;
  readonly messageType?: string;
  readonly originationIdentity?: string;
  readonly configurationSetName?: string;
  readonly context?: Readonly<Record<string, string>>;
  /** What the carrier would bill: GSM-7 or UCS-2, and the segments. */
  readonly encoding: string;
  readonly segments: number;
}

/**
 * Errors the real API answers on SendTextMessage. Its model gives them no HTTP status, so as with
 * any AWS JSON service a client fault is a 400 and a server fault a 500; the SDK tells them apart
 * by `__type`. A test makes the endpoint answer one of them through `POST /_local/sms/failure`.
 */
const FAULT_STATUS = {
  ThrottlingException: 400,
  InternalServerException: 500,
  ValidationException: 400,
  ConflictException: 400,
  ServiceQuotaExceededException: 400,
  AccessDeniedException: 400,
  ResourceNotFoundException: 400,
} as const;

export const SmsFault = z.strictObject({
  error: z.enum(Object.keys(FAULT_STATUS) as [keyof typeof FAULT_STATUS]),
  /** The exception's `Reason` (e.g. DESTINATION_PHONE_NUMBER_OPTED_OUT for a ConflictException). */
  reason: z.string().optional(),
  /** Only calls to this number fail. @default every number */
  to: z.string().optional(),
  /** Fail this many calls, then accept again. @default until cleared */
  times: z.number().int().positive().optional(),
});
export type SmsFault = z.infer<typeof SmsFault>;

const SendTextMessage = z.object({
  DestinationPhoneNumber: z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be E.164'),
  MessageBody: z.string().min(1).max(1600),
  MessageType: z.enum(['TRANSACTIONAL', 'PROMOTIONAL']).optional(),
  OriginationIdentity: z.string().optional(),
  ConfigurationSetName: z.string().optional(),
  Context: z.record(z.string(), z.string()).optional(),
});

const TARGET_PREFIX = 'PinpointSMSVoiceV2.';
const JSON_10 = { 'content-type': 'application/x-amz-json-1.0' };

/**
 * AWS End User Messaging SMS, locally. No SMS service runs on this machine, and nothing leaves it:
 * this endpoint answers the real API (AWS JSON 1.0, `X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage`)
 * on the local HTTP server under `/_aws/sms/`, so the dispatcher's SmsSender and the real SDK
 * client serialise, send and parse exactly what they would on AWS. It records each message
 * (`GET /_local/sms`) and, when a test asks, fails the way the service does.
 */
export class LocalSms {
  private readonly sent: RecordedSms[] = [];
  private fault: (SmsFault & { failed: number }) | undefined;
  private refused = 0;

  constructor(private readonly now: () => Date) {}

  /** Answers `/_aws/sms` and `/_local/sms/*`; undefined for any other path. */
  route(
    method: string,
    path: string,
    body: string,
    headers: IncomingHttpHeaders = {},
  ): Promise<APIGatewayProxyStructuredResultV2> | undefined {
    const route = `${method} ${path.replace(/\/$/, '')}`;
    if (route === 'POST /_aws/sms') return Promise.resolve(this.api(headers, body));
    if (route === 'GET /_local/sms') return Promise.resolve(this.listing());
    if (route === 'POST /_local/sms/failure') return Promise.resolve(this.setFailure(body));
    if (route === 'DELETE /_local/sms/failure') {
      this.fault = undefined;
      return Promise.resolve(json(200, { failure: null }));
    }
    return undefined;
  }

  /** What was sent, oldest first. */
  get messages(): readonly RecordedSms[] {
    return this.sent;
  }

  private api(headers: IncomingHttpHeaders, body: string): APIGatewayProxyStructuredResultV2 {
    const target = String(headers['x-amz-target'] ?? '');
    if (target !== `${TARGET_PREFIX}SendTextMessage`) {
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      return awsError(
        400,
        'UnknownOperationException',
        `the local SMS endpoint answers SendTextMessage only, not '${operation || target}'`,
      );
    }
    let input: z.infer<typeof SendTextMessage>;
    try {
      input = SendTextMessage.parse(JSON.parse(body || '{}'));
    } catch (error) {
      const message = error instanceof z.ZodError ? z.prettifyError(error) : 'the body is not JSON';
      return awsError(400, 'ValidationException', message);
    }
    const fault = this.faultFor(input.DestinationPhoneNumber);
    if (fault) {
      this.refused++;
      return awsError(
        FAULT_STATUS[fault.error],
        fault.error,
        'injected by the local runtime',
        fault.reason,
      );
    }
    const length = smsLength(input.MessageBody);
    const recorded: RecordedSms = {
      messageId: randomUUID(),
      at: this.now().toISOString(),
      to: input.DestinationPhoneNumber,
      body: input.MessageBody,
      ...(input.MessageType ? { messageType: input.MessageType } : {}),
      ...(input.OriginationIdentity ? { originationIdentity: input.OriginationIdentity } : {}),
      ...(input.ConfigurationSetName ? { configurationSetName: input.ConfigurationSetName } : {}),
      ...(input.Context ? { context: input.Context } : {}),
      encoding: length.encoding,
      segments: length.segments,
    };
    this.sent.push(recorded);
    return {
      statusCode: 200,
      headers: JSON_10,
      body: JSON.stringify({ MessageId: recorded.messageId }),
    };
  }

  private faultFor(to: string): SmsFault | undefined {
    const fault = this.fault;
    if (!fault || (fault.to !== undefined && fault.to !== to)) return undefined;
    fault.failed++;
    if (fault.times !== undefined && fault.failed >= fault.times) this.fault = undefined;
    return fault;
  }

  private listing(): APIGatewayProxyStructuredResultV2 {
    const { failed: _failed, ...failure } = this.fault ?? { failed: 0 };
    return json(200, {
      messages: this.sent,
      failure: this.fault ? failure : null,
      refused: this.refused,
    });
  }

  private setFailure(body: string): APIGatewayProxyStructuredResultV2 {
    const parsed = SmsFault.safeParse(safeJson(body));
    if (!parsed.success) {
      return json(400, {
        error: 'invalid-input',
        message: `send {"error":"InternalServerException"} (one of ${Object.keys(FAULT_STATUS).join(', ')}), optionally "reason", "to" and "times"`,
      });
    }
    this.fault = { ...parsed.data, failed: 0 };
    return json(200, { failure: parsed.data });
  }
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body || '{}');
  } catch {
    return undefined;
  }
}

/** The AWS JSON 1.0 error shape the SDK parses into its named exception classes. */
function awsError(
  status: number,
  type: string,
  message: string,
  reason?: string,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...JSON_10, 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, Message: message, ...(reason ? { Reason: reason } : {}) }),
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body, null, 2),
  };
}

import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, EventBridgeEvent } from 'aws-lambda';

export interface Subscription {
  readonly name: string;
  /** The rule's event pattern: its source and the detail-types it receives. */
  readonly source: string;
  readonly detailTypes: ReadonlySet<string>;
  readonly target: (event: EventBridgeEvent<string, unknown>) => Promise<unknown>;
}

export interface DeadLetter {
  readonly subscription: string;
  readonly eventId: string;
  readonly detailType: string;
  readonly error: string;
}

interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Time?: number | string;
}

/**
 * EventBridge, locally. It answers the real PutEvents API (AWS JSON 1.1) on the local HTTP server,
 * so the same EventBridgeBus adapter and SDK client publish here as on AWS; then, like a bus, it
 * delivers each event to every rule whose pattern matches, after the call returns, with retries and
 * a dead-letter list. `settle()` waits until every delivery (and what they published in turn) ended.
 */
export class LocalEventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  readonly recent: { at: string; source: string; type: string; id: string }[] = [];
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly maxAttempts = 3,
  ) {}

  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  /** The PutEvents endpoint: `POST` with `x-amz-target: AWSEvents.PutEvents`. */
  async handlePutEvents(body: string): Promise<APIGatewayProxyStructuredResultV2> {
    let entries: PutEventsEntry[];
    try {
      entries = (JSON.parse(body) as { Entries?: PutEventsEntry[] }).Entries ?? [];
    } catch {
      return awsError(400, 'ValidationException', 'the body is not JSON');
    }
    const results = entries.map((entry) => this.accept(entry));
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
        Entries: results,
      }),
    };
  }

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private accept(
    entry: PutEventsEntry,
  ): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (!entry.Source || !entry.DetailType || !entry.Detail) {
      return {
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Source, DetailType and Detail are required',
      };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not JSON' };
    }
    const event: EventBridgeEvent<string, unknown> = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: this.now().toISOString(),
      region: 'local',
      resources: [],
      detail,
    };
    const domainId = (detail as { id?: unknown }).id;
    this.recent.unshift({
      at: event.time,
      source: entry.Source,
      type: entry.DetailType,
      id: String(domainId ?? event.id),
    });
    this.recent.length = Math.min(this.recent.length, 500);
    for (const subscription of this.subscriptions) {
      if (subscription.source !== entry.Source || !subscription.detailTypes.has(entry.DetailType))
        continue;
      const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        this.deliver(subscription, event),
      );
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
    return { EventId: event.id };
  }

  private async deliver(subscription: Subscription, event: EventBridgeEvent<string, unknown>) {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        await subscription.target(event);
        return;
      } catch (error) {
        if (attempt === this.maxAttempts) {
          const message = error instanceof Error ? error.message : String(error);
          const eventId = String((event.detail as { id?: unknown }).id ?? event.id);
          this.deadLetters.push({
            subscription: subscription.name,
            eventId,
            detailType: event['detail-type'],
            error: message,
          });
          console.error(
            `[local bus] ${subscription.name} failed ${attempt} times on ${eventId}: ${message}`,
          );
        }
      }
    }
  }
}

function awsError(
  status: number,
  type: string,
  message: string,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ __type: type, message }),
  };
}

import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  SES_DETAIL_TYPE,
  SES_EVENT_SOURCE,
  type SesEventDetail,
} from '../functions/delivery-feedback/ses-event.ts';

/** What the local SES keeps of each email it accepted (`GET /store`). */
const StoredEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({
    to: z.array(z.string()).default([]),
    cc: z.array(z.string()).default([]),
    bcc: z.array(z.string()).default([]),
  }),
  /** Epoch seconds, on the machine's clock. */
  at: z.number(),
});
type StoredEmail = z.infer<typeof StoredEmail>;
const Store = z.object({ emails: z.array(StoredEmail) });

/** Where reading stopped: the newest second read, and the emails of that second already emitted. */
interface Cursor {
  readonly since: number;
  readonly seen: readonly string[];
}

/** SES's mailbox simulator (`bounce+label@...` works too): what each address makes SES report. */
type Outcome = 'delivered' | 'bounced' | 'suppressed' | 'complained';
const SIMULATOR: readonly [RegExp, Outcome][] = [
  [/^bounce(\+[^@]*)?@simulator\.amazonses\.com$/i, 'bounced'],
  [/^complaint(\+[^@]*)?@simulator\.amazonses\.com$/i, 'complained'],
  [/^suppressionlist(\+[^@]*)?@simulator\.amazonses\.com$/i, 'suppressed'],
];

const outcomeFor = (address: string): Outcome =>
  SIMULATOR.find(([pattern]) => pattern.test(address))?.[1] ?? 'delivered';

export interface LocalSesFeedbackOptions {
  /** The local SES (aws-ses-v2-local), whose `/store` lists what it accepted. */
  readonly sesUrl: string;
  /** A client pointed at the local bus's PutEvents endpoint. */
  readonly eventBridge: EventBridgeClient;
  /** Where the cursor is kept (the local state table), so a restart does not emit again. */
  readonly state: { readonly db: DynamoDBDocumentClient; readonly tableName: string };
  /** Rapport's (local) clock: the time of the events. */
  readonly clock: () => Date;
}

/**
 * What SES event publishing does on AWS, for the local SES: each email it accepted becomes the
 * events a configuration set's EventBridge destination would put on the default bus, through the
 * local bus's PutEvents: "Email Bounced" (Permanent) for `bounce@simulator.amazonses.com`, "Email
 * Delivered" then "Email Complaint Received" for `complaint@...` (SES delivers before the
 * recipient complains), a Permanent OnAccountSuppressionList bounce for `suppressionlist@...`,
 * and "Email Delivered" for every other recipient, with the message id the SES API returned.
 *
 * The cursor is saved after the events are put: a crash in between emits them once more after a
 * restart, which the feedback function absorbs (it is idempotent).
 */
export class LocalSesFeedback {
  private cursor: Cursor | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private down = false;

  constructor(private readonly options: LocalSesFeedbackOptions) {}

  /**
   * Loads the saved cursor, or (first start on this data) skips what the SES holds already: that
   * was sent by someone else, since nothing on this data has sent yet. Call before any send.
   */
  async start(): Promise<void> {
    this.cursor =
      (await this.loadCursor()) ?? cursorAfter({ since: 0, seen: [] }, await this.read(0));
    await this.saveCursor(this.cursor);
  }

  /** Emits the events of the emails accepted since last time; answers how many. Serialised. */
  emitNew(): Promise<number> {
    const run = this.running.then(() => this.emitNow());
    this.running = run.catch(() => 0);
    return run;
  }

  private async emitNow(): Promise<number> {
    const cursor = this.cursor ?? { since: 0, seen: [] };
    const seen = new Set(cursor.seen);
    const accepted = await this.readWhileUp(cursor.since);
    const fresh = accepted.filter(
      (email) => !(email.at === cursor.since && seen.has(email.messageId)),
    );
    if (fresh.length === 0) return 0;
    const entries = fresh.flatMap((email) => this.eventsOf(email));
    for (let start = 0; start < entries.length; start += 10) {
      const batch = entries.slice(start, start + 10);
      const result = await this.options.eventBridge.send(new PutEventsCommand({ Entries: batch }));
      if ((result.FailedEntryCount ?? 0) > 0)
        throw new Error(`the local bus refused SES feedback: ${JSON.stringify(result.Entries)}`);
    }
    this.cursor = cursorAfter(cursor, fresh);
    await this.saveCursor(this.cursor);
    return entries.length;
  }

  /**
   * A local SES that is down (a fault test stopped it) has nothing to report, as SES's event
   * publishing is not Rapport's to wait for: reported once, then read again on the next call. The
   * cursor stays where it was, so nothing accepted before the outage is missed.
   */
  private async readWhileUp(since: number): Promise<StoredEmail[]> {
    let body: unknown;
    try {
      body = await this.fetchStore(since);
    } catch (error) {
      if (!this.down)
        console.error(`[local SES feedback] cannot read the local SES outbox: ${String(error)}`);
      this.down = true;
      return [];
    }
    this.down = false;
    // Outside the catch: an outbox we cannot read is a bug to see, not an outage to wait out.
    return Store.parse(body).emails;
  }

  private read(since: number): Promise<StoredEmail[]> {
    return this.fetchStore(since).then((body) => Store.parse(body).emails);
  }

  private async fetchStore(since: number): Promise<unknown> {
    const response = await fetch(`${this.options.sesUrl}/store?since=${since}`);
    if (!response.ok) throw new Error(`the local SES answered ${response.status} on /store`);
    return response.json();
  }

  private eventsOf(email: StoredEmail) {
    const now = this.options.clock().toISOString();
    const recipients = [...email.destination.to, ...email.destination.cc, ...email.destination.bcc];
    const by = (outcome: Outcome) => recipients.filter((r) => outcomeFor(r) === outcome);
    const mail = {
      timestamp: now,
      source: email.from,
      sendingAccountId: '000000000000',
      messageId: email.messageId,
      destination: recipients,
      headersTruncated: false,
    };
    const details: SesEventDetail[] = [];
    const delivered = [...by('delivered'), ...by('complained')];
    if (delivered.length > 0)
      details.push({
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp: now,
          recipients: delivered,
          smtpResponse: '250 2.6.0 Message received',
        },
      });
    for (const [outcome, subType] of [
      ['bounced', 'General'],
      ['suppressed', 'OnAccountSuppressionList'],
    ] as const) {
      const bounced = by(outcome);
      if (bounced.length > 0)
        details.push({
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: subType,
            bouncedRecipients: bounced.map((emailAddress) => ({
              emailAddress,
              diagnosticCode:
                outcome === 'bounced'
                  ? 'smtp; 550 5.1.1 user unknown'
                  : 'Amazon SES did not send the message to this address because it is on the suppression list for your account.',
            })),
            timestamp: now,
            feedbackId: `local-${email.messageId}-${outcome}`,
          },
        });
    }
    const complained = by('complained');
    if (complained.length > 0)
      details.push({
        eventType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          timestamp: now,
          feedbackId: `local-${email.messageId}-complaint`,
          complaintFeedbackType: 'abuse',
        },
      });
    return details.map((detail) => ({
      Source: SES_EVENT_SOURCE,
      DetailType: SES_DETAIL_TYPE[detail.eventType],
      Detail: JSON.stringify(detail),
      // SES v2 publishes to the account's default bus (locally there is one bus for all rules).
      EventBusName: 'default',
    }));
  }

  private async loadCursor(): Promise<Cursor | undefined> {
    const { Item } = await this.options.state.db.send(
      new GetCommand({ TableName: this.options.state.tableName, Key: CURSOR_KEY }),
    );
    return Item && typeof Item.since === 'number' && Array.isArray(Item.seen)
      ? { since: Item.since, seen: Item.seen.filter((id): id is string => typeof id === 'string') }
      : undefined;
  }

  private async saveCursor(cursor: Cursor): Promise<void> {
    await this.options.state.db.send(
      new PutCommand({
        TableName: this.options.state.tableName,
        Item: { ...CURSOR_KEY, since: cursor.since, seen: [...cursor.seen] },
      }),
    );
  }
}

const CURSOR_KEY = { PK: 'LOCALSESFEEDBACK', SK: 'CURSOR' };

/** `/store?since=` is by whole seconds: keep the ids of the last second to skip them next time. */
function cursorAfter(cursor: Cursor, emails: readonly StoredEmail[]): Cursor {
  const since = Math.max(cursor.since, ...emails.map((email) => email.at));
  const seen = [
    ...(since === cursor.since ? cursor.seen : []),
    ...emails.filter((email) => email.at === since).map((email) => email.messageId),
  ];
  return { since, seen };
}

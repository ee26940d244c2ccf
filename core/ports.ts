import type { DueTime } from './automation/delay.ts';
import type { Customer } from './customer/customer.ts';
import type { DomainEvent } from './events.ts';
import type { Interaction } from './interaction/interaction.ts';
import type { MessageRecord, ScheduledAction, ScheduleStatus } from './schedule.ts';

/** Time is a parameter: the Lambda passes the system clock, tests and the local runtime their own. */
export type Clock = () => Date;

export interface CustomerStore {
  getCustomer(id: string): Promise<Customer | undefined>;
  findCustomerIdByExternalId(system: string, externalId: string): Promise<string | undefined>;
  /** Throws ConflictError when the id or one of its external ids is taken. */
  createCustomer(customer: Customer): Promise<void>;
  /** Optimistic: throws ConflictError when `previous` is no longer the stored version. */
  replaceCustomer(next: Customer, previous: Customer): Promise<void>;
}

export interface StoredInteraction {
  readonly interaction: Interaction;
  readonly requestHash: string;
  readonly published: boolean;
}

export type RecordInteractionResult =
  | { readonly outcome: 'recorded' }
  | { readonly outcome: 'duplicate'; readonly existing: StoredInteraction };

export interface Timeline {
  readonly interactions: readonly Interaction[];
  readonly messages: readonly MessageRecord[];
}

export interface InteractionStore {
  /** Writes nothing when the id exists (returns it) or the customer does not (NotFoundError). */
  recordInteraction(
    interaction: Interaction,
    requestHash: string,
  ): Promise<RecordInteractionResult>;
  markInteractionPublished(interactionId: string): Promise<void>;
  /** Newest first. */
  timeline(customerId: string, limit: number): Promise<Timeline>;
}

export interface ClaimRequest {
  readonly scheduleId: string;
  readonly now: Date;
  readonly leaseMs: number;
}

export interface CompletionRequest {
  readonly schedule: ScheduledAction;
  readonly status: Extract<ScheduleStatus, 'sent' | 'suppressed' | 'failed'>;
  readonly message: MessageRecord;
  readonly now: Date;
}

export interface ScheduleStore {
  /**
   * Returns `exists` and writes nothing when the id was planned before. A `message` (the record of
   * an action that will never be sent, e.g. expired) is written in the same transaction.
   */
  createSchedule(schedule: ScheduledAction, message?: MessageRecord): Promise<'created' | 'exists'>;
  getSchedule(scheduleId: string): Promise<ScheduledAction | undefined>;
  /** Takes a pending (or lease-expired) schedule for one dispatcher; undefined when someone else has it. */
  claimSchedule(request: ClaimRequest): Promise<ScheduledAction | undefined>;
  /** Records the message and the final status together, or neither. */
  completeSchedule(request: CompletionRequest): Promise<void>;
  /** Gives a claimed schedule back after a transient failure, so a retry can take it. */
  releaseSchedule(scheduleId: string, error: string, now: Date): Promise<void>;
  listPendingSchedules(dueBefore: Date, limit: number): Promise<ScheduledAction[]>;
}

export interface EventBus {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export interface DispatchRequest {
  readonly scheduleId: string;
}

export interface ScheduleRequest {
  /** Unique per planned action; creating it twice is a no-op that answers `exists`. */
  readonly name: string;
  readonly due: DueTime;
  readonly payload: DispatchRequest;
}

/** Waiting is the platform's job: EventBridge Scheduler on AWS, a durable local ticker locally. */
export interface ActionScheduler {
  scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'>;
}

export interface OutgoingEmail {
  readonly from: { readonly address: string; readonly name: string };
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Throws PermanentDeliveryError when retrying cannot help; any other error is transient. */
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}

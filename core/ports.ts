import type { DueTime } from './automation/delay.ts';
import type { Channel, DeliveryChannel } from './channels.ts';
import type { ConsentChange } from './customer/consent.ts';
import type { CustomerProfile } from './customer/customer.ts';
import type { Customer } from './customer/customer-view.ts';
import type { SystemPart, SystemState } from './customer/system-state.ts';
import type { Wake } from './dispatch/wake.ts';
import type { DomainEvent } from './events/registry.ts';
import type { Interaction } from './interaction/interaction.ts';
import type { Decision } from './messaging/decision.ts';
import type { MessageRecord, ScheduledAction, ScheduleStatus } from './schedule.ts';

/** Time is a parameter: the Lambda passes the system clock, tests and the local runtime their own. */
export type Clock = () => Date;

/**
 * Every write that produces events takes them: the store writes them in the same transaction as
 * the change (the outbox), and the table's stream carries them to the bus. No event can be lost
 * after a write, nor published for a write that did not happen.
 */
export type Events = readonly DomainEvent[];

export interface CustomerStore {
  /** The composed view: profile, consent in force and system state, read together. */
  getCustomer(id: string): Promise<Customer | undefined>;
  findCustomerIdByExternalId(system: string, externalId: string): Promise<string | undefined>;
  /** Profile, external ids, initial consent (in force and history) and events, all or nothing. */
  createCustomer(
    profile: CustomerProfile,
    consent: readonly ConsentChange[],
    events: Events,
  ): Promise<void>;
  /** Optimistic on `previous.updatedAt`: throws ConflictError when someone changed it meanwhile. */
  replaceProfile(next: CustomerProfile, previous: CustomerProfile, events: Events): Promise<void>;
  /**
   * Records a consent decision in the history; when it supersedes the one in force (it is not older),
   * also puts it in force and writes `events`. Answers which happened.
   */
  recordConsent(
    customerId: string,
    change: ConsentChange,
    events: Events,
  ): Promise<'in-force' | 'history-only'>;
  /** Newest first. */
  consentHistory(customerId: string, limit: number): Promise<ConsentChange[]>;
}

/**
 * Writes one part of what Rapport owns about a customer (reachability, holds, value, survey,
 * preferences) into its own item, with the events that change produces. Touchpoints have no path
 * to it: only the capability that owns a part writes it.
 */
export interface SystemStateStore {
  put<P extends SystemPart>(
    customerId: string,
    part: P,
    value: NonNullable<SystemState[P]>,
    events?: Events,
  ): Promise<void>;
}

export type RecordInteractionResult =
  | { readonly outcome: 'recorded' }
  | {
      readonly outcome: 'duplicate';
      readonly existing: { readonly interaction: Interaction; readonly requestHash: string };
    };

export interface Timeline {
  readonly interactions: readonly Interaction[];
  readonly messages: readonly MessageRecord[];
}

export interface InteractionStore {
  /**
   * Writes the idempotency key, the timeline entry and the events together, or nothing: nothing
   * when the id exists (the stored one is returned) or the customer does not (NotFoundError).
   */
  recordInteraction(
    interaction: Interaction,
    requestHash: string,
    events: Events,
  ): Promise<RecordInteractionResult>;
  /** Newest first. */
  timeline(customerId: string, limit: number): Promise<Timeline>;
}

export interface ClaimRequest {
  readonly scheduleId: string;
  readonly now: Date;
  readonly leaseMs: number;
  /** Unique per attempt: only the holder of this claim may complete or release it. */
  readonly claimId: string;
  /** The channel the attempt is about to send on (an abandoned claim's outcome names it). */
  readonly channel?: Channel;
}

export type FinalStatus = Extract<
  ScheduleStatus,
  'sent' | 'suppressed' | 'failed' | 'skipped' | 'done'
>;

/** The state a write expects: waiting (pending or deferred, not claimed), or held by this claim. */
export type ExpectedState = { readonly status: 'pending' } | { readonly claimId: string };

export interface CompletionRequest {
  readonly schedule: ScheduledAction;
  readonly status: FinalStatus;
  readonly reason?: string;
  readonly message?: MessageRecord;
  /** Why, for the customer's decisions (`GET /customers/{id}/decisions`). */
  readonly decision?: Decision;
  readonly events: Events;
  readonly now: Date;
  readonly from: ExpectedState;
}

export interface DeferralRequest {
  readonly schedule: ScheduledAction;
  /** The new due time (quiet hours' end, the send window's start). */
  readonly due: DueTime;
  readonly decision: Decision;
  readonly now: Date;
}

export interface FallbackRequest {
  readonly schedule: ScheduledAction;
  readonly claimId: string;
  /** Every channel this action failed on so far. */
  readonly excluded: readonly Channel[];
  readonly decision: Decision;
  readonly now: Date;
}

export interface ReleaseRequest {
  readonly scheduleId: string;
  readonly claimId: string;
  readonly error: string;
  readonly now: Date;
  /** False for throttling: the attempt the claim counted is given back. */
  readonly countAttempt: boolean;
}

export interface ScheduleStore {
  /**
   * Creates the record (and, in the same transaction, an optional message record and the events);
   * answers `exists` and writes nothing when the id was planned before.
   */
  createSchedule(
    schedule: ScheduledAction,
    extras: {
      readonly message?: MessageRecord;
      readonly decision?: Decision;
      readonly events: Events;
    },
  ): Promise<'created' | 'exists'>;
  getSchedule(scheduleId: string): Promise<ScheduledAction | undefined>;
  /** Takes a pending schedule for one attempt; undefined when it is not pending any more. */
  claimSchedule(request: ClaimRequest): Promise<ScheduledAction | undefined>;
  /**
   * The final status, the message record and the events, all or nothing; false (and nothing
   * written) when the schedule is no longer in the expected state.
   */
  completeSchedule(request: CompletionRequest): Promise<boolean>;
  /** Gives a claimed schedule back after a transient failure, so a retry can take it. */
  releaseSchedule(request: ReleaseRequest): Promise<void>;
  /** A waiting action moved to a later due time (status `deferred`), with its decision. */
  deferSchedule(request: DeferralRequest): Promise<boolean>;
  /** A claimed action that failed on its channel goes back to waiting, to try the next one. */
  fallbackSchedule(request: FallbackRequest): Promise<boolean>;
  /** Unfinished (pending, deferred or dispatching) schedules due before `dueBefore`, oldest first. */
  listUnfinished(dueBefore: Date, limit: number): Promise<ScheduledAction[]>;
  /** The customer's messages recorded since `since` (for caps), newest first. */
  messagesSince(customerId: string, since: Date): Promise<MessageRecord[]>;
  /** The customer's decisions, newest first. */
  decisions(customerId: string, limit: number): Promise<Decision[]>;
}

/** A task for a customer's owner: a call or a visit an automation asked for. */
export interface OwnerTask {
  readonly taskId: string;
  readonly ownerId: string;
  readonly customerId: string;
  readonly channel: 'phone' | 'visit';
  readonly text: string;
  readonly about: { readonly name: string; readonly phone?: string };
  readonly automationId: string;
  readonly status: 'open' | 'done';
  readonly createdAt: string;
  readonly doneAt?: string;
  readonly note?: string;
}

export interface TaskStore {
  /** The owner's tasks, newest first, optionally only open or done ones. */
  tasks(ownerId: string, status?: OwnerTask['status']): Promise<OwnerTask[]>;
  /** Marks a task done; NotFoundError when the owner has no such task. */
  completeTask(ownerId: string, taskId: string, now: Date, note?: string): Promise<OwnerTask>;
}

/** Puts events on the bus. Only the outbox publisher uses it: use cases write events to the store. */
export interface EventBus {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export interface ScheduleRequest {
  /** Unique per planned action; creating it twice is a no-op that answers `exists`. */
  readonly name: string;
  readonly due: DueTime;
  readonly wake: Wake;
}

/** Waiting is the platform's job: EventBridge Scheduler on AWS, a durable local ticker locally. */
export interface ActionScheduler {
  scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'>;
  /** Deletes a schedule that has not fired; `not-found` when it fired already or never existed. */
  cancel(name: string): Promise<'cancelled' | 'not-found'>;
}

/** The dispatch queue: what is due now (or within 15 minutes) goes here instead of a schedule. */
export interface WorkQueue {
  send(wake: Wake, options?: { readonly delaySeconds?: number }): Promise<void>;
}

/** Starts a workflow execution by name; a name already used answers `exists` (idempotent). */
export interface WorkflowStarter {
  start(name: string, input: Record<string, unknown>): Promise<'started' | 'exists'>;
}

/** Workflows waiting on a task token stored under a reference (a case id, ...). */
export interface WorkflowTasks {
  resume(ref: string, output: Record<string, unknown>): Promise<'resumed' | 'not-waiting'>;
}

export interface OutgoingMessage {
  readonly channel: DeliveryChannel;
  /** One planned action sends at most one message: the schedule id names it. */
  readonly messageId: string;
  readonly customerId: string;
  /** An email address, an E.164 phone number, or the owner's id for a task. */
  readonly to: string;
  readonly category: 'service' | 'marketing';
  readonly subject?: string;
  readonly text: string;
  readonly html?: string;
  /** Email headers (List-Unsubscribe, List-Unsubscribe-Post). */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly tags: Readonly<Record<string, string>>;
  /** For a task: whom it is about, so the owner can call or visit. */
  readonly about?: { readonly name: string; readonly phone?: string };
}

/**
 * Sends on one channel. Throws PermanentDeliveryError when retrying cannot help, ThrottledError
 * when the provider asks to slow down; any other error is transient.
 */
export interface Sender {
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

/** The one place a channel is added: its sender, by channel. */
export type Senders = Readonly<Partial<Record<DeliveryChannel, Sender>>>;

/** What a provider reported later about a sent message (delivery feedback). */
export type DeliveryReport = NonNullable<MessageRecord['delivery']>;

/** A sent message, as the provider's id finds it (the pointer written when it was sent). */
export interface SentMessageRef {
  readonly customerId: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly channel?: Channel;
  /** The address it was sent to. */
  readonly to?: string;
}

/** Delivery feedback's access to messages: providers name a message only by their own id. */
export interface DeliveryFeedbackStore {
  findByProviderId(providerMessageId: string): Promise<SentMessageRef | undefined>;
  /**
   * Puts `report` on the message only if the message has no report yet or one whose status is in
   * `replaces` (conditional, so concurrent and repeated reports settle on the strongest); false when
   * nothing changed.
   */
  recordDelivery(
    ref: SentMessageRef,
    report: DeliveryReport,
    replaces: readonly DeliveryReport['status'][],
  ): Promise<boolean>;
}

import type { DueTime } from './automation/delay.ts';
import type { ConsentChange } from './customer/consent.ts';
import type { CustomerProfile } from './customer/customer.ts';
import type { Customer } from './customer/customer-view.ts';
import type { Wake } from './dispatch/wake.ts';
import type { DomainEvent } from './events/registry.ts';
import type { Interaction } from './interaction/interaction.ts';
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
}

export type FinalStatus = Extract<ScheduleStatus, 'sent' | 'suppressed' | 'failed' | 'skipped'>;

export interface CompletionRequest {
  readonly schedule: ScheduledAction;
  readonly status: FinalStatus;
  readonly reason?: string;
  readonly message?: MessageRecord;
  readonly events: Events;
  readonly now: Date;
  /** Complete a pending action directly, or one this claim holds. */
  readonly from: { readonly status: 'pending' } | { readonly claimId: string };
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
    extras: { readonly message?: MessageRecord; readonly events: Events },
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
  /** Pending or dispatching schedules due before `dueBefore`, oldest first. */
  listUnfinished(dueBefore: Date, limit: number): Promise<ScheduledAction[]>;
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

/** Workflows waiting on a task token stored under a reference (a case id, ...). */
export interface WorkflowTasks {
  resume(ref: string, output: Record<string, unknown>): Promise<'resumed' | 'not-waiting'>;
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
  /**
   * Throws PermanentDeliveryError when retrying cannot help, ThrottledError when the provider asks
   * to slow down; any other error is transient.
   */
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}

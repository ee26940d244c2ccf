import type { Action } from './automation/automation.ts';
import type { DueTime } from './automation/delay.ts';
import type { Channel } from './channels.ts';

/**
 * The lifecycle of a planned action. `pending` waits for its time; `deferred` waits for a later one
 * (quiet hours, a send window); `dispatching` is claimed by one attempt (a lease); the rest are final. Every planned action ends in a final state, none is dropped:
 * `sent`, `suppressed` (because of the customer), `failed` (with the error), `expired` (planned after
 * its due time) or `skipped` (its automation was disabled).
 */
export type ScheduleStatus =
  | 'pending'
  | 'deferred'
  | 'dispatching'
  | 'sent'
  | 'suppressed'
  | 'failed'
  | 'expired'
  | 'skipped'
  /** A non-message action (set an attribute, open a case, start a workflow) carried out. */
  | 'done';

export const FINAL_STATUSES: ReadonlySet<ScheduleStatus> = new Set([
  'sent',
  'suppressed',
  'failed',
  'expired',
  'skipped',
  'done',
]);

/**
 * A message to a member of staff about a customer (a complaint's QA owner, the QA manager). A
 * workflow plans it, never an automation file, so it is not part of the automation format; the
 * dispatcher sends it by email to `to.email`, outside the customer's messaging policy.
 */
export interface StaffNotice {
  readonly kind: 'notify-staff';
  readonly to: { readonly id: string; readonly name: string; readonly email: string };
  readonly template: string;
}

/** What a schedule carries out: an automation's action or a workflow's staff notice. */
export type PlannedAction = Action | StaffNotice;

export interface ScheduledAction {
  readonly scheduleId: string;
  readonly automationId: string;
  readonly category: 'service' | 'marketing';
  readonly customerId: string;
  readonly triggerEventId: string;
  readonly trigger: Record<string, unknown>;
  readonly action: PlannedAction;
  /**
   * Set when a workflow (complaint-recovery) planned it rather than an automation: no automation
   * switch applies, and `automationId` names the workflow.
   */
  readonly workflow?: string;
  readonly due: DueTime;
  readonly status: ScheduleStatus;
  /** Attempts that reached the provider (throttled attempts are not counted). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly claimId?: string;
  readonly claimedUntil?: string;
  /** The channel the current claim is sending on. */
  readonly claimedChannel?: Channel;
  readonly reason?: string;
  readonly lastError?: string;
  readonly messageId?: string;
  /** How many times quiet hours or a send window moved it later. */
  readonly deferrals?: number;
  /** Channels this action failed on: the next attempt tries the customer's next channel. */
  readonly excludedChannels?: readonly Channel[];
}

export type MessageStatus = 'sent' | 'suppressed' | 'failed' | 'expired' | 'skipped';

/** What was (or was not) sent to a customer, kept on the customer's record. */
export interface MessageRecord {
  readonly messageId: string;
  readonly customerId: string;
  readonly scheduleId: string;
  readonly automationId: string;
  readonly category: 'service' | 'marketing';
  /** The channel used, or tried; absent when none was chosen (suppressed before one was). */
  readonly channel?: Channel;
  readonly status: MessageStatus;
  readonly reason?: string;
  readonly template?: string;
  readonly locale?: string;
  readonly subject?: string;
  readonly to?: string;
  readonly providerMessageId?: string;
  readonly createdAt: string;
  /** What the provider reported later (delivery feedback). */
  readonly delivery?: {
    readonly status: 'delivered' | 'bounced' | 'complained';
    readonly at: string;
    readonly detail?: string;
  };
}

import type { Channel } from '../channels.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { Decision, DecisionOutcome } from '../messaging/decision.ts';
import type { ExpectedState, FinalStatus, ScheduleStore } from '../ports.ts';
import type { MessageRecord, ScheduledAction } from '../schedule.ts';

export type ActionOutcome =
  | { readonly status: FinalStatus; readonly scheduleId: string; readonly reason?: string }
  | { readonly status: 'deferred'; readonly scheduleId: string; readonly until: string }
  | { readonly status: 'fallback'; readonly scheduleId: string; readonly reason: string }
  | { readonly status: 'already-done'; readonly scheduleId: string };

/** What the decision records about the zone its rules were applied in. */
export interface ZoneUsed {
  readonly timeZone: string;
  readonly timeZoneSource: 'customer' | 'default';
}

/** The final statuses of a message (a non-message action ends `done`, without a message record). */
export type MessageFinalStatus = Exclude<FinalStatus, 'done'>;

export interface Finish {
  readonly status: MessageFinalStatus;
  /** The decision's outcome when it says more than the status (`held`). @default the status */
  readonly outcome?: DecisionOutcome;
  readonly reason?: string;
  readonly channel?: Channel;
  readonly skipped?: Decision['skipped'];
  /** Message details known by then (address, template, locale, subject, provider id). */
  readonly details?: Partial<
    Pick<MessageRecord, 'to' | 'template' | 'locale' | 'subject' | 'providerMessageId'>
  >;
}

/** The decision record of one outcome, in the customer's zone. */
export function decisionOf(
  schedule: ScheduledAction,
  outcome: DecisionOutcome,
  at: Date,
  zone: ZoneUsed,
  extra: Partial<Pick<Decision, 'reason' | 'channel' | 'until' | 'skipped'>> = {},
): Decision {
  return {
    at: at.toISOString(),
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    category: schedule.category,
    outcome,
    ...zone,
    ...extra,
  };
}

/**
 * Writes an action's final status with its message record, its decision and its event, in one
 * transaction, from the state the caller expects (waiting, or a claim it holds). Another invocation
 * that got there first makes it a no-op: the outcome is then `already-done`.
 */
export async function finish(
  schedules: ScheduleStore,
  schedule: ScheduledAction,
  end: Finish,
  context: { readonly now: Date; readonly from: ExpectedState; readonly zone: ZoneUsed },
): Promise<ActionOutcome> {
  const createdAt = context.now.toISOString();
  const { reason, channel } = end;
  const message: MessageRecord = {
    ...end.details,
    // One planned action sends at most one message, so the schedule id names it.
    messageId: schedule.scheduleId,
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    category: schedule.category,
    ...(channel ? { channel } : {}),
    status: end.status,
    ...(reason === undefined ? {} : { reason }),
    createdAt,
  };
  const done = await schedules.completeSchedule({
    schedule,
    status: end.status,
    ...(reason === undefined ? {} : { reason }),
    message,
    decision: decisionOf(schedule, end.outcome ?? end.status, context.now, context.zone, {
      ...(reason === undefined ? {} : { reason }),
      ...(channel ? { channel } : {}),
      ...(end.skipped && end.skipped.length > 0 ? { skipped: end.skipped } : {}),
    }),
    events: [outcomeEvent(schedule, end.status, reason, channel, createdAt)],
    now: context.now,
    from: context.from,
  });
  if (!done) return { status: 'already-done', scheduleId: schedule.scheduleId };
  return reason === undefined
    ? { status: end.status, scheduleId: schedule.scheduleId }
    : { status: end.status, scheduleId: schedule.scheduleId, reason };
}

function outcomeEvent(
  schedule: ScheduledAction,
  status: MessageFinalStatus,
  reason: string | undefined,
  channel: Channel | undefined,
  occurredAt: string,
): DomainEvent {
  const base = {
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
  };
  if (status === 'skipped') {
    return {
      id: `action.skipped:${schedule.scheduleId}`,
      type: 'action.skipped',
      occurredAt,
      data: { ...base, reason: reason ?? 'skipped' },
    };
  }
  const data = {
    ...base,
    messageId: schedule.scheduleId,
    ...(channel ? { channel } : {}),
    ...(reason === undefined ? {} : { reason }),
  };
  const id = `message.${status}:${schedule.scheduleId}`;
  switch (status) {
    case 'sent':
      return { id, type: 'message.sent', occurredAt, data };
    case 'suppressed':
      return { id, type: 'message.suppressed', occurredAt, data };
    case 'failed':
      return { id, type: 'message.failed', occurredAt, data };
  }
}

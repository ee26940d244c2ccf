import type { DomainEvent } from '../events/registry.ts';
import type { CompletionRequest, FinalStatus, ScheduleStore } from '../ports.ts';
import type { MessageRecord, ScheduledAction } from '../schedule.ts';

export type ActionOutcome =
  | { readonly status: FinalStatus; readonly scheduleId: string; readonly reason?: string }
  | { readonly status: 'already-done'; readonly scheduleId: string };

type MessageFields = Omit<
  MessageRecord,
  'messageId' | 'customerId' | 'scheduleId' | 'automationId' | 'channel' | 'createdAt' | 'status'
>;

/**
 * Writes an action's final status with its message record and event, in one transaction, from the
 * state the caller expects (pending, or a claim it holds). Another invocation that got there first
 * makes it a no-op: the outcome is then `already-done`.
 */
export async function finish(
  schedules: ScheduleStore,
  schedule: ScheduledAction,
  status: FinalStatus,
  details: MessageFields,
  context: { readonly now: Date; readonly from: CompletionRequest['from'] },
): Promise<ActionOutcome> {
  const createdAt = context.now.toISOString();
  const message: MessageRecord | undefined =
    schedule.action.kind === 'send-message'
      ? {
          ...details,
          // One planned action sends at most one message, so the schedule id names it.
          messageId: schedule.scheduleId,
          customerId: schedule.customerId,
          scheduleId: schedule.scheduleId,
          automationId: schedule.automationId,
          channel: schedule.action.channel,
          status,
          createdAt,
        }
      : undefined;
  const done = await schedules.completeSchedule({
    schedule,
    status,
    ...(details.reason === undefined ? {} : { reason: details.reason }),
    ...(message ? { message } : {}),
    events: [outcomeEvent(schedule, status, details.reason, createdAt)],
    now: context.now,
    from: context.from,
  });
  if (!done) return { status: 'already-done', scheduleId: schedule.scheduleId };
  return details.reason === undefined
    ? { status, scheduleId: schedule.scheduleId }
    : { status, scheduleId: schedule.scheduleId, reason: details.reason };
}

function outcomeEvent(
  schedule: ScheduledAction,
  status: FinalStatus,
  reason: string | undefined,
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
    channel: schedule.action.channel,
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

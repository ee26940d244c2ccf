import { DateTime } from 'luxon';
import { scheduleIdFor } from '../automation/plan.ts';
import type { Clock, ScheduleStore, WorkQueue } from '../ports.ts';
import type { PlannedAction, ScheduledAction } from '../schedule.ts';
import type { ComplaintCase } from './case.ts';
import type { ComplaintPolicy } from './policy.ts';
import type { RecoveryMessage } from './recovery-steps.ts';

/** The name the recovery's messages go under (schedules, decisions, message records). */
export const COMPLAINT_WORKFLOW = 'complaint-recovery';

export interface HandOverDeps {
  readonly schedules: Pick<ScheduleStore, 'createSchedule'>;
  readonly queue: WorkQueue;
  readonly policy: ComplaintPolicy;
  readonly clock: Clock;
  /** The zone the due time is written in; the dispatcher applies the customer's own. */
  readonly defaultTimeZone: string;
}

/**
 * Hands a recovery message to the dispatcher, the one path every message takes: a planned action
 * due now (its id derived from the message id, so a retried step plans it once) and a wake-up on
 * the dispatch queue. Customer messages go to their preferred channel as service messages (consent,
 * reachability and quiet hours apply; marketing holds do not); the owner's and the manager's go by
 * email as staff notices. A retry wakes the action again: the dispatcher finds it done and stops.
 */
export async function handOverMessage(deps: HandOverDeps, message: RecoveryMessage): Promise<void> {
  const now = deps.clock();
  const c = message.case;
  const owner = deps.policy.team.find((member) => member.id === c.owner);
  const action: PlannedAction =
    message.to === 'customer'
      ? {
          kind: 'send-message',
          channel: 'preferred',
          template: message.template,
          // The follow-up check is a CSAT survey about the case: an unhappy answer reopens it.
          ...(message.template === 'complaint-follow-up' ? { survey: true as const } : {}),
        }
      : {
          kind: 'notify-staff',
          // A reminder before an owner was chosen cannot happen; the manager is the safe reader.
          to: pick(message.to === 'owner' ? (owner ?? deps.policy.manager) : deps.policy.manager),
          template: message.template,
        };
  const at = now.toISOString();
  const schedule: ScheduledAction = {
    scheduleId: scheduleIdFor(COMPLAINT_WORKFLOW, message.messageId),
    automationId: COMPLAINT_WORKFLOW,
    workflow: COMPLAINT_WORKFLOW,
    category: 'service',
    customerId: c.customerId,
    triggerEventId: message.messageId,
    trigger: { complaint: complaintContext(c, owner ?? deps.policy.manager, deps.policy) },
    action,
    due: {
      instant: at,
      localDateTime: DateTime.fromJSDate(now, { zone: deps.defaultTimeZone }).toFormat(
        "yyyy-MM-dd'T'HH:mm:ss",
      ),
      timeZone: deps.defaultTimeZone,
    },
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
  await deps.schedules.createSchedule(schedule, { events: [] });
  await deps.queue.send({ kind: 'run-action', scheduleId: schedule.scheduleId });
}

const pick = (person: { id: string; name: string; email: string }) => ({
  id: person.id,
  name: person.name,
  email: person.email,
});

/**
 * What complaint templates read as `trigger.complaint.*` (docs/complaints.md): the case as the
 * customer and staff may see it; the owner signs what the customer receives.
 */
export function complaintContext(
  c: ComplaintCase,
  owner: { readonly name: string; readonly email: string },
  policy: ComplaintPolicy,
): Record<string, unknown> {
  return {
    caseId: c.caseId,
    customerId: c.customerId,
    category: c.category,
    severity: c.severity,
    channel: c.channel,
    tier: c.tier,
    status: c.status,
    openedAt: c.openedAt,
    deadlineAt: c.deadlineAt,
    description: c.description ?? '',
    owner: { name: owner.name, email: owner.email },
    manager: { name: policy.manager.name },
    reminders: c.history.filter((entry) => entry.kind === 'reminded').length,
    resolution: c.resolution?.note ?? '',
  };
}

import { type ComplaintCase, currentRound } from './case.ts';
import { type ComplaintPolicy, escalatesAtOnce, reminderOffsets } from './policy.ts';

/**
 * What the recovery workflow does next while it waits for the resolution: remind the owner (and
 * maybe alert the manager) at a reminder offset, or, at the deadline, mark the case at risk.
 */
export type Checkpoint =
  | {
      readonly kind: 'reminder';
      readonly at: string;
      /** 1 for the first reminder. */
      readonly reminder: number;
      /** The manager is alerted with this reminder: an earlier one passed unanswered. */
      readonly escalate: boolean;
    }
  | { readonly kind: 'deadline'; readonly at: string };

/**
 * Every checkpoint of a case, in order, from the policy for its tier and severity: the reminders,
 * then the deadline. A case that escalates at once was escalated as it opened, so no reminder does
 * it again; otherwise the reminder after `afterReminder` alerts the manager (the deadline does, when
 * there is no such reminder: the at-risk alert goes to the manager anyway).
 */
export function checkpoints(policy: ComplaintPolicy, c: ComplaintCase): Checkpoint[] {
  // A reopened case starts its reminders over from the reopening.
  const opened = Date.parse(c.reopenedAt ?? c.openedAt);
  const offsets = reminderOffsets(policy, c.tier, c.severity);
  const atOnce = escalatesAtOnce(policy, c.severity);
  const reminders: Checkpoint[] = offsets.map((offset, i) => ({
    kind: 'reminder',
    at: new Date(opened + offset).toISOString(),
    reminder: i + 1,
    escalate: !atOnce && i === policy.escalation.afterReminder,
  }));
  return [...reminders, { kind: 'deadline', at: c.deadlineAt }];
}

/**
 * The checkpoint the workflow waits for next: the first whose reminder is not in the history yet
 * (a replayed or retried step finds the same one), with the seconds left until it (at least 1:
 * Step Functions' timeouts are positive whole seconds).
 */
export function nextCheckpoint(
  policy: ComplaintPolicy,
  c: ComplaintCase,
  now: Date,
): Checkpoint & { readonly seconds: number } {
  const reminded = currentRound(c).entries.filter((entry) => entry.kind === 'reminded').length;
  const all = checkpoints(policy, c);
  const next = all.find((p) => p.kind === 'deadline' || p.reminder > reminded) as Checkpoint;
  const seconds = Math.max(1, Math.ceil((Date.parse(next.at) - now.getTime()) / 1000));
  return { ...next, seconds };
}

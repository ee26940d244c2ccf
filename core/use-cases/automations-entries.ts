import type { Automation } from '../automation/automation.ts';
import { durationMs, type Enrollment } from '../automation/enrollment.ts';
import type { PlannedAction } from '../automation/plan.ts';
import type { AutomationSwitchStore, EnrollmentStore } from '../automation/ports.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { ScheduleStore } from '../ports.ts';

/** How many pending schedule ids an enrollment remembers (an exit cancels these). */
const MAX_PENDING = 20;

/**
 * The switch in force for each automation: the operator's, else the file's. Read once per call
 * (one Query), so a disable is seen by the next event or wake-up, with no cache to go stale.
 */
export async function effectiveEnabled(
  switches: AutomationSwitchStore | undefined,
): Promise<(automation: Automation) => boolean> {
  if (!switches) return (automation) => automation.enabled;
  const set = await switches.switches();
  return (automation) => set.get(automation.id)?.enabled ?? automation.enabled;
}

/**
 * When Rapport last sent the customer anything, read only if an automation guards on it, and only
 * as far back as the longest guard looks.
 */
export async function lastContactAt(
  schedules: ScheduleStore,
  customerId: string,
  automations: readonly Automation[],
  now: Date,
): Promise<{ lastContactAt?: string }> {
  const windows = automations
    .map((automation) => automation.guards.notContactedWithin)
    .filter((duration): duration is string => duration !== undefined)
    .map(durationMs);
  if (windows.length === 0) return {};
  const since = new Date(now.getTime() - Math.max(...windows));
  const sent = (await schedules.messagesSince(customerId, since)).find(
    (message) => message.status === 'sent',
  );
  return sent ? { lastContactAt: sent.createdAt } : {};
}

/** Records one entry (planned or held out), with its goal window, for re-entry, exits and reports. */
export async function recordEntry(
  deps: { readonly enrollments?: EnrollmentStore },
  input: {
    readonly plan: PlannedAction;
    readonly event: DomainEvent;
    readonly now: Date;
    readonly enrollments: ReadonlyMap<string, Enrollment>;
    readonly catalog: Catalog;
  },
): Promise<void> {
  if (!deps.enrollments) return;
  const { plan, event, now } = input;
  const previous = input.enrollments.get(plan.automationId);
  if (previous?.lastEventId === event.id) return;
  const goal = input.catalog.automation(plan.automationId)?.goal;
  const enteredAt = now.toISOString();
  const enrollment: Enrollment = {
    automationId: plan.automationId,
    customerId: plan.customerId,
    entries: (previous?.entries ?? 0) + 1,
    lastEnteredAt: enteredAt,
    lastEventId: event.id,
    group: plan.group,
    pending:
      plan.group === 'holdout'
        ? []
        : [...(previous?.pending ?? []).slice(-(MAX_PENDING - 1)), plan.scheduleId],
    ...(goal ? { goalUntil: new Date(now.getTime() + durationMs(goal.within)).toISOString() } : {}),
  };
  await deps.enrollments.recordEntry({
    enrollment,
    ...(previous ? { previousEventId: previous.lastEventId } : {}),
  });
}

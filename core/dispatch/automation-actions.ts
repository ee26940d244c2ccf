import type { Customer } from '../customer/customer-view.ts';
import { renderContext } from '../messaging/render-context.ts';
import type { Events, SystemStateStore } from '../ports.ts';
import type { ScheduledAction } from '../schedule.ts';
import { detractorHoldUntil, openComplaint } from '../surveys/closed-loop.ts';
import { type ActionOutcome, decisionOf, finish, type ZoneUsed } from './outcomes.ts';
import type { ActionDeps } from './run-action.ts';

type ActionOf<K extends ScheduledAction['action']['kind']> = ScheduledAction & {
  action: Extract<ScheduledAction['action'], { kind: K }>;
};

/** Starts a named workflow for a customer; the execution name makes a retry start it once. */
export interface WorkflowStarter {
  start(workflow: string, executionName: string, input: Record<string, unknown>): Promise<void>;
}

export interface AutomationActionDeps {
  /** Where set-attribute and open-case write (system state: touchpoints cannot overwrite it). */
  readonly systemState?: SystemStateStore;
  readonly workflowStarter?: WorkflowStarter;
}

interface Run<K extends ScheduledAction['action']['kind']> {
  readonly schedule: ActionOf<K>;
  readonly customer: Customer;
  readonly zone: ZoneUsed;
  readonly now: Date;
}

/**
 * A task for the customer's owner (their rep): not a message to the customer, so consent, caps
 * and quiet hours do not apply; the task store records it once per planned action.
 */
export async function alertOwner(
  deps: ActionDeps,
  run: Run<'alert-owner'>,
): Promise<ActionOutcome> {
  const { schedule, customer, zone, now } = run;
  const waiting = { now, from: { status: 'pending' }, zone } as const;
  const owner = customer.owner;
  if (!owner)
    return finish(deps.schedules, schedule, { status: 'suppressed', reason: 'no-owner' }, waiting);
  const template = deps.catalog.template(schedule.action.template, customer.locale);
  const sender = deps.senders[schedule.action.channel];
  if (!template || !sender) {
    const reason = !template
      ? `template-missing: ${schedule.action.template}`
      : `no sender for ${schedule.action.channel}`;
    return finish(deps.schedules, schedule, { status: 'failed', reason }, waiting);
  }
  const context = renderContext({
    customer,
    automationId: schedule.automationId,
    trigger: schedule.trigger,
    sender: { name: deps.sender.name },
    attributes: deps.catalog.attributeNames,
    links: deps.links.linksFor(customer.id, undefined, now),
  });
  const part = template.render('task', context);
  const { providerMessageId } = await sender.send({
    channel: schedule.action.channel,
    messageId: schedule.scheduleId,
    customerId: customer.id,
    to: owner.id,
    category: schedule.category,
    text: part.text,
    tags: { automation: schedule.automationId, schedule: schedule.scheduleId },
    about: {
      name: [customer.name.given, customer.name.family].filter(Boolean).join(' '),
      ...(customer.contact.phone ? { phone: customer.contact.phone } : {}),
    },
  });
  return finish(
    deps.schedules,
    schedule,
    {
      status: 'sent',
      channel: schedule.action.channel,
      details: { to: owner.id, template: schedule.action.template, providerMessageId },
    },
    waiting,
  );
}

/** Writes a Rapport-owned attribute into the customer's `learned` part. */
export async function setAttribute(
  deps: ActionDeps,
  run: Run<'set-attribute'>,
): Promise<ActionOutcome> {
  const { schedule, customer } = run;
  if (!deps.systemState) return done(deps, run, 'failed', 'no system state store');
  const { attribute, value } = schedule.action;
  await deps.systemState.put(customer.id, 'learned', { ...customer.learned, [attribute]: value });
  return done(deps, run, 'done', `set ${attribute}`);
}

/**
 * Records a complaint case as a hold (marketing waits while it is open) and emits
 * `complaint.opened` in the same write, for the complaint-recovery workflow to pick up. Opened by
 * a detractor's survey answer (the closed loop), it also holds marketing for `detractorHoldDays`.
 */
export async function openCase(deps: ActionDeps, run: Run<'open-case'>): Promise<ActionOutcome> {
  const { schedule, customer, now } = run;
  if (!deps.systemState) return done(deps, run, 'failed', 'no system state store');
  const caseId = `case-${schedule.scheduleId}`;
  if (!customer.holds.openCases.includes(caseId)) {
    const survey = detractorAnswer(schedule.trigger);
    const plan = openComplaint({
      customerId: customer.id,
      caseId,
      reason: schedule.action.reason,
      holds: customer.holds,
      ...(survey
        ? { heldUntil: detractorHoldUntil(now, deps.catalog.messaging.detractorHoldDays) }
        : {}),
      now,
    });
    await deps.systemState.put(customer.id, 'holds', plan.holds, [plan.event]);
  }
  return done(deps, run, 'done', `opened ${caseId}: ${schedule.action.reason}`);
}

/** The survey answer an action was triggered by, when it is a detractor's (survey.answered). */
function detractorAnswer(trigger: Record<string, unknown>): boolean {
  const survey = trigger.survey as { scoreClass?: unknown } | undefined;
  return survey?.scoreClass === 'detractor';
}

/** Starts the named workflow with the customer and the trigger; the schedule id names the run. */
export async function startWorkflow(
  deps: ActionDeps,
  run: Run<'start-workflow'>,
): Promise<ActionOutcome> {
  const { schedule, customer } = run;
  const { workflow } = schedule.action;
  if (!deps.workflowStarter)
    return done(deps, run, 'failed', `workflow-not-available: ${workflow}`);
  await deps.workflowStarter.start(workflow, schedule.scheduleId, {
    customerId: customer.id,
    automationId: schedule.automationId,
    trigger: schedule.trigger,
  });
  return done(deps, run, 'done', `started ${workflow}`);
}

/** Ends a non-message action: its status and decision, no message record and no message event. */
async function done(
  deps: ActionDeps,
  { schedule, zone, now }: { schedule: ScheduledAction; zone: ZoneUsed; now: Date },
  status: 'done' | 'failed',
  reason: string,
): Promise<ActionOutcome> {
  const events: Events = [];
  const completed = await deps.schedules.completeSchedule({
    schedule,
    status,
    reason,
    decision: decisionOf(schedule, status, now, zone, { reason }),
    events,
    now,
    from: { status: 'pending' },
  });
  return completed
    ? { status, scheduleId: schedule.scheduleId, reason }
    : { status: 'already-done', scheduleId: schedule.scheduleId };
}

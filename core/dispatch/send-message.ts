import { DateTime } from 'luxon';
import type { DueTime } from '../automation/delay.ts';
import { TEMPLATE_PART } from '../channels.ts';
import { PermanentDeliveryError } from '../errors.ts';
import { capLookback } from '../messaging/caps.ts';
import { decideMessage, type MessagePlan } from '../messaging/decide.ts';
import type { CompiledTemplate } from '../messaging/template.ts';
import { followUpSurvey, type SurveyRenderContext, surveyGate } from '../surveys/invitation.ts';
import { arm } from './arm.ts';
import { type ActionOutcome, decisionOf, finish, type ZoneUsed } from './outcomes.ts';
import {
  type Attempt,
  type CustomerMessageAction,
  outgoingMessage,
  render,
  type SendMessageAction,
} from './outgoing.ts';
import type { ActionDeps } from './run-action.ts';
import { sendFailed } from './send-failure.ts';

/**
 * One message through the one policy (holds, topics, channel, quiet hours, send window, caps),
 * then rendered for its channel, claimed and sent. Everything before the claim only reads, so the
 * claim (a lease) is taken immediately before the provider call: an attempt that dies holding it
 * may have sent, one that never claimed did not. Every outcome, deferral and fallback is recorded
 * as a decision with its reason.
 */
export async function sendMessage(
  deps: ActionDeps,
  schedule: SendMessageAction,
  now: Date,
): Promise<ActionOutcome> {
  const customer = await deps.customers.getCustomer(schedule.customerId);
  const zone: ZoneUsed = customer?.timeZone
    ? { timeZone: customer.timeZone, timeZoneSource: 'customer' }
    : { timeZone: deps.defaultTimeZone, timeZoneSource: 'default' };
  const waiting = { now, from: { status: 'pending' }, zone } as const;
  // An erased (or never registered) customer is suppressed, not failed: there is nothing to retry.
  if (!customer)
    return finish(
      deps.schedules,
      schedule,
      { status: 'suppressed', reason: 'customer-not-found' },
      waiting,
    );
  const attempt: Attempt = { schedule, customer, zone, now };
  // Staff read the business's language (the fallback locale), the customer their own.
  const locale =
    schedule.action.kind === 'notify-staff' ? deps.catalog.fallbackLocale : customer.locale;
  const template = deps.catalog.template(schedule.action.template, locale);
  // A template removed after the action was planned is a configuration error, not the customer's.
  if (!template) {
    const reason = `template-missing: ${schedule.action.template}`;
    return finish(deps.schedules, schedule, { status: 'failed', reason }, waiting);
  }
  // A staff notice goes to the staff member's address: the customer's policy is not theirs.
  if (schedule.action.kind === 'notify-staff') {
    const to = schedule.action.to.email;
    return send(
      deps,
      attempt,
      { kind: 'send', channel: 'email', address: to, skipped: [] },
      template,
    );
  }
  const { action } = schedule;
  const plan = await planFor(deps, attempt, action, template);
  switch (plan.kind) {
    case 'hold':
      return finish(
        deps.schedules,
        schedule,
        { status: 'suppressed', outcome: 'held', reason: plan.reason },
        waiting,
      );
    case 'suppress':
      return finish(
        deps.schedules,
        schedule,
        { status: 'suppressed', reason: plan.reason, skipped: plan.skipped },
        waiting,
      );
    case 'defer':
      return defer(deps, attempt, plan.until, plan.reason);
    case 'send':
      return action.survey
        ? sendSurvey(deps, attempt, plan, template)
        : send(deps, attempt, plan, template);
  }
}

/**
 * A survey invitation passes the fatigue guard last, once the messaging policy would send it, so a
 * deferred invitation does not count as one; the guard's conditional write is its reservation. A
 * workflow's survey (a complaint's follow-up check) is about the case its trigger names, and the
 * customer expects it: no guard.
 */
async function sendSurvey(
  deps: ActionDeps,
  attempt: Attempt,
  plan: Extract<MessagePlan, { kind: 'send' }>,
  template: CompiledTemplate,
): Promise<ActionOutcome> {
  const { schedule, customer, zone, now } = attempt;
  const waiting = { now, from: { status: 'pending' }, zone } as const;
  const caseId = schedule.workflow ? caseIdOf(schedule.trigger) : undefined;
  if (!deps.surveys || (schedule.workflow && !caseId))
    return finish(
      deps.schedules,
      schedule,
      { status: 'failed', reason: 'surveys-not-available' },
      waiting,
    );
  const gate = caseId
    ? ({ kind: 'invite', survey: followUpSurvey(deps.surveys, customer, caseId, now) } as const)
    : await surveyGate(deps.surveys, customer, schedule.trigger, zone.timeZone, now);
  if (gate.kind === 'suppress')
    return finish(deps.schedules, schedule, { status: 'suppressed', reason: gate.reason }, waiting);
  return send(deps, attempt, plan, template, gate.survey);
}

function caseIdOf(trigger: Record<string, unknown>): string | undefined {
  const complaint = trigger.complaint as { caseId?: unknown } | undefined;
  return typeof complaint?.caseId === 'string' ? complaint.caseId : undefined;
}

async function planFor(
  deps: ActionDeps,
  { schedule, customer, zone, now }: Attempt,
  action: CustomerMessageAction['action'],
  template: CompiledTemplate,
): Promise<MessagePlan> {
  const policy = deps.catalog.messaging;
  const automation = deps.catalog.automation(schedule.automationId);
  const since = capLookback(now, zone.timeZone, [
    ...policy.caps,
    { category: 'marketing', ...policy.frequencies.monthly },
  ]);
  const recent =
    schedule.category === 'marketing' ? await deps.schedules.messagesSince(customer.id, since) : [];
  // Survey invitations share one window (surveys.yaml), so marketing ops change it in one place.
  const window = action.survey ? deps.catalog.surveys.window : automation?.window;
  return decideMessage({
    customer,
    category: schedule.category,
    ...(action.topic ? { topic: action.topic } : {}),
    requested: action.channel,
    ...(window ? { window } : {}),
    now,
    timeZone: zone.timeZone,
    policy,
    sent: recent
      .filter((message) => message.status === 'sent')
      .map((message) => ({ at: message.createdAt, category: message.category })),
    sendable: (channel) => {
      if (!deps.senders[channel]) return 'no-sender';
      return template.parts.has(TEMPLATE_PART[channel]) ? 'ok' : 'no-template';
    },
    excluded: new Set(schedule.excludedChannels ?? []),
  });
}

async function defer(
  deps: ActionDeps,
  { schedule, zone, now }: Attempt,
  until: Date,
  reason: string,
): Promise<ActionOutcome> {
  const due = dueAt(until, zone.timeZone);
  const decision = decisionOf(schedule, 'deferred', now, zone, { reason, until: due.instant });
  const moved = await deps.schedules.deferSchedule({ schedule, due, decision, now });
  if (!moved) return { status: 'already-done', scheduleId: schedule.scheduleId };
  await arm(deps, { ...schedule, due, deferrals: (schedule.deferrals ?? 0) + 1 }, now);
  return { status: 'deferred', scheduleId: schedule.scheduleId, until: due.instant };
}

function dueAt(instant: Date, timeZone: string): DueTime {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return {
    instant: instant.toISOString(),
    localDateTime: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone,
  };
}

async function send(
  deps: ActionDeps,
  attempt: Attempt,
  plan: Extract<MessagePlan, { kind: 'send' }>,
  template: CompiledTemplate | undefined,
  survey?: SurveyRenderContext,
): Promise<ActionOutcome> {
  const { schedule, zone, now } = attempt;
  const waiting = { now, from: { status: 'pending' }, zone } as const;
  const rendered = render(deps, attempt, plan.channel, template, survey);
  if ('error' in rendered)
    return finish(
      deps.schedules,
      schedule,
      { status: 'failed', reason: rendered.error, channel: plan.channel },
      waiting,
    );

  const claimId = deps.newId();
  const claimed = await deps.schedules.claimSchedule({
    scheduleId: schedule.scheduleId,
    now,
    leaseMs: deps.leaseMs,
    claimId,
    channel: plan.channel,
  });
  if (!claimed) return { status: 'already-done', scheduleId: schedule.scheduleId };
  const outgoing = outgoingMessage(deps, attempt, plan, rendered.part);
  const details = {
    to: plan.address,
    template: schedule.action.template,
    locale: rendered.locale,
    ...(rendered.part.part === 'email' ? { subject: rendered.part.subject } : {}),
  };
  const held = { now, from: { claimId }, zone } as const;
  const sender = deps.senders[plan.channel];
  let providerMessageId: string;
  try {
    if (!sender) throw new PermanentDeliveryError(`no sender for ${plan.channel}`);
    ({ providerMessageId } = await sender.send(outgoing));
  } catch (error) {
    return sendFailed(
      deps,
      { attempt, claimed, claimId, channel: plan.channel, details, held },
      error,
    );
  }
  // Outside the try on purpose: once the provider accepted the message, a failure to record it
  // must not release the claim (a retry would send it twice). The claim stays; if this attempt
  // cannot record, a later one finds the expired claim and records the outcome as unknown.
  return finish(
    deps.schedules,
    claimed,
    {
      status: 'sent',
      channel: plan.channel,
      skipped: plan.skipped,
      details: { ...details, providerMessageId },
    },
    { ...held, now: deps.clock() },
  );
}

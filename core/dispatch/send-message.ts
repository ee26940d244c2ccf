import type { Customer } from '../customer/customer-view.ts';
import { PermanentDeliveryError, ThrottledError } from '../errors.ts';
import { decideDelivery } from '../messaging/delivery.ts';
import { renderContext } from '../messaging/render-context.ts';
import type { RenderedMessage } from '../messaging/template.ts';
import type { ScheduledAction } from '../schedule.ts';
import { type ActionOutcome, finish } from './outcomes.ts';
import type { ActionDeps } from './run-action.ts';

type SendMessageAction = ScheduledAction & { action: { kind: 'send-message' } };

/**
 * Decide, render, then claim and send. Everything before the claim only reads, so the claim (a
 * lease) is taken immediately before the provider call: an attempt that dies holding it may have
 * sent, one that never claimed did not.
 */
export async function sendMessage(
  deps: ActionDeps,
  schedule: SendMessageAction,
  now: Date,
): Promise<ActionOutcome> {
  const pending = { now, from: { status: 'pending' } } as const;
  const customer = await deps.customers.getCustomer(schedule.customerId);
  // An erased (or never registered) customer is suppressed, not failed: there is nothing to retry.
  if (!customer)
    return finish(
      deps.schedules,
      schedule,
      'suppressed',
      { reason: 'customer-not-found' },
      pending,
    );
  const decision = decideDelivery(customer, schedule.action);
  if (decision.kind === 'suppress')
    return finish(deps.schedules, schedule, 'suppressed', { reason: decision.reason }, pending);
  const rendered = render(deps, schedule, customer);
  if ('error' in rendered)
    return finish(deps.schedules, schedule, 'failed', { reason: rendered.error }, pending);

  const claimId = deps.newId();
  const claimed = await deps.schedules.claimSchedule({
    scheduleId: schedule.scheduleId,
    now,
    leaseMs: deps.leaseMs,
    claimId,
  });
  if (!claimed) return { status: 'already-done', scheduleId: schedule.scheduleId };

  const envelope = {
    to: decision.address,
    template: schedule.action.template,
    locale: rendered.locale,
    subject: rendered.message.subject,
  };
  const held = { now, from: { claimId } } as const;
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await deps.mailer.send({
      from: { address: deps.sender.address, name: deps.sender.name },
      to: decision.address,
      ...rendered.message,
      tags: { automation: schedule.automationId, schedule: schedule.scheduleId },
    }));
  } catch (error) {
    return sendFailed(deps, claimed, { claimId, envelope, held }, error);
  }
  // Outside the try on purpose: once the provider accepted the message, a failure to record it
  // must not release the claim (a retry would send it twice). The claim stays; if this attempt
  // cannot record, a later one finds the expired claim and records the outcome as unknown.
  return finish(
    deps.schedules,
    claimed,
    'sent',
    { ...envelope, providerMessageId },
    {
      ...held,
      now: deps.clock(),
    },
  );
}

interface Attempt {
  readonly claimId: string;
  readonly envelope: { to: string; template: string; locale: string; subject: string };
  readonly held: { readonly now: Date; readonly from: { readonly claimId: string } };
}

/**
 * The provider refused or could not be reached. Permanent: failed now. Throttled: the claim is
 * given back without spending an attempt, and the error goes up so the wake-up is put back with
 * a delay. Transient: the attempt counts; failed once the budget is spent, else retried later.
 */
async function sendFailed(
  deps: ActionDeps,
  claimed: ScheduledAction,
  { claimId, envelope, held }: Attempt,
  error: unknown,
): Promise<ActionOutcome> {
  const reason = `delivery-error: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof PermanentDeliveryError)
    return finish(deps.schedules, claimed, 'failed', { ...envelope, reason }, held);
  const throttled = error instanceof ThrottledError;
  if (!throttled && claimed.attempts >= deps.maxAttempts)
    return finish(deps.schedules, claimed, 'failed', { ...envelope, reason }, held);
  await deps.schedules.releaseSchedule({
    scheduleId: claimed.scheduleId,
    claimId,
    error: reason,
    now: deps.clock(),
    countAttempt: !throttled,
  });
  throw error;
}

type Rendered = { message: RenderedMessage; locale: string } | { error: string };

function render(deps: ActionDeps, schedule: SendMessageAction, customer: Customer): Rendered {
  const template = deps.catalog.template(schedule.action.template, customer.locale);
  if (!template) return { error: `template-missing: ${schedule.action.template}` };
  try {
    const context = renderContext({
      customer,
      automationId: schedule.automationId,
      trigger: schedule.trigger,
      sender: { name: deps.sender.name },
      attributes: deps.catalog.attributeNames,
    });
    return { message: template.render(context), locale: template.locale };
  } catch (error) {
    return { error: `template-error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

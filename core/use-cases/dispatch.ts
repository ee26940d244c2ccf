import type { Catalog } from '../catalog.ts';
import type { Customer } from '../customer/customer.ts';
import { NotFoundError, PermanentDeliveryError } from '../errors.ts';
import type { DomainEvent } from '../events.ts';
import { decideDelivery } from '../messaging/delivery.ts';
import { renderContext } from '../messaging/render-context.ts';
import type { RenderedMessage } from '../messaging/template.ts';
import type {
  Clock,
  CustomerStore,
  DispatchRequest,
  EventBus,
  Mailer,
  ScheduleStore,
} from '../ports.ts';
import { FINAL_STATUSES, type MessageRecord, type ScheduledAction } from '../schedule.ts';

export interface DispatchDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
  readonly mailer: Mailer;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly sender: { readonly address: string; readonly name: string };
  /** After this many transient failures the message is recorded as failed (and the error rethrown). */
  readonly maxAttempts: number;
  /** How long a claim holds before another invocation may take the schedule over. */
  readonly leaseMs: number;
}

export type DispatchOutcome =
  | { readonly status: 'sent' | 'suppressed' | 'failed'; readonly message: MessageRecord }
  | { readonly status: 'already-done' | 'in-progress'; readonly scheduleId: string };

/**
 * Runs one due action: claim it, decide whether it may be sent, render, send, record. A re-fired
 * schedule finds the final state and does nothing; a transient send error releases the claim and
 * rethrows so the platform retries, until `maxAttempts`, when the failure is recorded for good.
 */
export async function dispatchScheduledAction(
  deps: DispatchDeps,
  request: DispatchRequest,
): Promise<DispatchOutcome> {
  const existing = await deps.schedules.getSchedule(request.scheduleId);
  if (!existing) throw new NotFoundError('schedule', request.scheduleId);
  if (FINAL_STATUSES.has(existing.status))
    return { status: 'already-done', scheduleId: existing.scheduleId };

  const schedule = await deps.schedules.claimSchedule({
    scheduleId: request.scheduleId,
    now: deps.clock(),
    leaseMs: deps.leaseMs,
  });
  if (!schedule) return { status: 'in-progress', scheduleId: request.scheduleId };

  const customer = await deps.customers.getCustomer(schedule.customerId);
  // An erased (or never registered) customer is suppressed, not failed: there is nothing to retry.
  if (!customer)
    return complete(deps, schedule, { status: 'suppressed', reason: 'customer-not-found' });
  const decision = decideDelivery(customer, schedule.action);
  if (decision.kind === 'suppress') {
    return complete(deps, schedule, { status: 'suppressed', reason: decision.reason });
  }
  const rendered = render(deps, schedule, customer);
  if ('error' in rendered)
    return complete(deps, schedule, { status: 'failed', reason: rendered.error });

  const envelope = {
    to: decision.address,
    template: schedule.action.template,
    locale: rendered.locale,
    subject: rendered.message.subject,
  };
  try {
    const { providerMessageId } = await deps.mailer.send({
      from: { address: deps.sender.address, name: deps.sender.name },
      to: decision.address,
      ...rendered.message,
      tags: { automation: schedule.automationId, schedule: schedule.scheduleId },
    });
    return complete(deps, schedule, { status: 'sent', ...envelope, providerMessageId });
  } catch (error) {
    const reason = `delivery-error: ${error instanceof Error ? error.message : String(error)}`;
    if (error instanceof PermanentDeliveryError)
      return complete(deps, schedule, { status: 'failed', ...envelope, reason });
    if (schedule.attempts >= deps.maxAttempts) {
      await complete(deps, schedule, { status: 'failed', ...envelope, reason });
    } else {
      await deps.schedules.releaseSchedule(schedule.scheduleId, reason, deps.clock());
    }
    throw error;
  }
}

type Rendered = { message: RenderedMessage; locale: string } | { error: string };

function render(deps: DispatchDeps, schedule: ScheduledAction, customer: Customer): Rendered {
  const template = deps.catalog.template(schedule.action.template, customer.locale);
  if (!template) return { error: `template-missing: ${schedule.action.template}` };
  try {
    const context = renderContext({
      customer,
      automationId: schedule.automationId,
      trigger: schedule.trigger,
      sender: { name: deps.sender.name },
    });
    return { message: template.render(context), locale: template.locale };
  } catch (error) {
    return { error: `template-error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

type DispatchStatus = 'sent' | 'suppressed' | 'failed';
type DispatchedMessage = MessageRecord & { readonly status: DispatchStatus };
type Completion = Omit<
  DispatchedMessage,
  'messageId' | 'customerId' | 'scheduleId' | 'automationId' | 'channel' | 'createdAt'
>;

async function complete(
  deps: DispatchDeps,
  schedule: ScheduledAction,
  completion: Completion,
): Promise<DispatchOutcome> {
  const now = deps.clock();
  const message: DispatchedMessage = {
    ...completion,
    // One planned action sends at most one message, so the schedule id names it.
    messageId: schedule.scheduleId,
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    channel: schedule.action.channel,
    createdAt: now.toISOString(),
  };
  await deps.schedules.completeSchedule({ schedule, status: completion.status, message, now });
  await deps.bus.publish([messageEvent(message, now)]);
  return { status: completion.status, message };
}

function messageEvent(message: DispatchedMessage, now: Date): DomainEvent {
  const data = {
    customerId: message.customerId,
    messageId: message.messageId,
    scheduleId: message.scheduleId,
    automationId: message.automationId,
    channel: message.channel,
    ...(message.reason === undefined ? {} : { reason: message.reason }),
  };
  const base = {
    id: `message.${message.status}:${message.messageId}`,
    occurredAt: now.toISOString(),
  };
  switch (message.status) {
    case 'sent':
      return { ...base, type: 'message.sent', data };
    case 'suppressed':
      return { ...base, type: 'message.suppressed', data };
    case 'failed':
      return { ...base, type: 'message.failed', data };
  }
}

import type { DeliveryChannel } from '../channels.ts';
import { TEMPLATE_PART } from '../channels.ts';
import type { Customer } from '../customer/customer-view.ts';
import type { MessagePlan } from '../messaging/decide.ts';
import { renderContext } from '../messaging/render-context.ts';
import type { CompiledTemplate, RenderedPart } from '../messaging/template.ts';
import type { OutgoingMessage } from '../ports.ts';
import type { PlannedAction, ScheduledAction, StaffNotice } from '../schedule.ts';
import type { SurveyRenderContext } from '../surveys/invitation.ts';
import type { ZoneUsed } from './outcomes.ts';
import type { ActionDeps } from './run-action.ts';

/** A message to the customer, planned by an automation. */
export type CustomerMessageAction = ScheduledAction & {
  action: Extract<PlannedAction, { kind: 'send-message' }>;
};
/** Any message the dispatcher sends: to the customer, or to staff about them (a workflow's). */
export type SendMessageAction = CustomerMessageAction | (ScheduledAction & { action: StaffNotice });

/** The topic a message is about (marketing's unsubscribe unit); staff notices have none. */
const topicOf = (schedule: SendMessageAction) =>
  schedule.action.kind === 'send-message' ? schedule.action.topic : undefined;

/** One try at one message: what is sent, to whom, in which zone, when. */
export interface Attempt {
  readonly schedule: SendMessageAction;
  readonly customer: Customer;
  readonly zone: ZoneUsed;
  readonly now: Date;
}

/** What the sender for the plan's channel receives (RFC 8058 headers on marketing email). */
export function outgoingMessage(
  deps: ActionDeps,
  { schedule, customer, now }: Attempt,
  plan: Extract<MessagePlan, { kind: 'send' }>,
  part: RenderedPart,
): OutgoingMessage {
  const marketing = schedule.category === 'marketing' && plan.channel === 'email';
  const unsubscribe = marketing
    ? deps.links.linksFor(customer.id, topicOf(schedule), now).unsubscribe
    : undefined;
  return {
    channel: plan.channel,
    messageId: schedule.scheduleId,
    customerId: customer.id,
    to: plan.address,
    category: schedule.category,
    ...(part.part === 'email'
      ? { subject: part.subject, ...(part.html ? { html: part.html } : {}) }
      : {}),
    text: part.text,
    // RFC 8058 one-click unsubscribe: the mailbox provider POSTs to the URL; nothing to click.
    ...(unsubscribe
      ? {
          headers: [
            { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
            { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          ],
        }
      : {}),
    tags: { automation: schedule.automationId, schedule: schedule.scheduleId },
    ...(plan.channel === 'phone' || plan.channel === 'visit'
      ? {
          about: {
            name: [customer.name.given, customer.name.family].filter(Boolean).join(' '),
            ...(customer.contact.phone ? { phone: customer.contact.phone } : {}),
          },
        }
      : {}),
  };
}

export type Rendered = { part: RenderedPart; locale: string } | { error: string };

export function render(
  deps: ActionDeps,
  { schedule, customer, now }: Attempt,
  channel: DeliveryChannel,
  template: CompiledTemplate | undefined,
  survey?: SurveyRenderContext,
): Rendered {
  if (!template) return { error: `template-missing: ${schedule.action.template}` };
  try {
    const context = renderContext({
      customer,
      automationId: schedule.automationId,
      trigger: schedule.trigger,
      sender: { name: deps.sender.name },
      attributes: deps.catalog.attributeNames,
      links: deps.links.linksFor(customer.id, topicOf(schedule), now),
      ...(survey ? { survey } : {}),
    });
    return { part: template.render(TEMPLATE_PART[channel], context), locale: template.locale };
  } catch (error) {
    return { error: `template-error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

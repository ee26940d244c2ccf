import type { Automation } from '../../core/automation/automation.ts';
import { conditionHolds } from '../../core/automation/conditions.ts';
import { factsFor, readFact } from '../../core/automation/facts.ts';
import { type AutomationDecision, decideAutomations } from '../../core/automation/plan.ts';
import { triggerSummary } from '../../core/automation/trigger-summary.ts';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { type DeliveryChannel, TEMPLATE_PART } from '../../core/channels.ts';
import type { Customer } from '../../core/customer/customer-view.ts';
import type { DomainEvent } from '../../core/events/registry.ts';
import { decideMessage, type MessagePlan } from '../../core/messaging/decide.ts';
import { linkMaker } from '../../core/messaging/links.ts';
import { renderContext } from '../../core/messaging/render-context.ts';
import type { CompiledTemplate, RenderedPart } from '../../core/messaging/template.ts';
import type { MessageRecord } from '../../core/schedule.ts';

export interface ConditionCheck {
  readonly text: string;
  readonly holds: boolean;
  readonly actual: unknown;
}

/** One step of the messaging decision at a moment: a deferral moves to the next. */
export interface MessageStep {
  readonly at: Date;
  readonly plan: MessagePlan;
}

export interface Preview {
  readonly automation: Automation;
  readonly timeZone: string;
  readonly timeZoneSource: 'customer' | 'default';
  readonly conditions: readonly ConditionCheck[];
  readonly decision: AutomationDecision;
  readonly steps: readonly MessageStep[];
  readonly rendered?: {
    readonly part: RenderedPart;
    readonly locale: string;
    readonly channel: DeliveryChannel;
  };
  readonly renderError?: string;
}

export interface PreviewInput {
  readonly catalog: Catalog;
  readonly automation: Automation;
  readonly customer: Customer;
  readonly event: DomainEvent;
  readonly now: Date;
  readonly messages: readonly MessageRecord[];
  readonly defaultTimeZone: string;
  readonly senderName: string;
}

/**
 * What Rapport would do for this customer and event, computed by the same functions the engine
 * and the dispatcher run: the automation's decision (conditions, guards, re-entry, holdout, due
 * time), then the messaging decision at the due time (and again after each deferral), then the
 * rendered message for the chosen channel. Nothing is written.
 */
export function explain(input: PreviewInput): Preview {
  const { automation, customer, event, catalog } = input;
  const timeZone = customer.timeZone ?? input.defaultTimeZone;
  const facts = factsFor(event, customer);
  const conditions = automation.conditions.map((condition) => ({
    text: `${condition.fact} ${condition.op}${'value' in condition ? ` ${JSON.stringify(condition.value)}` : ''}`,
    holds: conditionHolds(condition, facts),
    actual: readFact(facts, condition.fact),
  }));
  // The switch is not consulted: a preview answers "what if it were on".
  const [decision] = decideAutomations({
    event,
    customer,
    automations: [automation],
    now: input.now,
    defaultTimeZone: timeZone,
    isEnabled: () => true,
  });
  if (!decision) throw new Error(`no decision for ${automation.id}`);
  const base: Preview = {
    automation,
    timeZone,
    timeZoneSource: customer.timeZone ? 'customer' : 'default',
    conditions,
    decision,
    steps: [],
  };
  const action = automation.action;
  if (decision.outcome === 'not-entered') return base;
  if (action.kind !== 'send-message' && action.kind !== 'alert-owner') return base;
  const template = catalog.template(action.template, customer.locale);
  const due = new Date(decision.plan.due.instant);
  if (action.kind === 'alert-owner') {
    return { ...base, ...rendering(input, timeZone, template, action.channel, due) };
  }
  const steps = messageSteps(input, timeZone, template, due);
  const last = steps[steps.length - 1];
  if (last?.plan.kind !== 'send') return { ...base, steps };
  return { ...base, steps, ...rendering(input, timeZone, template, last.plan.channel, last.at) };
}

/** The messaging decision at the due time, and again at each deferral's new time. */
function messageSteps(
  input: PreviewInput,
  timeZone: string,
  template: CompiledTemplate | undefined,
  due: Date,
): MessageStep[] {
  const { automation, customer, catalog } = input;
  const action = automation.action;
  if (action.kind !== 'send-message') return [];
  const sent = input.messages
    .filter((message) => message.status === 'sent')
    .map((message) => ({ at: message.createdAt, category: message.category }));
  const steps: MessageStep[] = [];
  let at = due;
  for (let i = 0; i < 4; i++) {
    const plan = decideMessage({
      customer,
      category: automation.category,
      ...(action.topic ? { topic: action.topic } : {}),
      requested: action.channel,
      ...(automation.window ? { window: automation.window } : {}),
      now: at,
      timeZone,
      policy: catalog.messaging,
      sent,
      sendable: (candidate) =>
        template?.parts.has(TEMPLATE_PART[candidate]) ? 'ok' : 'no-template',
      excluded: new Set(),
    });
    steps.push({ at, plan });
    if (plan.kind !== 'defer') break;
    at = plan.until;
  }
  return steps;
}

/** The message as the channel would carry it, with links made for the preview. */
function rendering(
  input: PreviewInput,
  timeZone: string,
  template: CompiledTemplate | undefined,
  channel: DeliveryChannel,
  at: Date,
): Pick<Preview, 'rendered' | 'renderError'> {
  const { automation, customer, catalog, event } = input;
  if (!template) return { renderError: "no template for the customer's locale" };
  const topic = automation.action.kind === 'send-message' ? automation.action.topic : undefined;
  try {
    const links = linkMaker({
      baseUrl: 'https://rapport.example.com',
      key: new Uint8Array(32),
      days: catalog.messaging.links.preferencesDays,
    });
    const context = renderContext({
      customer,
      automationId: automation.id,
      trigger: triggerSummary(event, customer, timeZone),
      sender: { name: input.senderName },
      attributes: catalog.attributeNames,
      links: links.linksFor(customer.id, topic, at),
    });
    const part = template.render(TEMPLATE_PART[channel], context);
    return { rendered: { part, locale: template.locale, channel } };
  } catch (error) {
    return { renderError: error instanceof Error ? error.message : String(error) };
  }
}

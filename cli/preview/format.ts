import type { Customer } from '../../core/customer/customer-view.ts';
import type { MessagePlan } from '../../core/messaging/decide.ts';
import { explainReason } from '../reasons.ts';
import { localTime } from '../time.ts';
import type { Preview } from './explain.ts';

function describePlan(plan: MessagePlan, timeZone: string): string[] {
  const skipped =
    'skipped' in plan && plan.skipped.length > 0
      ? [`  passed over: ${plan.skipped.map((s) => `${s.channel} (${s.reason})`).join(', ')}`]
      : [];
  switch (plan.kind) {
    case 'send':
      return [`Channel: ${plan.channel} to ${plan.address}`, ...skipped];
    case 'defer':
      return [
        `Deferred: ${explainReason(plan.reason)}; tried again ${localTime(plan.until, timeZone)}`,
      ];
    case 'hold':
      return [`Held: ${explainReason(plan.reason)}`];
    case 'suppress':
      return [`Not sent: ${explainReason(plan.reason)}`, ...skipped];
  }
}

export function formatPreview(
  preview: Preview,
  customer: Customer,
  context: { readonly customerFrom: string; readonly eventFrom: string; readonly now: Date },
): string[] {
  const { automation, timeZone } = preview;
  const name = [customer.name.given, customer.name.family].filter(Boolean).join(' ');
  const zoneNote = preview.timeZoneSource === 'default' ? ' (default zone)' : '';
  const out = [
    `Automation: ${automation.id} (${automation.category}, ${automation.enabled ? 'enabled' : 'disabled'} in its file; previewed as if on)`,
    `Customer:   ${customer.id} (${name}), ${timeZone}${zoneNote}, locale ${customer.locale}; from ${context.customerFrom}`,
    `Event:      ${automation.trigger.event}, ${context.eventFrom}; evaluated ${localTime(context.now, timeZone)}`,
    '',
    ...preview.conditions.map(
      (check) =>
        `  ${check.holds ? 'ok  ' : 'FAIL'} ${check.text}  (is ${JSON.stringify(check.actual) ?? 'absent'})`,
    ),
  ];
  if (preview.conditions.length === 0) out.push('  (no conditions)');
  out.push('', ...outcomeLines(preview));
  return out;
}

function outcomeLines(preview: Preview): string[] {
  const { automation, decision, timeZone } = preview;
  if (decision.outcome === 'not-entered') return [`Would fire: no (${decision.reason})`];
  const due = decision.plan.due;
  if (decision.outcome !== 'planned') {
    return [
      `Would fire: no, ${decision.outcome} (${decision.reason ?? ''})`,
      `  it would have been due ${localTime(due.instant, timeZone)}`,
    ];
  }
  const late =
    decision.plan.timing === 'expired' ? ', but its due time has passed: recorded expired' : '';
  const out = [
    `Would fire: yes${late}`,
    `When:       ${localTime(due.instant, timeZone)}  [delay ${describeDelay(automation.delay)}]`,
  ];
  for (const step of preview.steps) out.push(...describePlan(step.plan, timeZone));
  if (automation.action.kind !== 'send-message' && automation.action.kind !== 'alert-owner') {
    out.push(`Action:     ${automation.action.kind} ${JSON.stringify(automation.action)}`);
  }
  if (preview.renderError) out.push(`Render error: ${preview.renderError}`);
  return [...out, ...messageLines(preview)];
}

function messageLines(preview: Preview): string[] {
  const rendered = preview.rendered;
  if (!rendered) return [];
  const out: string[] = [];
  const last = preview.steps[preview.steps.length - 1];
  if (last?.plan.kind === 'send' && preview.steps.length > 1)
    out.push(`Sent at:    ${localTime(last.at, preview.timeZone)}`);
  out.push('', `Message (${rendered.channel}, template locale ${rendered.locale}):`);
  if (rendered.part.part === 'email') out.push(`  Subject: ${rendered.part.subject}`, '');
  for (const line of rendered.part.text.trimEnd().split('\n')) out.push(`  ${line}`.trimEnd());
  return out;
}

function describeDelay(delay: Preview['automation']['delay']): string {
  switch (delay.kind) {
    case 'none':
      return 'none';
    case 'after':
      return `after ${delay.duration}`;
    case 'next-day-at':
      return `next day at ${delay.time}`;
    case 'before-date':
      return `${delay.days} days before ${delay.field} at ${delay.time}`;
    default:
      return JSON.stringify(delay);
  }
}

import { Duration } from 'luxon';
import { isCustomerMessage } from '../../core/automation/actions.ts';
import type { Automation } from '../../core/automation/automation.ts';
import type { AttributeDeclarations } from '../../core/catalog/attributes.ts';
import { factDomain } from './fact-domains.ts';
import type { Finding } from './finding.ts';
import { positionOf } from './positions.ts';
import { satisfiable } from './reachability.ts';
import type { CheckedAutomation } from './semantic.ts';

/**
 * Two automations that message a customer on the same trigger, whose conditions can hold at once,
 * whose messages can fall due on the same day of the customer, with the same priority: the engine
 * keeps one per day, and equal priorities leave the choice to the ids' order. A `priority` that
 * differs says which one wins; `guards.notContactedWithin` stops the second. Re-entry rules limit
 * one automation's repeats, so they do not settle an overlap between two. Automations due before a
 * customer's date are anchored on that date, not on the event, and are not compared.
 */
export function overlapFindings(
  checked: readonly CheckedAutomation[],
  attributes: AttributeDeclarations,
): Finding[] {
  const findings: Finding[] = [];
  const messaging = checked.filter(({ automation }) => isCustomerMessage(automation.action));
  messaging.forEach((b, j) => {
    for (const a of messaging.slice(0, j)) {
      if (!overlap(a.automation, b.automation, attributes)) continue;
      const first = a.automation;
      findings.push({
        file: b.parsed.file,
        at: positionOf(b.parsed, ['trigger', 'event']),
        message: `overlaps '${first.id}' (${a.parsed.file}): both message the customer on ${first.trigger.event}, their conditions can hold at once, both can be due the same day, and both have priority ${first.priority}: which one the customer gets is left to the ids' order`,
        hint: `give one a higher 'priority' (the higher wins when both are due the same day), make the conditions exclusive (e.g. different interaction.type values), or add guards.notContactedWithin`,
      });
    }
  });
  return findings;
}

function overlap(a: Automation, b: Automation, attributes: AttributeDeclarations): boolean {
  if (a.trigger.event !== b.trigger.event || a.priority !== b.priority) return false;
  if (a.guards.notContactedWithin || b.guards.notContactedWithin) return false;
  const days = [dueDays(a), dueDays(b)];
  if (!days[0] || !days[1] || !days[0].some((day) => days[1]?.includes(day))) return false;
  const domain = (fact: string) => factDomain(a.trigger.event, fact, attributes);
  return satisfiable([...a.conditions, ...b.conditions], domain);
}

/** The days after the event (0 = the same day) the action can fall due; undefined when not event-anchored. */
function dueDays(automation: Automation): number[] | undefined {
  const delay = automation.delay;
  switch (delay.kind) {
    case 'none':
      return [0];
    case 'next-day-at':
      return [1];
    case 'after': {
      const days = Duration.fromISO(delay.duration).as('days');
      // A delay in hours can cross midnight; a month is 28 to 31 days.
      return [Math.floor(days), Math.floor(days) + 1, Math.ceil(days) + 1];
    }
    default:
      return undefined;
  }
}

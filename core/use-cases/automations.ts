import * as z from 'zod';
import type { Automation } from '../automation/automation.ts';
import type {
  AutomationSwitch,
  AutomationSwitchStore,
  EnrollmentStore,
} from '../automation/ports.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { NotFoundError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { SingleLineText } from '../validation/text.ts';
import { parseInput } from './parse-input.ts';

export interface AutomationDeps {
  readonly catalog: Catalog;
  readonly switches: AutomationSwitchStore;
  readonly enrollments: EnrollmentStore;
  readonly clock: Clock;
}

/** An automation as operators see it: what the file says, and whether it is on now, and why. */
export interface AutomationSummary {
  readonly id: string;
  readonly description: string;
  readonly owner: string;
  readonly category: Automation['category'];
  readonly trigger: string;
  readonly action: Automation['action']['kind'];
  readonly enabled: boolean;
  /** `switch` when an operator set it (API or CLI), `file` when the file's default applies. */
  readonly enabledBy: 'file' | 'switch';
}

function summaryOf(automation: Automation, set: AutomationSwitch | undefined): AutomationSummary {
  return {
    id: automation.id,
    description: automation.description.trim(),
    owner: automation.owner,
    category: automation.category,
    trigger: automation.trigger.event,
    action: automation.action.kind,
    enabled: set?.enabled ?? automation.enabled,
    enabledBy: set ? 'switch' : 'file',
  };
}

function find(deps: AutomationDeps, id: string): Automation {
  const automation = deps.catalog.automation(id);
  if (!automation)
    throw new NotFoundError('automation', id, 'GET /automations lists the deployed ones');
  return automation;
}

/** `GET /automations`. */
export async function listAutomations(
  deps: AutomationDeps,
): Promise<{ automations: AutomationSummary[] }> {
  const switches = await deps.switches.switches();
  return {
    automations: deps.catalog.automations.map((automation) =>
      summaryOf(automation, switches.get(automation.id)),
    ),
  };
}

/** `GET /automations/{id}`: the definition, the switch in force, and who changed it when. */
export async function getAutomation(deps: AutomationDeps, id: string) {
  const automation = find(deps, id);
  const [switches, history] = await Promise.all([
    deps.switches.switches(),
    deps.switches.history(id, 50),
  ]);
  return { ...summaryOf(automation, switches.get(id)), definition: automation, history };
}

export const SwitchChange = z.strictObject({
  enabled: z.boolean(),
  /** Who: a person or a pipeline, recorded with the change. */
  by: SingleLineText(120),
  reason: SingleLineText(500).optional(),
});

/**
 * `PUT /automations/{id}/enabled`: no redeploy. The engine reads the switch on the next event;
 * actions already waiting are skipped with the reason when they fire (the dispatcher reads it too).
 */
export async function setAutomationEnabled(deps: AutomationDeps, id: string, body: unknown) {
  find(deps, id);
  const { enabled, by, reason } = parseInput(SwitchChange, body ?? {});
  await deps.switches.setSwitch({
    automationId: id,
    enabled,
    by,
    at: deps.clock().toISOString(),
    ...(reason ? { reason } : {}),
  });
  return getAutomation(deps, id);
}

/**
 * `GET /automations/{id}/report`: entries and conversions in each group, the rates, and the lift
 * (treatment rate minus holdout rate): what the automation adds over doing nothing.
 */
export async function automationReport(deps: AutomationDeps, id: string) {
  const automation = find(deps, id);
  const counts = await deps.enrollments.counts(id);
  const rate = (converted: number, entered: number) =>
    entered === 0 ? null : Math.round((converted / entered) * 10_000) / 10_000;
  const treatment = rate(counts.converted.treatment, counts.entered.treatment);
  const holdout = rate(counts.converted.holdout, counts.entered.holdout);
  return {
    automationId: id,
    holdoutShare: automation.holdout,
    goal: automation.goal ?? null,
    entered: counts.entered.treatment + counts.entered.holdout,
    heldOut: counts.entered.holdout,
    treatment: {
      entered: counts.entered.treatment,
      converted: counts.converted.treatment,
      rate: treatment,
    },
    holdout: {
      entered: counts.entered.holdout,
      converted: counts.converted.holdout,
      rate: holdout,
    },
    lift:
      treatment === null || holdout === null
        ? null
        : Math.round((treatment - holdout) * 10_000) / 10_000,
  };
}

import { templateOf } from '../../core/automation/actions.ts';
import type { Automation, Condition } from '../../core/automation/automation.ts';
import type { AttributeDeclarations } from '../../core/catalog/attributes.ts';
import { hasPath, sampleFacts, sampleRenderContext } from '../../core/catalog/samples.ts';
import type { CompiledTemplate } from '../../core/messaging/template.ts';
import { factDomain } from './fact-domains.ts';
import { didYouMean, type Finding } from './finding.ts';
import { type ParsedYaml, positionOf, positionOfText } from './positions.ts';
import { contradictions, describeCondition } from './reachability.ts';

export interface CheckedAutomation {
  readonly parsed: ParsedYaml;
  readonly automation: Automation;
}

export interface CompiledTemplateFile {
  readonly parsed: ParsedYaml;
  readonly template: CompiledTemplate;
}

/** The condition lists of an automation, each with the trigger its facts come from. */
function conditionLists(automation: Automation) {
  return [
    { path: ['conditions'], trigger: automation.trigger.event, conditions: automation.conditions },
    ...automation.exit.map((exit, i) => ({
      path: ['exit', i, 'conditions'],
      trigger: exit.event,
      conditions: exit.conditions,
    })),
    ...(automation.goal
      ? [
          {
            path: ['goal', 'conditions'],
            trigger: automation.goal.event,
            conditions: automation.goal.conditions,
          },
        ]
      : []),
  ];
}

type ConditionList = ReturnType<typeof conditionLists>[number];

/** Facts the trigger cannot have, and conditions that can never hold together. */
export function conditionFindings(
  { parsed, automation }: CheckedAutomation,
  attributes: AttributeDeclarations,
): Finding[] {
  const findings = conditionLists(automation).flatMap((list) =>
    listFindings(parsed, list, attributes),
  );
  if (automation.delay.kind === 'before-date') {
    const facts = sampleFacts(automation.trigger.event, attributes);
    if (!hasPath(facts, automation.delay.field.split('.'))) {
      findings.push({
        file: parsed.file,
        at: positionOf(parsed, ['delay', 'field']),
        message: `delay.field '${automation.delay.field}' does not exist for ${automation.trigger.event}`,
        hint: 'use a declared date attribute, e.g. customer.attributes.warrantyExpiresOn (type: date in attributes.yaml)',
      });
    }
  }
  return findings;
}

function listFindings(
  parsed: ParsedYaml,
  list: ConditionList,
  attributes: AttributeDeclarations,
): Finding[] {
  const findings: Finding[] = [];
  const facts = sampleFacts(list.trigger, attributes);
  const present: Condition[] = [];
  const indexes: number[] = [];
  list.conditions.forEach((condition, i) => {
    if (hasPath(facts, condition.fact.split('.'))) {
      present.push(condition);
      indexes.push(i);
    } else findings.push(missingFact(parsed, list, i, leafPaths(facts), attributes));
  });
  const domain = (fact: string) => factDomain(list.trigger, fact, attributes);
  for (const found of contradictions(present, domain)) {
    const index = indexes[found.index] ?? found.index;
    const others = found.with.map((j) => `${list.path.join('.')}.${indexes[j] ?? j}`);
    const condition = present[found.index];
    const together = others.length > 0 ? ` together with ${others.join(', ')}` : '';
    findings.push({
      file: parsed.file,
      at: positionOf(parsed, [...list.path, index]),
      message: `${[...list.path, index].join('.')} (${condition ? describeCondition(condition) : ''}) can never hold${together}: ${found.why}`,
      hint:
        others.length > 0
          ? 'conditions all must hold: to accept either value, use one `in` with both'
          : 'fix the value, or remove the condition',
    });
  }
  return findings;
}

function missingFact(
  parsed: ParsedYaml,
  list: ConditionList,
  i: number,
  known: readonly string[],
  attributes: AttributeDeclarations,
): Finding {
  const fact = list.conditions[i]?.fact ?? '';
  const path = fact.split('.');
  const attribute = path[0] === 'customer' && path[1] === 'attributes' ? path[2] : undefined;
  const instead = attribute ? didYouMean(attribute, Object.keys(attributes)) : '';
  return {
    file: parsed.file,
    at: positionOf(parsed, [...list.path, i, 'fact']),
    message: `${[...list.path, i].join('.')}: fact '${fact}' does not exist for ${list.trigger}`,
    hint: attribute
      ? `declare '${attribute}' in workflows/attributes.yaml (type, description, example), or ${instead || 'use a declared attribute'}`
      : `${didYouMean(fact, known)}facts of ${list.trigger}: ${summarise(known)}`,
  };
}

/** The action's template exists (in the fallback locale) and reads only what the trigger provides. */
export function templateFindings(
  { parsed, automation }: CheckedAutomation,
  templates: ReadonlyMap<string, ReadonlyMap<string, CompiledTemplateFile>>,
  attributes: AttributeDeclarations,
  fallbackLocale: string,
): Finding[] {
  const templateId = templateOf(automation.action);
  if (templateId === undefined) return [];
  const at = positionOf(parsed, ['action', 'template']);
  const locales = templates.get(templateId);
  if (!locales?.has(fallbackLocale)) {
    return [
      {
        file: parsed.file,
        at,
        message: `template '${templateId}' does not exist (no templates/${templateId}/${fallbackLocale}.yaml)`,
        hint: `${didYouMean(templateId, [...templates.keys()])}templates: ${[...templates.keys()].join(', ') || '(none)'}`,
      },
    ];
  }
  const sample = sampleRenderContext(automation.trigger.event, attributes, 'Rapport');
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const loaded of locales.values()) {
    for (const path of loaded.template.variablePaths()) {
      const variable = path.join('.');
      if (hasPath(sample, path) || reported.has(variable)) continue;
      reported.add(variable);
      const where = positionOfText(loaded.parsed, variable);
      findings.push({
        file: parsed.file,
        at,
        message: `template '${templateId}' reads '${variable}' (${loaded.parsed.file}:${where.line}:${where.col}), which a ${automation.trigger.event} trigger cannot provide`,
        hint: variableHint(path, sample, attributes),
      });
    }
  }
  return findings;
}

function variableHint(
  path: string[],
  sample: Record<string, unknown>,
  attributes: AttributeDeclarations,
) {
  if (path[0] === 'customer' && path[1] === 'attributes' && path[2] !== undefined) {
    return `declare '${path[2]}' in workflows/attributes.yaml, or ${didYouMean(path[2], Object.keys(attributes)) || 'use a declared attribute'}`;
  }
  const known = leafPaths(sample).filter((p) => !p.startsWith('links.'));
  const near = didYouMean(path.join('.'), known);
  if (path[0] === 'trigger') {
    const offered = leafPaths({ trigger: sample.trigger });
    return `${near}this trigger offers ${summarise(offered)}; change the trigger or the template`;
  }
  return `${near}templates can read ${summarise(known)}`;
}

/** Every dotted path to a value in `value` (arrays are leaves), to suggest the nearest one. */
export function leafPaths(value: unknown, prefix = '', depth = 0): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 5) {
    return prefix ? [prefix] : [];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leafPaths(child, prefix ? `${prefix}.${key}` : key, depth + 1),
  );
}

function summarise(paths: readonly string[]): string {
  const shown = paths.filter((path) => !path.startsWith('event.data.')).slice(0, 12);
  return `${shown.join(', ')}${paths.length > shown.length ? ', ...' : ''} (docs/events.md)`;
}

import type { Automation } from '../automation/automation.ts';
import type { AttributeDeclarations } from './attributes.ts';
import type { LoadedTemplate } from './catalog.ts';
import { hasPath, sampleFacts } from './samples.ts';

interface Owner {
  readonly automation: Automation;
  readonly file: string;
}

/**
 * Every variable a template reads, in every branch, must exist for the trigger of the automation
 * that sends it: a `customer.registered` automation cannot mention `trigger.interaction`. Then one
 * render with the sample proves filters and syntax.
 */
export function templateProblems(
  loaded: LoadedTemplate,
  { automation, file }: Owner,
  sample: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const trigger = automation.trigger.event;
  for (const path of loaded.template.variablePaths()) {
    if (hasPath(sample, path)) continue;
    problems.push(
      `${loaded.file}: uses '${path.join('.')}', which automation '${automation.id}' (${file}) cannot provide: ${missingHint(path, sample, trigger)}`,
    );
  }
  if (problems.length === 0) {
    try {
      loaded.template.render(sample);
    } catch (error) {
      problems.push(`${loaded.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

function missingHint(path: string[], sample: Record<string, unknown>, trigger: string): string {
  if (path[0] === 'customer' && path[1] === 'attributes' && path[2] !== undefined) {
    return `attribute '${path[2]}' is not declared in attributes.yaml`;
  }
  if (path[0] === 'trigger') {
    const available = Object.keys(sample.trigger as object).join(', ');
    return `it is triggered by ${trigger}, whose trigger has ${available}`;
  }
  const known = Object.keys(sample).join(', ');
  return `templates can read ${known}`;
}

/** Every condition reads a fact the trigger can provide (and only declared attributes). */
export function conditionProblems(
  automation: Automation,
  file: string,
  attributes: AttributeDeclarations,
): string[] {
  const facts = sampleFacts(automation.trigger.event, attributes);
  return automation.conditions.flatMap((condition, index) => {
    const path = condition.fact.split('.');
    if (hasPath(facts, path)) return [];
    const hint =
      path[0] === 'customer' && path[1] === 'attributes'
        ? `attribute '${path[2]}' is not declared in attributes.yaml`
        : `automations triggered by ${automation.trigger.event} can read ${Object.keys(facts)
            .map((root) => `${root}.*`)
            .join(', ')}`;
    return [`${file}: conditions.${index}.fact '${condition.fact}' does not exist: ${hint}`];
  });
}

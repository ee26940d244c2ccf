import { DECLARED_WORKFLOWS } from '../automation/actions.ts';
import type { Automation } from '../automation/automation.ts';
import type { AttributeDeclarations } from './attributes.ts';
import { conditionProblems } from './checks.ts';
import { hasPath, sampleFacts } from './samples.ts';

/**
 * What the format cannot say in a schema: actions name declared things (attributes, workflows),
 * a before-date delay reads a date the trigger has, exit and goal conditions read facts their
 * events have, and the entry rules make sense together.
 */
export function automationProblems(
  automation: Automation,
  file: string,
  attributes: AttributeDeclarations,
): string[] {
  const problems = [
    ...conditionProblems(automation, file, attributes),
    ...actionProblems(automation, file, attributes),
    ...delayProblems(automation, file, attributes),
  ];
  automation.exit.forEach((exit, index) => {
    problems.push(
      ...conditionProblems(automation, file, attributes, {
        event: exit.event,
        conditions: exit.conditions,
        path: `exit.${index}.conditions`,
      }),
    );
  });
  if (automation.goal) {
    problems.push(
      ...conditionProblems(automation, file, attributes, {
        event: automation.goal.event,
        conditions: automation.goal.conditions,
        path: 'goal.conditions',
      }),
    );
  }
  if (automation.holdout > 0 && !automation.goal) {
    problems.push(
      `${file}: holdout ${automation.holdout} measures nothing without a goal: add goal (event, within) or set holdout: 0`,
    );
  }
  return problems;
}

function actionProblems(
  automation: Automation,
  file: string,
  attributes: AttributeDeclarations,
): string[] {
  const { action } = automation;
  switch (action.kind) {
    case 'set-attribute': {
      const declared = attributes[action.attribute];
      if (!declared)
        return [
          `${file}: action.attribute '${action.attribute}' is not declared in attributes.yaml; declare it (type, description, example)`,
        ];
      return typeof action.value === (declared.type === 'date' ? 'string' : declared.type)
        ? []
        : [
            `${file}: action.value must be a ${declared.type}, as attributes.yaml declares '${action.attribute}'`,
          ];
    }
    case 'start-workflow':
      return DECLARED_WORKFLOWS.includes(action.workflow)
        ? []
        : [
            `${file}: action.workflow '${action.workflow}' is not a declared workflow (declared: ${DECLARED_WORKFLOWS.join(', ')})`,
          ];
    case 'send-message':
    case 'alert-owner':
    case 'open-case':
      return [];
    default:
      return assertNoAction(action);
  }
}

function delayProblems(
  automation: Automation,
  file: string,
  attributes: AttributeDeclarations,
): string[] {
  const { delay } = automation;
  if (delay.kind !== 'before-date') return [];
  const path = delay.field.split('.');
  const facts = sampleFacts(automation.trigger.event, attributes);
  if (!hasPath(facts, path)) {
    return [
      `${file}: delay.field '${delay.field}' does not exist for ${automation.trigger.event}${path[1] === 'attributes' || path[1] === 'learned' ? `: declare '${path[2]}' (type: date) in attributes.yaml` : ''}`,
    ];
  }
  const name = path[2];
  if (
    (path[1] === 'attributes' || path[1] === 'learned') &&
    name &&
    attributes[name]?.type !== 'date'
  ) {
    return [
      `${file}: delay.field '${delay.field}' must be declared with type: date in attributes.yaml`,
    ];
  }
  return [];
}

function assertNoAction(value: never): never {
  throw new Error(`unhandled action: ${JSON.stringify(value)}`);
}

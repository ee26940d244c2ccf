import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { RapportFunction } from '../../infra/constructs/rapport-function.ts';

/** Lambda ARNs in a locally resolved definition name the function's registry entry. */
export const localFunctionArn = (name: string) =>
  `arn:aws:lambda:local:000000000000:function:${name}`;

/**
 * The definition the CDK synthesizes, as plain ASL: `build` adds the workflow's construct to a
 * throwaway stack (bundling skipped, so no Lambda code is built), and the DefinitionString's
 * intrinsics are resolved: each Rapport function's ARN becomes `localFunctionArn(<registry name>)`,
 * pseudo parameters get local values. What runs locally is what deploys, state for state.
 */
export function synthesizeDefinition(build: (stack: Stack) => void): StateMachineDefinition {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'LocalWorkflow');
  build(stack);
  const machines = stack.node
    .findAll()
    .filter((c): c is CfnStateMachine => c instanceof CfnStateMachine);
  if (machines.length !== 1)
    throw new Error(`expected one state machine, found ${machines.length}`);
  const functions = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof RapportFunction) {
      const id = stack.resolve((construct.function.node.defaultChild as CfnElement).logicalId);
      functions.set(id, construct.definition.name);
    }
  }
  const raw = stack.resolve((machines[0] as CfnStateMachine).definitionString);
  const text = resolveIntrinsics(raw, functions);
  if (typeof text !== 'string') throw new Error('the definition did not resolve to a string');
  return JSON.parse(text) as StateMachineDefinition;
}

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'local',
  'AWS::AccountId': '000000000000',
  'AWS::URLSuffix': 'amazonaws.com',
};

function resolveIntrinsics(value: unknown, functions: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, functions));
  const object = value as Record<string, unknown>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => String(resolveIntrinsics(part, functions))).join(separator);
  }
  if ('Fn::GetAtt' in object) {
    const [id] = object['Fn::GetAtt'] as [string, string];
    const name = functions.get(id);
    return name ? localFunctionArn(name) : `arn:aws:states:local:000000000000:resource:${id}`;
  }
  if ('Ref' in object) {
    const ref = String(object.Ref);
    return PSEUDO[ref] ?? `local-${ref}`;
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, inner]) => [key, resolveIntrinsics(inner, functions)]),
  );
}

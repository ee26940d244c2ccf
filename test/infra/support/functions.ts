import * as z from 'zod';
import { RapportFunction } from '../../../infra/constructs/rapport-function.ts';
import type { Synthesized } from './synth.ts';

/** The stack's functions by their functions/registry.ts name. */
export function deployedFunctions(synth: Synthesized): Map<string, RapportFunction> {
  const found = synth.stack.node
    .findAll()
    .filter((construct): construct is RapportFunction => construct instanceof RapportFunction);
  return new Map(found.map((fn) => [fn.definition.name, fn]));
}

export function deployedFunction(synth: Synthesized, name: string): RapportFunction {
  const fn = deployedFunctions(synth).get(name);
  if (!fn) throw new Error(`the stack deploys no function '${name}'`);
  return fn;
}

/** The environment variables of a function as synthesized (values may be intrinsics). */
export function synthesizedEnvironment(
  synth: Synthesized,
  fn: RapportFunction,
): Record<string, unknown> {
  const resource = synth.template.toJSON().Resources[synth.logicalId(fn.function)];
  return resource?.Properties?.Environment?.Variables ?? {};
}

/**
 * The environment as a function would see it, with each CloudFormation intrinsic (a Ref or
 * GetAtt resolved only at deploy time) replaced by a value of the right shape: an ARN for `*_ARN`,
 * a URL for `*_URL`, a name otherwise. Literal values are kept, so they are checked as they are.
 */
export function placeholderEnvironment(variables: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : placeholderFor(name),
    ]),
  );
}

function placeholderFor(name: string): string {
  if (name.endsWith('_ARN')) return 'arn:aws:sqs:eu-west-1:111111111111:placeholder';
  if (name.endsWith('_URL')) return 'https://sqs.eu-west-1.amazonaws.com/111111111111/placeholder';
  return 'placeholder-name';
}

/** The keys a config schema cannot do without (neither optional nor defaulted). */
export function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
}

export function isObjectSchema(schema: unknown): schema is z.ZodObject {
  return schema instanceof z.ZodObject;
}

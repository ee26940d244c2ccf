import { type App, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs the AWS Solutions checks on every synth; an unacknowledged finding fails it. Each
 * acknowledgement sits on the narrowest construct it concerns, next to the reason.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * The start of an ARN as cdk-nag prints it in a finding's id, for acknowledgements: a stack
 * without an environment shows `<AWS::Region>`, one deployed to eu-west-1 shows `eu-west-1`. Both
 * must be acknowledged, or `cdk synth` fails where a test passed.
 */
export function nagArnPrefix(scope: IConstruct, service: string): string {
  const stack = Stack.of(scope);
  const show = (value: string, pseudo: string) =>
    Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
  return `arn:${show(stack.partition, 'Partition')}:${service}:${show(stack.region, 'Region')}:${show(stack.account, 'AccountId')}`;
}

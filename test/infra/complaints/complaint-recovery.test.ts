import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ComplaintRecovery } from '../../../infra/constructs/complaint-recovery.ts';
import { RapportTable } from '../../../infra/constructs/rapport-table.ts';
import { addNagChecks } from '../../../infra/nag.ts';
import { complaintRecoveryDefinitionForLocal } from '../../../local/complaints/complaint-workflow.ts';
import { statementsForService, statementsOfRole } from '../support/iam.ts';

/** The construct in a stack of its own, cdk-nag on (a finding fails the synth), no bundling. */
function synth() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  addNagChecks(app);
  const stack = new Stack(app, 'Complaints');
  const recovery = new ComplaintRecovery(stack, 'Recovery', {
    table: new RapportTable(stack, 'Table'),
  });
  app.synth();
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.resolve((c.node.defaultChild as CfnElement).logicalId) as string;
  return { template: Template.fromStack(stack), recovery, id };
}

describe('the complaint recovery infrastructure', () => {
  const { template, recovery, id } = synth();

  it('logs every state and traces with X-Ray (cdk-nag SF1 and SF2 met, not acknowledged)', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('lets the state machine invoke its own function and nothing else', () => {
    const statements = statementsOfRole(template, id(recovery.stateMachine.role));
    const invoke = statementsForService(statements, 'lambda');
    const fn = id(recovery.handler.function);
    const resources = JSON.stringify(invoke.map((s) => s.Resource));
    expect(invoke.length).toBeGreaterThan(0);
    expect(resources).toContain(fn);
    const others = JSON.stringify(invoke).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/g) ?? [];
    expect(others.every((ref) => ref.includes(fn))).toBe(true);
  });

  it('waits for the resolution on a task token the function stores under the case id', () => {
    const states = complaintRecoveryDefinitionForLocal().States as unknown as Record<
      string,
      Record<string, unknown>
    >;
    const wait = states.AwaitResolution;
    expect(wait?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(wait?.Parameters).toMatchObject({
      Payload: { step: 'await-resolution', 'caseId.$': '$.caseId', 'token.$': '$$.Task.Token' },
    });
    expect(wait?.TimeoutSecondsPath).toBe('$.next.seconds');
  });
});

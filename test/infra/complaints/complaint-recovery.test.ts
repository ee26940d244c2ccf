import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ComplaintRecovery } from '../../../infra/constructs/complaint-recovery.ts';
import { DispatchQueue } from '../../../infra/constructs/dispatch-queue.ts';
import { RapportBus } from '../../../infra/constructs/rapport-bus.ts';
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
    bus: new RapportBus(stack, 'Bus'),
    queue: new DispatchQueue(stack, 'DispatchQueue'),
    defaultTimeZone: 'Europe/Madrid',
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

  it('delivers complaints, complaint.opened and unhappy follow-ups to the intake, and no other event', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['rapport'],
        'detail-type': ['interaction.recorded', 'complaint.opened', 'survey.answered'],
        detail: {
          $or: [
            { type: ['complaint.opened'] },
            { data: { interaction: { type: ['complaint'] } } },
            { type: ['survey.answered'], data: { followUp: [true], detractor: [true] } },
          ],
        },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [id(recovery.intake.function), 'Arn'] } })],
    });
  });

  it('lets the intake start recoveries and the steps resume them, on this state machine only', () => {
    // The intake's grants name the machine; the steps' name it by its ARN (a Ref would be a cycle).
    for (const [fn, actions, machine] of [
      [
        recovery.intake,
        ['states:StartExecution', 'states:SendTaskSuccess'],
        id(recovery.stateMachine),
      ],
      [recovery.handler, ['states:SendTaskSuccess'], ':stateMachine:Complaints-complaint-recovery'],
    ] as const) {
      const granted = statementsForService(statementsOfRole(template, id(fn.role)), 'states');
      for (const action of actions) {
        const statement = granted.find((s) => JSON.stringify(s.Action).includes(action));
        expect(statement, `${action} for ${fn.node.path}`).toBeDefined();
        expect(JSON.stringify(statement?.Resource)).toContain(machine);
      }
    }
  });

  it('hands every message to the dispatch queue: the steps may send to it', () => {
    const steps = statementsOfRole(template, id(recovery.handler.role));
    const sqs = statementsForService(steps, 'sqs');
    expect(JSON.stringify(sqs.map((s) => s.Action))).toContain('sqs:SendMessage');
  });
});

import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { complaintSteps } from '../../functions/complaint-steps/definition.ts';
import { complaintRecoveryDefinition } from '../../workflows/complaint-recovery/state-machine.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface ComplaintRecoveryProps {
  readonly table: RapportTable;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The 30-day complaint recovery: a Standard state machine (a case id names its execution, so a
 * second start is refused) whose tasks are the complaint-steps function. Every state is logged
 * and traced with X-Ray (cdk-nag SF1, SF2); its role may invoke that function only.
 */
export class ComplaintRecovery extends Construct {
  public readonly handler: RapportFunction;
  public readonly stateMachine: StateMachine;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ComplaintRecoveryProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.handler = new RapportFunction(this, 'Handler', {
      definition: complaintSteps,
      logRetention: retention,
    }).bindTable(props.table);
    this.logGroup = new LogGroup(this, 'WorkflowLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'Workflow', {
      comment: 'Rapport complaint recovery: owner, acknowledgement, reminders, 30-day deadline',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        complaintRecoveryDefinition(this, this.handler.function),
      ),
      // The deadline is 30 days; the follow-up check comes days after a resolution.
      timeout: Duration.days(90),
      tracingEnabled: true,
      // Execution data holds case ids and task tokens only, no customer's words.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    const functionId = Stack.of(this).resolve(
      (this.handler.function.node.defaultChild as CfnElement).logicalId,
    );
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason:
          'Step Functions may invoke the complaint-steps function and its versions (`<arn>:*`, as the CDK grants a task); no other function.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'tracingEnabled adds the X-Ray actions, which X-Ray only authorizes on Resource "*".',
      },
    );
  }
}

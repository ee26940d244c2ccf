import {
  type CfnElement,
  Duration,
  RemovalPolicy,
  Stack,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type IScheduleGroup,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { TIER_RUN_TIMEOUT_SECONDS, tierRun } from '../../functions/tier-run/definition.ts';
import { tierRunDefinition } from '../../workflows/tier-recalculation/state-machine.ts';
import { nagArnPrefix } from '../nag.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface TierRecalculationProps {
  readonly table: RapportTable;
  /** An EventBridge Scheduler expression. @default 'cron(0 3 ? * MON *)' (Mondays 03:00) */
  readonly schedule?: string;
  /** The schedule's IANA time zone. @default 'UTC' */
  readonly timeZone?: string;
  /** The group the schedule lives in (the platform's jobs group). @default - the default group */
  readonly scheduleGroup?: IScheduleGroup;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

export const DEFAULT_TIER_SCHEDULE = 'cron(0 3 ? * MON *)';

/**
 * Scheduled tier recalculation: a recurring EventBridge Scheduler schedule starts a Standard state
 * machine (workflows/tier-recalculation/state-machine.ts) whose tasks are the tier-run function.
 * The state machine logs every state and is traced with X-Ray; the schedule's failed starts land in
 * a dead-letter queue that the stack's alarms watch.
 */
export class TierRecalculation extends Construct {
  public readonly handler: RapportFunction;
  public readonly stateMachine: StateMachine;
  public readonly schedule: Schedule;
  public readonly failedStarts: DeadLetterQueue;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TierRecalculationProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.handler = new RapportFunction(this, 'Handler', {
      definition: tierRun,
      timeout: Duration.seconds(TIER_RUN_TIMEOUT_SECONDS),
      // Scanning and deciding are CPU-bound: more memory buys a faster CPU.
      memorySize: 1024,
      logRetention: retention,
    }).bindTable(props.table);

    this.logGroup = new LogGroup(this, 'WorkflowLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'Workflow', {
      comment: 'Rapport tier recalculation: two passes over the table segments, then a summary',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(tierRunDefinition(this, this.handler.function)),
      timeout: Duration.hours(12),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    // The logical id is looked up, not spelled: the finding names the function by it.
    const functionId = Stack.of(this).resolve(
      (this.handler.function.node.defaultChild as CfnElement).logicalId,
    );
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason:
          'Step Functions may invoke the tier-run function and its versions (`<arn>:*`, as the CDK grants a task); no other function.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'tracingEnabled adds xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules and GetSamplingTargets, which X-Ray only authorizes on Resource "*".',
      },
    );

    this.failedStarts = new DeadLetterQueue(this, 'FailedStarts', {
      purpose: 'tier runs EventBridge Scheduler could not start',
      untracedWiring: "the DeadLetterConfig of the tier schedule's target",
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Starts the Rapport tier recalculation',
      schedule: ScheduleExpression.expression(
        props.schedule ?? DEFAULT_TIER_SCHEDULE,
        TimeZone.of(props.timeZone ?? 'UTC'),
      ),
      ...(props.scheduleGroup ? { scheduleGroup: props.scheduleGroup } : {}),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        // The run is "as of" the instant it was scheduled for: a retried delivery is the same run.
        input: ScheduleTargetInput.fromObject({
          trigger: 'schedule',
          asOf: '<aws.scheduler.scheduled-time>',
        }),
        deadLetterQueue: this.failedStarts.queue,
        maxEventAge: Duration.hours(6),
      }),
    });
    if (props.scheduleGroup) this.schedule.node.addDependency(props.scheduleGroup);
  }

  /**
   * Lets a function start runs on demand and describe them (the ingest API's `/tier-runs`): only
   * StartExecution on this state machine and DescribeExecution on its executions.
   */
  allowRunsFrom(fn: RapportFunction): void {
    fn.addEnvironment('RAPPORT_TIER_WORKFLOW_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn.function);
    this.stateMachine.grantExecution(fn.function, 'states:DescribeExecution');
    const machineId = Stack.of(this).resolve(
      (this.stateMachine.node.defaultChild as CfnElement).logicalId,
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArnPrefix(this, 'states')}:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      reason:
        "DescribeExecution on the tier state machine's executions (`execution:<machine>:*`): a run's execution is named when it starts, so no narrower ARN exists beforehand.",
    });
  }
}

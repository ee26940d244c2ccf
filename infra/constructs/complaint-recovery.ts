import {
  ArnFormat,
  type CfnElement,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { COMPLAINT_EVENT_TYPES } from '../../core/complaints/intake-from-event.ts';
import { EVENT_SOURCE } from '../../core/events/registry.ts';
import { complaintIntake } from '../../functions/complaint-intake/definition.ts';
import { complaintSteps } from '../../functions/complaint-steps/definition.ts';
import { complaintRecoveryDefinition } from '../../workflows/complaint-recovery/state-machine.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { DispatchQueue } from './dispatch-queue.ts';
import type { RapportBus } from './rapport-bus.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface ComplaintRecoveryProps {
  readonly table: RapportTable;
  /** Complaint events arrive on it (interaction.recorded of type complaint, complaint.opened). */
  readonly bus: RapportBus;
  /** Every message of the recovery is handed to the dispatcher through its queue. */
  readonly queue: DispatchQueue;
  /** IANA zone the planned messages are dated in (the dispatcher applies the customer's). */
  readonly defaultTimeZone: string;
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
  public readonly intake: RapportFunction;
  public readonly intakeRule: Rule;
  public readonly undeliveredComplaints: DeadLetterQueue;
  public readonly failedIntakes: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ComplaintRecoveryProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.handler = new RapportFunction(this, 'Handler', {
      definition: complaintSteps,
      logRetention: retention,
      environment: {
        RAPPORT_DEFAULT_TIME_ZONE: props.defaultTimeZone,
        RAPPORT_DISPATCH_QUEUE_URL: props.queue.queue.queueUrl,
      },
    }).bindTable(props.table);
    props.queue.queue.grantSendMessages(this.handler.function);
    this.logGroup = new LogGroup(this, 'WorkflowLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const machineName = `${Stack.of(this).stackName}-complaint-recovery`;
    this.stateMachine = new StateMachine(this, 'Workflow', {
      stateMachineName: machineName,
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
    // A resolution that came in between two waits is handed on by the next wait's step. The
    // machine's ARN is formatted from its name: a reference would make a cycle (the machine
    // refers to the function, whose policy would refer to the machine).
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'stateMachine',
            resourceName: machineName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.failedIntakes = new DeadLetterQueue(this, 'FailedIntakes', {
      purpose: 'complaint events the intake failed on after Lambda retries',
    });
    this.undeliveredComplaints = new DeadLetterQueue(this, 'UndeliveredComplaints', {
      purpose: 'complaint events EventBridge could not deliver to the intake',
      untracedWiring: "the DeadLetterConfig of the complaint rule's target",
    });
    this.intake = new RapportFunction(this, 'Intake', {
      definition: complaintIntake,
      timeout: Duration.seconds(30),
      logRetention: retention,
      deadLetterQueue: this.failedIntakes.queue,
      retryAttempts: 2,
      environment: { RAPPORT_DEFAULT_TIME_ZONE: props.defaultTimeZone },
    }).bindTable(props.table);
    this.allowStartsFrom(this.intake);
    this.intakeRule = new Rule(this, 'ComplaintRule', {
      description:
        'Delivers complaints to the intake: complaint interactions, complaint.opened, unhappy follow-ups',
      eventBus: props.bus.eventBus,
      eventPattern: {
        source: [EVENT_SOURCE],
        detailType: [...COMPLAINT_EVENT_TYPES],
        // Other interactions never reach the intake: filtered by the bus, not in code.
        detail: {
          $or: [
            { type: ['complaint.opened'] },
            { data: { interaction: { type: ['complaint'] } } },
            { type: ['survey.answered'], data: { followUp: [true], detractor: [true] } },
          ],
        },
      },
    });
    this.intakeRule.addTarget(
      new LambdaFunction(this.intake.function, {
        deadLetterQueue: this.undeliveredComplaints.queue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(24),
      }),
    );

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

  /**
   * Lets a function open recoveries and resolve them (the intake, the case API): StartExecution on
   * this state machine (the case names the execution) and SendTaskSuccess for a waiting case.
   */
  allowStartsFrom(fn: RapportFunction): void {
    fn.addEnvironment('RAPPORT_COMPLAINT_WORKFLOW_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn.function);
    // Only SendTaskSuccess: a resolution is the one answer a waiting case gets.
    this.stateMachine.grant(fn.function, 'states:SendTaskSuccess');
  }
}

import { Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface ActionSchedulingProps {
  /** The function every schedule in the group invokes. */
  readonly target: IFunction;
  /**
   * A literal name (unique per account and Region), so the engine's IAM resource and its nag
   * acknowledgement can spell the schedule ARN pattern without a generated logical id.
   * @default `<stack name>-actions`
   */
  readonly groupName?: string;
}

const GROUP_NAME = /^[0-9a-zA-Z._-]{1,64}$/;

/**
 * Where the engine parks planned actions until they are due: one EventBridge Scheduler group for
 * the one-time `at()` schedules (functions/adapters/scheduler/event-bridge-scheduler.ts), the
 * role the scheduler assumes to invoke the dispatcher, and the queue for invocations the
 * scheduler could not deliver.
 */
export class ActionScheduling extends Construct {
  public readonly group: ScheduleGroup;
  public readonly groupName: string;
  public readonly role: Role;
  public readonly deadLetterQueue: DeadLetterQueue;
  /** Pattern of the ARNs of the schedules in the group, for the engine's CreateSchedule. */
  public readonly scheduleArnPattern: string;

  constructor(scope: Construct, id: string, props: ActionSchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.groupName = props.groupName ?? `${stack.stackName}-actions`;
    if (Token.isUnresolved(this.groupName) || !GROUP_NAME.test(this.groupName)) {
      throw new Error(
        `ActionScheduling: groupName '${this.groupName}' must be a literal of 1-64 letters, digits, '.', '_' or '-'`,
      );
    }
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: this.groupName,
      // Every pending schedule is also recorded in the table (GSI1 SCHEDULE#PENDING) and can be
      // re-created from there; a retained group would keep firing at a deleted dispatcher.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.scheduleArnPattern = Fn.sub(
      `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule/${this.groupName}/*`,
    );
    this.deadLetterQueue = new DeadLetterQueue(this, 'UndeliveredSchedules', {
      purpose: 'schedules EventBridge Scheduler could not deliver to the dispatcher',
    });

    this.role = new Role(this, 'Role', {
      description: 'Assumed by EventBridge Scheduler to run Rapport action schedules',
      // Confused-deputy guard: only schedules of this account and this group may assume it.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.target.functionArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queue.queueArn],
      }),
    );
  }
}

import { Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface ActionSchedulingProps {
  /** The dispatch queue every schedule sends its wake-up to. */
  readonly target: IQueue;
  /**
   * A literal name (unique per account and Region), so the engine's IAM resource and its nag
   * acknowledgement can spell the schedule ARN pattern without a generated logical id.
   * @default `<stack name>-actions`
   */
  readonly groupName?: string;
  /** @default `<stack name>-jobs` */
  readonly jobsGroupName?: string;
}

const GROUP_NAME = /^[0-9a-zA-Z._-]{1,64}$/;

/**
 * Where wake-ups wait until they are due, in EventBridge Scheduler: one group for the engine's
 * one-time `at()` schedules (functions/adapters/scheduler/event-bridge-scheduler.ts), another for
 * the platform's recurring jobs (so the engine, which may create and delete schedules in its own
 * group, cannot touch them), the role the scheduler assumes to send to the dispatch queue, and the
 * queue for wake-ups the scheduler could not deliver.
 */
export class ActionScheduling extends Construct {
  public readonly group: ScheduleGroup;
  public readonly groupName: string;
  public readonly jobsGroup: ScheduleGroup;
  public readonly role: Role;
  public readonly deadLetterQueue: DeadLetterQueue;
  /** Pattern of the ARNs of the schedules in the actions group, for the engine's policy. */
  public readonly scheduleArnPattern: string;

  constructor(scope: Construct, id: string, props: ActionSchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.groupName = props.groupName ?? `${stack.stackName}-actions`;
    const jobsGroupName = props.jobsGroupName ?? `${stack.stackName}-jobs`;
    for (const name of [this.groupName, jobsGroupName]) {
      if (Token.isUnresolved(name) || !GROUP_NAME.test(name)) {
        throw new Error(
          `ActionScheduling: group name '${name}' must be a literal of 1-64 letters, digits, '.', '_' or '-'`,
        );
      }
    }
    // Every pending action is also recorded in the table (GSI1 SCHEDULE#PENDING) and the
    // reconciler wakes it from there; a retained group would keep firing into a deleted queue.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: this.groupName,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.jobsGroup = new ScheduleGroup(this, 'JobsGroup', {
      scheduleGroupName: jobsGroupName,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.scheduleArnPattern = Fn.sub(
      `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule/${this.groupName}/*`,
    );
    this.deadLetterQueue = new DeadLetterQueue(this, 'UndeliveredSchedules', {
      purpose: 'wake-ups EventBridge Scheduler could not deliver to the dispatch queue',
      untracedWiring: "the DeadLetterConfig of each schedule's target",
    });

    this.role = new Role(this, 'Role', {
      description:
        'Assumed by EventBridge Scheduler to send Rapport wake-ups to the dispatch queue',
      // Confused-deputy guard: only schedules of this account and these groups may assume it.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': [this.group.scheduleGroupArn, this.jobsGroup.scheduleGroupArn],
          },
        },
      }),
    });
    // The target and the dead-letter queue; nothing else (no lambda:InvokeFunction).
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [props.target.queueArn, this.deadLetterQueue.queue.queueArn],
      }),
    );
  }
}

import { Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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

  /**
   * The environment a function needs to arm actions (functions/shared/config.ts SchedulingConfig):
   * this group, its role, the dispatch queue as target, the DLQ for undeliverable schedules.
   */
  armingEnvironment(queue: IQueue, flexibleWindowMinutes = 0): Record<string, string> {
    return {
      RAPPORT_SCHEDULER_GROUP: this.group.scheduleGroupName,
      RAPPORT_SCHEDULER_ROLE_ARN: this.role.roleArn,
      RAPPORT_DISPATCH_QUEUE_ARN: queue.queueArn,
      RAPPORT_DISPATCH_QUEUE_URL: queue.queueUrl,
      RAPPORT_SCHEDULE_DLQ_ARN: this.deadLetterQueue.queue.queueArn,
      RAPPORT_FLEXIBLE_WINDOW_MINUTES: String(flexibleWindowMinutes),
    };
  }

  /**
   * Lets a function arm actions: create and delete schedules in this group (not the jobs group),
   * pass only the scheduler role to scheduler.amazonaws.com, and send wake-ups due soon straight
   * to the queue. Kept in a policy of its own so that the one wildcard it needs is acknowledged
   * on this policy only, by its exact finding (cdk-nag prints the Fn::Sub pseudo parameters as <...>).
   */
  grantArming(scope: Construct, id: string, role: IRole, queue: IQueue): Policy {
    const policy = new Policy(scope, id, {
      statements: [
        new PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [this.scheduleArnPattern],
        }),
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      ],
    });
    policy.attachToRole(role);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.groupName}/*]`,
      reason:
        'Schedule names are computed per planned action at run time, so CreateSchedule and ' +
        'DeleteSchedule are granted on schedule/<this group>/* : the function can create and ' +
        'cancel schedules in the actions group only (not the jobs group), and pass only the ' +
        'scheduler role, only to scheduler.amazonaws.com.',
    });
    return policy;
  }
}

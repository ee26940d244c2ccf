import { Duration, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EVENT_SOURCE, TriggerEventType } from '../../core/events/registry.ts';
import { automationEngine } from '../../functions/automation-engine/definition.ts';
import type { ActionScheduling } from './action-scheduling.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { DispatchQueue } from './dispatch-queue.ts';
import type { RapportBus } from './rapport-bus.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface AutomationEngineProps {
  readonly table: RapportTable;
  readonly bus: RapportBus;
  readonly scheduling: ActionScheduling;
  /** Where armed actions wake up: the schedules' target, and directly for those due soon. */
  readonly queue: DispatchQueue;
  /** IANA zone for customers who have none. */
  readonly defaultTimeZone: string;
  /** 0 fires at the exact minute; N lets the scheduler spread sends over N minutes. @default 0 */
  readonly flexibleWindowMinutes?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * Turns trigger events into planned actions: a bus rule delivers every trigger event type to the
 * engine, which arms each action with a one-time schedule in the scheduling group (or, when it is
 * due within 15 minutes, a delayed message on the dispatch queue) and may cancel schedules. Two
 * queues catch what can fail: events EventBridge could not deliver, and invocations that failed
 * after Lambda retries.
 */
export class AutomationEngine extends Construct {
  public readonly handler: RapportFunction;
  public readonly rule: Rule;
  public readonly undeliveredEvents: DeadLetterQueue;
  public readonly failedEvaluations: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AutomationEngineProps) {
    super(scope, id);
    const { scheduling, queue } = props;
    this.failedEvaluations = new DeadLetterQueue(this, 'FailedEvaluations', {
      purpose: 'trigger events the engine failed on after Lambda retries',
    });
    this.undeliveredEvents = new DeadLetterQueue(this, 'UndeliveredEvents', {
      purpose: 'trigger events EventBridge could not deliver to the engine',
      untracedWiring: "the DeadLetterConfig of the engine rule's target",
    });
    this.handler = new RapportFunction(this, 'Handler', {
      definition: automationEngine,
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
      deadLetterQueue: this.failedEvaluations.queue,
      retryAttempts: 2,
      environment: {
        RAPPORT_DEFAULT_TIME_ZONE: props.defaultTimeZone,
        RAPPORT_SCHEDULER_GROUP: scheduling.group.scheduleGroupName,
        RAPPORT_SCHEDULER_ROLE_ARN: scheduling.role.roleArn,
        RAPPORT_DISPATCH_QUEUE_ARN: queue.queue.queueArn,
        RAPPORT_DISPATCH_QUEUE_URL: queue.queue.queueUrl,
        RAPPORT_SCHEDULE_DLQ_ARN: scheduling.deadLetterQueue.queue.queueArn,
        RAPPORT_FLEXIBLE_WINDOW_MINUTES: String(props.flexibleWindowMinutes ?? 0),
      },
    }).bindTable(props.table);
    // The group is named literally in the environment, which implies no deploy order: make it.
    this.handler.function.node.addDependency(scheduling.group);
    // Actions due within 15 minutes skip the scheduler: a delayed message on the queue.
    this.handler.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queue.queueArn] }),
    );

    this.rule = new Rule(this, 'TriggerRule', {
      description: 'Delivers the trigger events automations may react to',
      eventBus: props.bus.eventBus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...TriggerEventType.options] },
    });
    this.rule.addTarget(
      new LambdaFunction(this.handler.function, {
        deadLetterQueue: this.undeliveredEvents.queue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(24),
      }),
    );
    this.grantScheduling(scheduling);
  }

  /**
   * Kept in a policy of its own so that the one wildcard it needs is acknowledged on this policy
   * only, by its exact finding (cdk-nag prints the Fn::Sub pseudo parameters as <...>).
   */
  private grantScheduling(scheduling: ActionScheduling): void {
    const policy = new Policy(this, 'SchedulingPolicy', {
      statements: [
        new PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [scheduling.scheduleArnPattern],
        }),
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [scheduling.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      ],
    });
    policy.attachToRole(this.handler.role);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduling.groupName}/*]`,
      reason:
        'Schedule names are computed per planned action at run time, so CreateSchedule and ' +
        'DeleteSchedule are granted on schedule/<this group>/* : the engine can create and cancel ' +
        'schedules in its own group only (not the jobs group), and pass only the scheduler role, ' +
        'only to scheduler.amazonaws.com.',
    });
  }
}

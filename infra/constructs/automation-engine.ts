import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
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
        ...scheduling.armingEnvironment(queue.queue, props.flexibleWindowMinutes),
      },
    }).bindTable(props.table);
    // The group is named literally in the environment, which implies no deploy order: make it.
    this.handler.function.node.addDependency(scheduling.group);

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
    scheduling.grantArming(this, 'SchedulingPolicy', this.handler.role, queue.queue);
  }
}

import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { deliveryFeedback } from '../../functions/delivery-feedback/definition.ts';
import {
  SES_EVENT_SOURCE,
  SES_FEEDBACK_DETAIL_TYPES,
} from '../../functions/delivery-feedback/ses-event.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface DeliveryFeedbackProps {
  readonly table: RapportTable;
  /**
   * An existing SES configuration set the dispatcher sends with; the event destination is added to
   * it. @default - the construct creates one
   */
  readonly configurationSetName?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * SES's delivery, bounce and complaint events back into Rapport. The configuration set every send
 * names (given, or created here) gets an event destination to EventBridge; SES v2 publishes only to
 * the account's default bus, so the rule lives there, narrowed to this configuration set by SES's
 * `ses:configuration-set` auto-tag (other senders in the account do not invoke the function). The
 * function records each report on its message and stops the address after a hard bounce or a
 * complaint. Two queues catch what can fail: events EventBridge could not deliver, and invocations
 * that failed after Lambda's retries (an event that does not parse).
 */
export class DeliveryFeedback extends Construct {
  public readonly configurationSet: IConfigurationSet;
  /** The name the dispatcher sends with (RAPPORT_SES_CONFIGURATION_SET) and its grant covers. */
  public readonly configurationSetName: string;
  public readonly eventDestination: ConfigurationSetEventDestination;
  public readonly handler: RapportFunction;
  public readonly rule: Rule;
  public readonly undeliveredEvents: DeadLetterQueue;
  public readonly failedFeedback: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: DeliveryFeedbackProps) {
    super(scope, id);
    this.configurationSet = props.configurationSetName
      ? ConfigurationSet.fromConfigurationSetName(
          this,
          'ConfigurationSet',
          props.configurationSetName,
        )
      : new ConfigurationSet(this, 'ConfigurationSet', {
          // Bounce and complaint rates of Rapport's sends in CloudWatch, apart from the account's.
          reputationMetrics: true,
          // SES's own suppression list as a second guard: a send to a suppressed address comes
          // back as a hard bounce (OnAccountSuppressionList), which stops the address here too.
          suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        });
    this.configurationSetName = this.configurationSet.configurationSetName;
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.eventDestination = new ConfigurationSetEventDestination(this, 'ToEventBridge', {
      configurationSet: this.configurationSet,
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.failedFeedback = new DeadLetterQueue(this, 'FailedFeedback', {
      purpose: 'SES delivery, bounce and complaint events the feedback function failed on',
    });
    this.undeliveredEvents = new DeadLetterQueue(this, 'UndeliveredEvents', {
      purpose: 'SES delivery, bounce and complaint events EventBridge could not deliver',
      untracedWiring: "the DeadLetterConfig of the delivery feedback rule's target",
    });
    this.handler = new RapportFunction(this, 'Handler', {
      definition: deliveryFeedback,
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
      deadLetterQueue: this.failedFeedback.queue,
      retryAttempts: 2,
    }).bindTable(props.table);

    this.rule = new Rule(this, 'FeedbackRule', {
      description: 'Delivers SES delivery, bounce and complaint events of Rapport sends',
      eventBus: defaultBus,
      eventPattern: {
        source: [SES_EVENT_SOURCE],
        detailType: [...SES_FEEDBACK_DETAIL_TYPES],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSetName] } } },
      },
    });
    this.rule.addTarget(
      new LambdaFunction(this.handler.function, {
        deadLetterQueue: this.undeliveredEvents.queue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(24),
      }),
    );
  }
}

import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ActionScheduling } from './constructs/action-scheduling.ts';
import { AutomationEngine } from './constructs/automation-engine.ts';
import { ComplaintRecovery } from './constructs/complaint-recovery.ts';
import { DeadLetterAlarms } from './constructs/dead-letter-alarms.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { DeliveryFeedback } from './constructs/delivery-feedback.ts';
import { DispatchQueue } from './constructs/dispatch-queue.ts';
import { Dispatcher } from './constructs/dispatcher.ts';
import { EventPublisher } from './constructs/event-publisher.ts';
import { IngestApi } from './constructs/ingest-api.ts';
import { LinkSigningKey } from './constructs/link-signing-key.ts';
import { PreferencesPage } from './constructs/preferences-page.ts';
import { RapportBus } from './constructs/rapport-bus.ts';
import { RapportTable } from './constructs/rapport-table.ts';
import { Reconciler } from './constructs/reconciler.ts';
import { SurveyPage } from './constructs/survey-page.ts';
import { TierRecalculation } from './constructs/tier-recalculation.ts';
import { DEFAULT_SENDER_ADDRESS, type RapportSettings, resolveSettings } from './settings.ts';

export interface RapportStackProps extends StackProps {
  /**
   * The From address of every message (context `rapport:senderAddress`). Set it for a real
   * deploy: the default is a placeholder, and synth warns about it.
   * @default 'no-reply@example.com'
   */
  readonly senderAddress?: string;
  /** The From display name (context `rapport:senderName`). @default 'Rapport' */
  readonly senderName?: string;
  /**
   * The verified SES identity, a domain or an address, the dispatcher may send through
   * (context `rapport:sesIdentity`). It must cover the sender address.
   * @default - the sender address's domain
   */
  readonly sesIdentity?: string;
  /**
   * SES configuration set for sends (context `rapport:sesConfigurationSet`); delivery feedback adds
   * its EventBridge event destination to it. @default - one created by the stack
   */
  readonly sesConfigurationSet?: string;
  /** IANA zone for customers who have none (context `rapport:defaultTimeZone`). @default 'UTC' */
  readonly defaultTimeZone?: string;
  /**
   * EventBridge Scheduler flexible time window in minutes; 0 fires at the exact time (context
   * `rapport:flexibleWindowMinutes`).
   * @default 0
   */
  readonly flexibleWindowMinutes?: number;
  /**
   * The SES account's maximum send rate, messages per second (context
   * `rapport:sesSendRatePerSecond`); the dispatchers share it.
   * @default 14
   */
  readonly sesSendRatePerSecond?: number;
  /**
   * Dispatchers that may run at once: the maximum concurrency of the dispatch queue's event source
   * (context `rapport:dispatchConcurrency`), at least 2.
   * @default 2
   */
  readonly dispatchConcurrency?: number;
  /** Email subscribed to the alarm topic (context `rapport:alarmEmail`). @default - none */
  readonly alarmEmail?: string;
  /** Retention of every log group (context `rapport:logRetentionDays`). @default 30 */
  readonly logRetentionDays?: number;
  /**
   * When the tier recalculation runs (context `rapport:tierSchedule`), an EventBridge Scheduler
   * expression. @default 'cron(0 3 ? * MON *)' (weekly, Mondays 03:00)
   */
  readonly tierSchedule?: string;
  /** The tier schedule's IANA zone (context `rapport:tierTimeZone`). @default 'UTC' */
  readonly tierTimeZone?: string;
}

/** Rapport in one stack. It only composes the capability constructs; each explains itself. */
export class RapportStack extends Stack {
  public readonly settings: RapportSettings;
  public readonly table: RapportTable;
  public readonly bus: RapportBus;
  public readonly publisher: EventPublisher;
  public readonly ingest: IngestApi;
  public readonly dispatchQueue: DispatchQueue;
  public readonly dispatcher: Dispatcher;
  public readonly feedback: DeliveryFeedback;
  public readonly scheduling: ActionScheduling;
  public readonly linkKey: LinkSigningKey;
  public readonly preferencesPage: PreferencesPage;
  public readonly surveyPage: SurveyPage;
  public readonly reconciler: Reconciler;
  public readonly engine: AutomationEngine;
  public readonly alarms: DeadLetterAlarms;
  public readonly tiers: TierRecalculation;
  public readonly complaints: ComplaintRecovery;

  constructor(scope: Construct, id: string, props: RapportStackProps = {}) {
    super(scope, id, props);
    const settings = resolveSettings(props);
    this.settings = settings;
    if (settings.senderAddress === DEFAULT_SENDER_ADDRESS) {
      Validations.of(this).addWarning(
        'rapport:placeholder-sender',
        `Messages would be sent from the placeholder ${DEFAULT_SENDER_ADDRESS}; set the context value rapport:senderAddress (and verify its SES identity) before a real deploy.`,
      );
    }
    const logRetention = settings.logRetentionDays as RetentionDays;
    const defaultTimeZone = settings.defaultTimeZone;

    this.table = new RapportTable(this, 'Table');
    this.bus = new RapportBus(this, 'Bus');
    const { table, bus } = this;
    this.publisher = new EventPublisher(this, 'Publisher', { table, bus, logRetention });
    this.ingest = new IngestApi(this, 'Ingest', { table, logRetention });

    this.dispatchQueue = new DispatchQueue(this, 'DispatchQueue');
    const queue = this.dispatchQueue;
    this.scheduling = new ActionScheduling(this, 'Scheduling', { target: queue.queue });
    this.linkKey = new LinkSigningKey(this, 'LinkKey');
    // The links messages carry point at the same HTTP API, on public routes of their own.
    this.preferencesPage = new PreferencesPage(this, 'PreferencesPage', {
      table,
      api: this.ingest.api,
      linkKey: this.linkKey,
      logRetention,
    });
    this.surveyPage = new SurveyPage(this, 'SurveyPage', {
      table,
      api: this.ingest.api,
      linkKey: this.linkKey,
      logRetention,
    });
    // Sends name this configuration set (the given one, or one created here) so SES reports back.
    this.feedback = new DeliveryFeedback(this, 'Feedback', {
      table,
      configurationSetName: settings.sesConfigurationSet,
      logRetention,
    });
    this.dispatcher = new Dispatcher(this, 'Dispatcher', {
      table,
      queue,
      scheduling: this.scheduling,
      linkKey: this.linkKey,
      publicUrl: this.ingest.api.apiEndpoint,
      defaultTimeZone,
      logRetention,
      senderAddress: settings.senderAddress,
      senderName: settings.senderName,
      sesIdentity: settings.sesIdentity,
      sesConfigurationSet: this.feedback.configurationSetName,
      smsOriginationIdentity: settings.smsOriginationIdentity,
      smsConfigurationSet: settings.smsConfigurationSet,
      sesSendRatePerSecond: settings.sesSendRatePerSecond,
      maxConcurrency: settings.dispatchConcurrency,
    });
    this.reconciler = new Reconciler(this, 'Reconciler', { scheduling: this.scheduling, queue });
    this.engine = new AutomationEngine(this, 'Engine', {
      table,
      bus,
      queue,
      defaultTimeZone,
      logRetention,
      scheduling: this.scheduling,
      flexibleWindowMinutes: settings.flexibleWindowMinutes,
    });

    this.tiers = new TierRecalculation(this, 'Tiers', {
      table,
      schedule: settings.tierSchedule,
      timeZone: settings.tierTimeZone,
      scheduleGroup: this.scheduling.jobsGroup,
      logRetention,
    });
    this.tiers.allowRunsFrom(this.ingest.handler);

    this.complaints = new ComplaintRecovery(this, 'Complaints', {
      table,
      bus,
      queue,
      defaultTimeZone,
      logRetention,
    });
    this.complaints.allowStartsFrom(this.ingest.handler);

    this.alarms = new DeadLetterAlarms(this, 'DeadLetterAlarms', {
      alarmEmail: settings.alarmEmail,
    });
    // Found rather than listed, so a dead-letter queue added later is watched without a change here.
    for (const construct of this.node.findAll()) {
      if (construct instanceof DeadLetterQueue) this.alarms.watch(construct);
    }
    this.alarms.watchMetric(
      'PermanentFailures',
      this.dispatcher.metricPermanentFailures(),
      'Planned actions that failed for good (recorded as failed, not retried): see the dispatcher log lines with "permanentFailure": true',
    );

    new CfnOutput(this, 'IngestApiUrl', { value: this.ingest.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBus.eventBusName });
    new CfnOutput(this, 'DispatchQueueUrl', { value: this.dispatchQueue.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'TierWorkflowArn', { value: this.tiers.stateMachine.stateMachineArn });
    new CfnOutput(this, 'ComplaintWorkflowArn', {
      value: this.complaints.stateMachine.stateMachineArn,
    });
  }
}

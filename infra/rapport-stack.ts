import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ActionScheduling } from './constructs/action-scheduling.ts';
import { AutomationEngine } from './constructs/automation-engine.ts';
import { DeadLetterAlarms } from './constructs/dead-letter-alarms.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { Dispatcher } from './constructs/dispatcher.ts';
import { IngestApi } from './constructs/ingest-api.ts';
import { RapportBus } from './constructs/rapport-bus.ts';
import { RapportTable } from './constructs/rapport-table.ts';
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
  /** SES configuration set for sends (context `rapport:sesConfigurationSet`). @default - none */
  readonly sesConfigurationSet?: string;
  /** IANA zone for customers who have none (context `rapport:defaultTimeZone`). @default 'UTC' */
  readonly defaultTimeZone?: string;
  /**
   * EventBridge Scheduler flexible time window in minutes; 0 fires at the exact time (context
   * `rapport:flexibleWindowMinutes`).
   * @default 0
   */
  readonly flexibleWindowMinutes?: number;
  /** Email subscribed to the alarm topic (context `rapport:alarmEmail`). @default - none */
  readonly alarmEmail?: string;
  /** Retention of every log group (context `rapport:logRetentionDays`). @default 30 */
  readonly logRetentionDays?: number;
}

/** Rapport in one stack. It only composes the capability constructs; each explains itself. */
export class RapportStack extends Stack {
  public readonly settings: RapportSettings;
  public readonly table: RapportTable;
  public readonly bus: RapportBus;
  public readonly ingest: IngestApi;
  public readonly dispatcher: Dispatcher;
  public readonly scheduling: ActionScheduling;
  public readonly engine: AutomationEngine;
  public readonly alarms: DeadLetterAlarms;

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
    const data = { table: this.table, bus: this.bus, defaultTimeZone, logRetention };
    this.ingest = new IngestApi(this, 'Ingest', data);
    this.dispatcher = new Dispatcher(this, 'Dispatcher', {
      ...data,
      senderAddress: settings.senderAddress,
      senderName: settings.senderName,
      sesIdentity: settings.sesIdentity,
      sesConfigurationSet: settings.sesConfigurationSet,
    });
    this.scheduling = new ActionScheduling(this, 'Scheduling', {
      target: this.dispatcher.handler.function,
    });
    this.engine = new AutomationEngine(this, 'Engine', {
      ...data,
      scheduling: this.scheduling,
      dispatcherArn: this.dispatcher.handler.function.functionArn,
      flexibleWindowMinutes: settings.flexibleWindowMinutes,
    });

    this.alarms = new DeadLetterAlarms(this, 'DeadLetterAlarms', {
      alarmEmail: settings.alarmEmail,
    });
    // Found rather than listed, so a dead-letter queue added later is watched without a change here.
    for (const construct of this.node.findAll()) {
      if (construct instanceof DeadLetterQueue) this.alarms.watch(construct);
    }

    new CfnOutput(this, 'IngestApiUrl', { value: this.ingest.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

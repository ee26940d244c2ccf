import { linkMaker, surveyLinks } from '../../core/messaging/links.ts';
import { DynamoAutomationSwitchStore } from '../adapters/dynamodb/automation-switch-store.ts';
import { DynamoSurveyInvitationStore } from '../adapters/dynamodb/survey-invitation-store.ts';
import { DynamoSystemStateStore } from '../adapters/dynamodb/system-state-store.ts';
import { DynamoTaskStore } from '../adapters/dynamodb/task-store.ts';
import { SesEmailSender } from '../adapters/ses/ses-email-sender.ts';
import { SmsSender } from '../adapters/sms/sms-sender.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { createDispatcherHandler } from './app.ts';
import { DispatcherConfig } from './config.ts';
import { pacedSender } from './paced-sender.ts';

/** The dispatcher's timeout; a claim must outlive any attempt that could still be running. */
export const DISPATCHER_TIMEOUT_SECONDS = 60;
export const LEASE_MS = (DISPATCHER_TIMEOUT_SECONDS + 30) * 1000;
/**
 * Receives of one wake-up before the dispatch queue moves it to its dead-letter queue. With the
 * dispatcher's backoff (1, 2, 4, ... minutes, capped at an hour) that is about four hours of tries.
 */
export const DISPATCH_MAX_RECEIVES = 8;

export const dispatcher = defineFunction({
  name: 'dispatcher',
  description:
    'Rapport dispatcher: wakes planned actions from the dispatch queue (policy, render, send, record)',
  config: DispatcherConfig,
  shipsWorkflowFiles: true,
  tableActions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
  create: (
    config: DispatcherConfig,
    platform: Pick<
      Platform,
      | 'clock'
      | 'newId'
      | 'dynamo'
      | 'ses'
      | 'sms'
      | 'scheduler'
      | 'queue'
      | 'workflows'
      | 'catalog'
      | 'linkKey'
    >,
  ) => {
    const db = platform.dynamo();
    const queue = platform.queue(config.RAPPORT_DISPATCH_QUEUE_URL);
    const catalog = platform.catalog(config.RAPPORT_WORKFLOWS_DIR);
    const tasks = new DynamoTaskStore(db, config.RAPPORT_TABLE_NAME, platform.clock);
    const switches = new DynamoAutomationSwitchStore(db, config.RAPPORT_TABLE_NAME);
    const email = new SesEmailSender(platform.ses(), {
      from: { address: config.RAPPORT_SENDER_ADDRESS, name: config.RAPPORT_SENDER_NAME },
      ...(config.RAPPORT_SES_CONFIGURATION_SET
        ? { configurationSetName: config.RAPPORT_SES_CONFIGURATION_SET }
        : {}),
    });
    const sms = new SmsSender(platform.sms(), {
      ...(config.RAPPORT_SMS_ORIGINATION_IDENTITY
        ? { originationIdentity: config.RAPPORT_SMS_ORIGINATION_IDENTITY }
        : {}),
      ...(config.RAPPORT_SMS_CONFIGURATION_SET
        ? { configurationSetName: config.RAPPORT_SMS_CONFIGURATION_SET }
        : {}),
    });
    const stores = dynamoStores(db, config.RAPPORT_TABLE_NAME);
    return createDispatcherHandler({
      ...stores,
      catalog,
      // A new channel is added here, and only here.
      senders: {
        email: pacedSender(email, config.RAPPORT_SENDS_PER_SECOND),
        sms,
        phone: tasks,
        visit: tasks,
      },
      scheduler: platform.scheduler({
        groupName: config.RAPPORT_SCHEDULER_GROUP,
        queueArn: config.RAPPORT_DISPATCH_QUEUE_ARN,
        roleArn: config.RAPPORT_SCHEDULER_ROLE_ARN,
        deadLetterArn: config.RAPPORT_SCHEDULE_DLQ_ARN,
        flexibleWindowMinutes: config.RAPPORT_FLEXIBLE_WINDOW_MINUTES,
      }),
      queue,
      links: linkMaker({
        baseUrl: config.RAPPORT_PUBLIC_URL,
        key: platform.linkKey,
        days: catalog.messaging.links.preferencesDays,
      }),
      workflows: platform.workflows(config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      newId: platform.newId,
      sender: { address: config.RAPPORT_SENDER_ADDRESS, name: config.RAPPORT_SENDER_NAME },
      defaultTimeZone: config.RAPPORT_DEFAULT_TIME_ZONE,
      maxAttempts: config.RAPPORT_MAX_ATTEMPTS,
      leaseMs: LEASE_MS,
      // The operator's switch, read when the action fires (one Query), so a disable takes effect
      // on actions already waiting: they end `skipped: automation-disabled`.
      isEnabled: async (automationId) =>
        (await switches.switches()).get(automationId)?.enabled ??
        catalog.automation(automationId)?.enabled ??
        false,
      systemState: new DynamoSystemStateStore(db, config.RAPPORT_TABLE_NAME),
      surveys: {
        policy: catalog.surveys,
        invitations: new DynamoSurveyInvitationStore(db, config.RAPPORT_TABLE_NAME),
        interactions: stores.interactions,
        makeLinks: (link) =>
          surveyLinks({ baseUrl: config.RAPPORT_PUBLIC_URL, key: platform.linkKey, ...link }),
      },
    });
  },
});

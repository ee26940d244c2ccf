import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog } from '../core/catalog/catalog.ts';
import type { Clock, WorkflowStarter } from '../core/ports.ts';
import type { TierWorkflow } from '../core/tiers/ports.ts';
import type { Platform } from '../functions/shared/platform.ts';
import { loadCatalog } from '../workflows/catalog-loader.ts';
import { LOCAL_AWS } from './dynamodb-local.ts';
import type { LocalQueue } from './local-queue.ts';
import type { LocalScheduler } from './local-scheduler.ts';
import type { LocalWorkflowTasks } from './local-workflows.ts';

export interface LocalPlatformParts {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly db: DynamoDBDocumentClient;
  readonly sesUrl: string;
  /** Where the local runtime answers PutEvents. */
  readonly eventsUrl: string;
  /** Where the local runtime answers End User Messaging SMS's SendTextMessage. */
  readonly smsUrl: string;
  readonly scheduler: LocalScheduler;
  readonly queue: LocalQueue;
  readonly workflows: LocalWorkflowTasks;
  /** The local runner's tier workflow; built after the functions, so asked for when used. */
  readonly tierWorkflow: () => TierWorkflow;
  /** The local runner's complaint recovery, asked for when used for the same reason. */
  readonly complaintWorkflow: () => WorkflowStarter;
  readonly catalog?: Catalog;
  readonly linkKey: Uint8Array;
  /**
   * Wraps a real client before the functions get it: the fault-injection tests put faults between
   * Rapport and the (local) service this way, exactly where AWS's would occur.
   */
  readonly wrap?: {
    readonly eventBridge?: (client: EventBridgeClient) => EventBridgeClient;
    readonly ses?: (client: SESv2Client) => SESv2Client;
    readonly sms?: (client: PinpointSMSVoiceV2Client) => PinpointSMSVoiceV2Client;
  };
}

/**
 * The local runtime's platform: real SDK clients pointed at DynamoDB Local, the local SES and the
 * local PutEvents and SendTextMessage endpoints; the local scheduler and queue where AWS has
 * EventBridge Scheduler and SQS. The functions are built from their definitions exactly as in
 * Lambda.
 */
export function localPlatform(parts: LocalPlatformParts): Platform {
  const eventBridge = new EventBridgeClient({ ...LOCAL_AWS, endpoint: parts.eventsUrl });
  const ses = new SESv2Client({ ...LOCAL_AWS, endpoint: parts.sesUrl });
  const sms = new PinpointSMSVoiceV2Client({ ...LOCAL_AWS, endpoint: parts.smsUrl });
  let catalog = parts.catalog;
  return {
    clock: parts.clock,
    newId: parts.newId,
    dynamo: () => parts.db,
    eventBridge: () => parts.wrap?.eventBridge?.(eventBridge) ?? eventBridge,
    ses: () => parts.wrap?.ses?.(ses) ?? ses,
    sms: () => parts.wrap?.sms?.(sms) ?? sms,
    scheduler: () => parts.scheduler,
    queue: () => parts.queue,
    workflows: () => parts.workflows,
    tierWorkflow: () => ({
      start: (name, input) => parts.tierWorkflow().start(name, input),
      describe: (name) => parts.tierWorkflow().describe(name),
    }),
    complaintWorkflow: () => ({
      start: (name, input) => parts.complaintWorkflow().start(name, input),
    }),
    catalog: () => {
      catalog ??= loadCatalog();
      return catalog;
    },
    linkKey: parts.linkKey,
  };
}

import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { Catalog } from '../../core/catalog/catalog.ts';
import type {
  ActionScheduler,
  Clock,
  WorkflowStarter,
  WorkflowTasks,
  WorkQueue,
} from '../../core/ports.ts';
import type { TierWorkflow } from '../../core/tiers/ports.ts';
import type { EventBridgeSchedulerOptions } from '../adapters/scheduler/event-bridge-scheduler.ts';

/** The dispatch queue as its consumer sees it: it can also push a failed message's retry back. */
export interface DispatchQueue extends WorkQueue {
  retryLater(receiptHandle: string, seconds: number): Promise<void>;
}

/**
 * What differs between Lambda and the local runtime, and nothing else: clients (pointed at AWS or
 * at local endpoints), the scheduler and the queue (EventBridge Scheduler and SQS on AWS, durable
 * tables in DynamoDB Local locally), the clock, and where the workflow files are. Each function's
 * definition composes its handler from these; nothing in a function asks "am I local?".
 */
export interface Platform {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly dynamo: () => DynamoDBDocumentClient;
  readonly eventBridge: () => EventBridgeClient;
  readonly ses: () => SESv2Client;
  /** End User Messaging SMS on AWS; locally, the runtime's endpoint that records what it is sent. */
  readonly sms: () => PinpointSMSVoiceV2Client;
  readonly scheduler: (options: EventBridgeSchedulerOptions) => ActionScheduler;
  readonly queue: (queueUrl: string) => DispatchQueue;
  readonly workflows: (tableName: string) => WorkflowTasks;
  /** The tier recalculation's state machine (Step Functions on AWS, the local runner locally). */
  readonly tierWorkflow: (stateMachineArn: string) => TierWorkflow;
  /** The complaint recovery's state machine, one execution per case (named after it). */
  readonly complaintWorkflow: (stateMachineArn: string) => WorkflowStarter;
  readonly catalog: (workflowsDir: string | undefined) => Catalog;
  /** The key that signs customers' links (Secrets Manager on AWS, a local key file locally). */
  readonly linkKey: Uint8Array;
}

/** The DynamoDB item actions a function's role may be granted; each definition lists its own. */
export type TableAction =
  | 'GetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem'
  /** Only the tier run: parallel-scan segments over the whole table. */
  | 'Scan';

/**
 * One function, named once: its folder (the Lambda entry is `functions/<name>/handler.ts`), its
 * configuration schema, the table actions it uses (its IAM role gets exactly these), and how its
 * handler is composed from a platform. Lambda, the local runtime and the CDK all read this.
 */
export interface FunctionDefinition<Config, Needs extends keyof Platform, Handler> {
  readonly name: string;
  readonly description: string;
  readonly config: z.ZodType<Config>;
  readonly tableActions: readonly TableAction[];
  /**
   * Whether the workflow files (infra/paths.ts WORKFLOW_ENTRIES: the catalog, policies, wording)
   * are deployed beside its bundle, because its handler reads one of them at cold start.
   * @default false
   */
  readonly shipsWorkflowFiles?: boolean;
  readonly create: (config: Config, platform: Pick<Platform, Needs>) => Handler;
}

export const defineFunction = <Config, Needs extends keyof Platform, Handler>(
  definition: FunctionDefinition<Config, Needs, Handler>,
) => definition;

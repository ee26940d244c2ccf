import { EVENT_SOURCE } from '../core/events/registry.ts';

export interface LocalSettings {
  readonly tableName: string;
  readonly sender: { readonly address: string; readonly name: string };
  readonly defaultTimeZone: string;
  /** The local API's URL: customers' links point there. */
  readonly publicUrl: string;
}

/**
 * The environment variables each function would get from the CDK, with local values: the
 * functions parse them with their own config schemas, exactly as at a Lambda cold start. ARNs and
 * URLs name local stand-ins; nothing reads them but the schemas (the local scheduler and queue are
 * handed to the functions directly).
 */
export function localEnvironment(settings: LocalSettings): Record<string, string> {
  return {
    RAPPORT_TABLE_NAME: settings.tableName,
    RAPPORT_DEFAULT_TIME_ZONE: settings.defaultTimeZone,
    RAPPORT_EVENT_BUS_NAME: EVENT_SOURCE,
    RAPPORT_SCHEDULER_GROUP: 'rapport-local-actions',
    RAPPORT_SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/rapport-local-scheduler',
    RAPPORT_DISPATCH_QUEUE_ARN: 'arn:aws:sqs:local:000000000000:rapport-dispatch',
    RAPPORT_DISPATCH_QUEUE_URL: 'http://127.0.0.1/000000000000/rapport-dispatch',
    RAPPORT_SCHEDULE_DLQ_ARN: 'arn:aws:sqs:local:000000000000:rapport-undelivered-schedules',
    RAPPORT_SENDER_ADDRESS: settings.sender.address,
    RAPPORT_SENDER_NAME: settings.sender.name,
    RAPPORT_MAX_ATTEMPTS: '3',
    RAPPORT_SENDS_PER_SECOND: '0',
    RAPPORT_PUBLIC_URL: settings.publicUrl,
    // Every segment runs in this one process on a shared DynamoDB Local: fewer, busier segments.
    RAPPORT_TIER_SEGMENTS: '4',
    // DynamoDB Local applies writes one at a time: more in flight only queue on its lock.
    RAPPORT_TIER_WRITE_CONCURRENCY: '1',
    RAPPORT_TIER_WORKFLOW_ARN:
      'arn:aws:states:local:000000000000:stateMachine:rapport-tier-recalculation',
    RAPPORT_COMPLAINT_WORKFLOW_ARN:
      'arn:aws:states:local:000000000000:stateMachine:rapport-complaint-recovery',
  };
}

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describeIssues } from '../../core/catalog/catalog.ts';
import { executeWake, type WakeDeps } from '../../core/dispatch/execute-wake.ts';
import { Wake } from '../../core/dispatch/wake.ts';
import { InProgressError, ThrottledError } from '../../core/errors.ts';
import { logger } from '../shared/logger.ts';
import type { DispatchQueue } from '../shared/platform.ts';
import { PERMANENT_FAILURE_FIELD } from './log-fields.ts';

export interface DispatcherDeps extends WakeDeps {
  readonly queue: DispatchQueue;
  /** Real (not domain) randomness for jitter, injected so tests can pin it. @default Math.random */
  readonly random?: () => number;
}

/** First retry a minute later, then 2, 4, ... minutes: +1 min, +3 min, +7 min after the first try. */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(60 * 2 ** Math.max(0, receiveCount - 1), 3600);
}

/**
 * Consumes the dispatch queue (what EventBridge Scheduler, the engine and the reconciler put there)
 * with a partial batch response: a message that fails comes back later (its visibility pushed out
 * with backoff) and lands in the queue's dead-letter queue, watched by an alarm, when its receive
 * count runs out. Throttling is not a failure: the wake-up is put back with a jittered delay and the
 * action's attempt budget is untouched. Permanent failures are final states, logged for the
 * `PermanentFailures` metric filter and its alarm.
 */
export function createDispatcherHandler(deps: DispatcherDeps) {
  const random = deps.random ?? Math.random;
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        const ok = await handleRecord(deps, record, random);
        if (!ok) batchItemFailures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures };
    });
}

async function handleRecord(
  deps: DispatcherDeps,
  record: SQSRecord,
  random: () => number,
): Promise<boolean> {
  const wake = parseWake(record.body);
  if (!wake) return false;
  try {
    const outcome = await executeWake(deps, wake);
    const permanent = 'status' in outcome && outcome.status === 'failed';
    logger.info('wake handled', {
      wake,
      outcome,
      ...(permanent ? { [PERMANENT_FAILURE_FIELD]: true } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof ThrottledError) {
      // 30-90 s: spread the retries of a throttled burst instead of hitting the limit together.
      const delaySeconds = Math.round(30 + random() * 60);
      await deps.queue.send(wake, { delaySeconds });
      logger.warn('throttled; wake-up put back', { wake, delaySeconds });
      return true;
    }
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    const retryIn = retryDelaySeconds(receiveCount);
    if (error instanceof InProgressError)
      logger.info('in progress; retrying later', { wake, retryIn });
    else logger.error('wake failed; retrying later', { wake, retryIn, error: error as Error });
    await deps.queue.retryLater(record.receiptHandle, retryIn);
    return false;
  }
}

function parseWake(body: string): Wake | undefined {
  try {
    const result = Wake.safeParse(JSON.parse(body));
    if (result.success) return result.data;
    logger.error('not a wake-up; it will reach the dead-letter queue', {
      body,
      issues: describeIssues(result.error),
    });
  } catch {
    logger.error('not JSON; it will reach the dead-letter queue', { body });
  }
  return undefined;
}

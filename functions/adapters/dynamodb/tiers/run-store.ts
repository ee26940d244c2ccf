import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StartOutcome, TierRunRecord, TierRunStore } from '../../../../core/tiers/ports.ts';
import { stripKeys } from '../client.ts';
import { keys, prefixes } from '../keys.ts';

/**
 * The run's own items, in the run's partition (`TIERRUN#<runId>`): the record, and one part per
 * chunk of each pass (`PART#<attempt>#<pass>#<segment>#<chunk>`) and the first pass's spill
 * (`PART#<attempt>#spill#<segment>#<chunk>#<piece>`, core/tiers/spill.ts), gzipped JSON so a
 * chunk's sketch and model sample, or a piece's 500 customers, stay far below DynamoDB's 400 KB.
 */
export class DynamoTierRunStore implements TierRunStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the run, or restarts an interrupted one (a new attempt); a finished run stays done. */
  async start(
    request: Pick<TierRunRecord, 'runId' | 'asOf' | 'segments' | 'trigger'>,
    now: Date,
  ): Promise<StartOutcome> {
    for (;;) {
      const existing = await this.get(request.runId);
      if (existing?.status === 'completed') return { outcome: 'already-completed', run: existing };
      const run: TierRunRecord = {
        ...request,
        asOf: existing?.asOf ?? request.asOf,
        status: 'running',
        attempt: (existing?.attempt ?? 0) + 1,
        startedAt: now.toISOString(),
      };
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...keys.tierRun(run.runId), entity: 'tier-run', ...run },
            ...(existing
              ? {
                  ConditionExpression: 'attempt = :attempt AND #status = :running',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':attempt': existing.attempt,
                    ':running': 'running',
                  },
                }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          }),
        );
        return { outcome: existing ? 'restarted' : 'started', run };
      } catch (error) {
        // Another start got there first: read again and decide again.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async get(runId: string): Promise<TierRunRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.tierRun(runId), ConsistentRead: true }),
    );
    return Item ? stripKeys<TierRunRecord>(Item) : undefined;
  }

  async setPlan(runId: string, attempt: number, plan: unknown): Promise<void> {
    await this.update(runId, attempt, 'SET #plan = :plan', { ':plan': plan }, { '#plan': 'plan' });
  }

  async complete(runId: string, attempt: number, summary: unknown, now: Date): Promise<void> {
    await this.update(
      runId,
      attempt,
      'SET #status = :completed, summary = :summary, finishedAt = :now',
      { ':completed': 'completed', ':summary': summary, ':now': now.toISOString() },
      { '#status': 'status' },
    );
  }

  async putPart(
    runId: string,
    part: string,
    body: unknown,
    options: { readonly expiresAt?: Date } = {},
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.tierRunPart(runId, part),
          entity: 'tier-run-part',
          body: gzipSync(JSON.stringify(body)),
          ...(options.expiresAt
            ? { expiresAt: Math.floor(options.expiresAt.getTime() / 1000) }
            : {}),
        },
      }),
    );
  }

  /**
   * Not filtered on its expiry, unlike reads of expiring items elsewhere: a part is read by its
   * own run within minutes, and a part past its week is still the right data while it lasts.
   */
  async part<T>(runId: string, part: string): Promise<T | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.tierRunPart(runId, part),
        ConsistentRead: true,
      }),
    );
    return Item
      ? (JSON.parse(gunzipSync(Item.body as Uint8Array).toString('utf8')) as T)
      : undefined;
  }

  /** The parts whose name starts with `prefix` (an attempt and a pass), in key order. */
  async parts<T>(runId: string, prefix: string): Promise<T[]> {
    const bodies: T[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.tierRun(runId).PK,
            ':prefix': `${prefixes.tierRunParts}${prefix}`,
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        bodies.push(JSON.parse(gunzipSync(item.body as Uint8Array).toString('utf8')) as T);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return bodies;
  }

  /** Only the attempt that holds the run may change it. */
  private async update(
    runId: string,
    attempt: number,
    expression: string,
    values: Record<string, unknown>,
    names: Record<string, string>,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.tierRun(runId),
        UpdateExpression: expression,
        ConditionExpression: 'attempt = :attempt',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':attempt': attempt },
      }),
    );
  }
}

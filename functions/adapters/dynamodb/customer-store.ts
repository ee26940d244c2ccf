import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConsentChange, ConsentMap } from '../../../core/customer/consent.ts';
import type { CustomerProfile } from '../../../core/customer/customer.ts';
import type { Customer } from '../../../core/customer/customer-view.ts';
import { EMPTY_SYSTEM_STATE, type SystemState } from '../../../core/customer/system-state.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import type { CustomerStore, Events } from '../../../core/ports.ts';
import {
  customerExists,
  eventPuts,
  failedConditions,
  stripKeys,
  type TransactItem,
} from './client.ts';
import { keys, prefixes } from './keys.ts';
import { newestInPartition } from './newest-in-partition.ts';

export class DynamoCustomerStore implements CustomerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One strongly consistent Query over the `CURRENT#` items: profile, consent, system state. */
  async getCustomer(id: string): Promise<Customer | undefined> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :current)',
        ExpressionAttributeValues: {
          ':pk': prefixes.customerPartition(id),
          ':current': prefixes.current,
        },
        ConsistentRead: true,
      }),
    );
    return compose(Items);
  }

  async findCustomerIdByExternalId(
    system: string,
    externalId: string,
  ): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.externalId(system, externalId) }),
    );
    return typeof Item?.customerId === 'string' ? Item.customerId : undefined;
  }

  async createCustomer(
    profile: CustomerProfile,
    consent: readonly ConsentChange[],
    events: Events,
  ): Promise<void> {
    const mappings = Object.entries(profile.externalIds);
    await this.write(
      [
        this.putProfile(profile, { ConditionExpression: 'attribute_not_exists(PK)' }),
        ...mappings.map(([s, e]) => this.claimExternalId(profile.id, s, e)),
        ...consent.flatMap((change) => [
          this.putConsentInForce(profile.id, change),
          this.putConsentLog(profile.id, change),
        ]),
        ...eventPuts(this.tableName, events),
      ],
      (failed) =>
        failed[0]
          ? `customer '${profile.id}' already exists; use PUT /customers/${profile.id} to replace it`
          : externalIdConflict(mappings, failed.slice(1)),
    );
  }

  async replaceProfile(
    next: CustomerProfile,
    previous: CustomerProfile,
    events: Events,
  ): Promise<void> {
    const added = Object.entries(next.externalIds).filter(
      ([s, e]) => previous.externalIds[s] !== e,
    );
    const removed = Object.entries(previous.externalIds).filter(
      ([s, e]) => next.externalIds[s] !== e,
    );
    const releases: TransactItem[] = removed.map(([system, externalId]) => ({
      Delete: {
        TableName: this.tableName,
        Key: keys.externalId(system, externalId),
        ConditionExpression: 'customerId = :id',
        ExpressionAttributeValues: { ':id': next.id },
      },
    }));
    await this.write(
      [
        this.putProfile(next, {
          ConditionExpression: 'updatedAt = :previous',
          ExpressionAttributeValues: { ':previous': previous.updatedAt },
        }),
        ...releases,
        ...added.map(([s, e]) => this.claimExternalId(next.id, s, e)),
        ...eventPuts(this.tableName, events),
      ],
      (failed) =>
        failed[0]
          ? `customer '${next.id}' was changed by someone else meanwhile; read it again and retry`
          : externalIdConflict(added, failed.slice(1 + releases.length)),
    );
  }

  async recordConsent(
    customerId: string,
    change: ConsentChange,
    events: Events,
  ): Promise<'in-force' | 'history-only'> {
    const exists = customerExists(this.tableName, customerId);
    const log = this.putConsentLog(customerId, change);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            exists,
            this.putConsentInForce(customerId, change, true),
            log,
            ...eventPuts(this.tableName, events),
          ],
        }),
      );
      return 'in-force';
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.[0]) throw new NotFoundError('customer', customerId);
      if (!failed?.[1]) throw error;
    }
    // A newer decision is in force: this one is history, and changes nothing else.
    await this.db.send(new PutCommand(log.Put as ConstructorParameters<typeof PutCommand>[0]));
    return 'history-only';
  }

  async consentHistory(customerId: string, limit: number): Promise<ConsentChange[]> {
    return newestInPartition<ConsentChange>(
      this.db,
      this.tableName,
      customerId,
      prefixes.consentLog,
      undefined,
      limit,
    );
  }

  private putProfile(
    profile: CustomerProfile,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.customer(profile.id), entity: 'customer', ...profile },
        ...condition,
      },
    };
  }

  /** Put in force unless a more recent decision already is (`at` compares as UTC ISO strings). */
  private putConsentInForce(
    customerId: string,
    change: ConsentChange,
    guarded = false,
  ): TransactItem {
    const { channel, status, source, at, by } = change;
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.consent(customerId, channel),
          entity: 'consent',
          channel,
          status,
          source,
          at,
          by,
        },
        ...(guarded
          ? {
              ConditionExpression: 'attribute_not_exists(PK) OR #at <= :at',
              ExpressionAttributeNames: { '#at': 'at' },
              ExpressionAttributeValues: { ':at': at },
            }
          : {}),
      },
    };
  }

  private putConsentLog(customerId: string, change: ConsentChange): TransactItem & { Put: object } {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.consentLog(customerId, change.recordedAt, change.changeId),
          entity: 'consent-change',
          ...change,
        },
      },
    };
  }

  private claimExternalId(customerId: string, system: string, externalId: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.externalId(system, externalId),
          entity: 'external-id',
          customerId,
          system,
          externalId,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  private async write(
    items: TransactItem[],
    explain: (failed: boolean[]) => string,
  ): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.some(Boolean)) throw new ConflictError(explain(failed), { cause: error });
      throw error;
    }
  }
}

/** The composed view from the `CURRENT#` items of one customer; undefined without a profile. */
function compose(items: readonly Record<string, unknown>[]): Customer | undefined {
  let profile: CustomerProfile | undefined;
  const consent: Record<string, unknown> = {};
  const state: Record<string, unknown> = { ...EMPTY_SYSTEM_STATE };
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === prefixes.profile) profile = stripKeys<CustomerProfile>(item);
    else if (sk.startsWith(prefixes.consentOf)) {
      const { channel, ...record } = stripKeys<Record<string, unknown>>(item);
      consent[String(channel)] = record;
    } else if (sk.startsWith(prefixes.stateOf)) {
      state[sk.slice(prefixes.stateOf.length)] = stripKeys<Record<string, unknown>>(item).value;
    }
  }
  if (!profile) return undefined;
  return { ...profile, consent: consent as ConsentMap, ...(state as unknown as SystemState) };
}

function externalIdConflict(mappings: [string, string][], failed: boolean[]): string {
  const taken = mappings.filter((_, index) => failed[index]).map(([s, e]) => `${s}:${e}`);
  return `external id ${taken.join(', ')} already belongs to another customer`;
}

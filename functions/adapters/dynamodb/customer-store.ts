import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../../core/customer/customer.ts';
import { ConflictError } from '../../../core/errors.ts';
import type { CustomerStore } from '../../../core/ports.ts';
import { failedConditions, stripKeys } from './client.ts';
import { keys } from './keys.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export class DynamoCustomerStore implements CustomerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCustomer(id: string): Promise<Customer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.customer(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<Customer>(Item) : undefined;
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

  async createCustomer(customer: Customer): Promise<void> {
    const profile: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.customer(customer.id), entity: 'customer', ...customer },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const mappings = Object.entries(customer.externalIds);
    await this.write(
      [profile, ...mappings.map(([s, e]) => this.claimExternalId(customer.id, s, e))],
      (failed) =>
        failed[0]
          ? `customer '${customer.id}' already exists; use PUT /customers/${customer.id} to replace it`
          : externalIdConflict(mappings, failed.slice(1)),
    );
  }

  async replaceCustomer(next: Customer, previous: Customer): Promise<void> {
    const added = Object.entries(next.externalIds).filter(
      ([s, e]) => previous.externalIds[s] !== e,
    );
    const removed = Object.entries(previous.externalIds).filter(
      ([s, e]) => next.externalIds[s] !== e,
    );
    const profile: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.customer(next.id), entity: 'customer', ...next },
        ConditionExpression: 'updatedAt = :previous',
        ExpressionAttributeValues: { ':previous': previous.updatedAt },
      },
    };
    const releases: TransactItem[] = removed.map(([system, externalId]) => ({
      Delete: {
        TableName: this.tableName,
        Key: keys.externalId(system, externalId),
        ConditionExpression: 'customerId = :id',
        ExpressionAttributeValues: { ':id': next.id },
      },
    }));
    const claims = added.map(([s, e]) => this.claimExternalId(next.id, s, e));
    await this.write([profile, ...releases, ...claims], (failed) =>
      failed[0]
        ? `customer '${next.id}' was changed by someone else meanwhile; read it again and retry`
        : externalIdConflict(added, failed.slice(1 + releases.length)),
    );
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

function externalIdConflict(mappings: [string, string][], failed: boolean[]): string {
  const taken = mappings.filter((_, index) => failed[index]).map(([s, e]) => `${s}:${e}`);
  return `external id ${taken.join(', ')} already belongs to another customer`;
}

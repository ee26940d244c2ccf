import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { TableAction } from '../../functions/shared/platform.ts';

/** Must match functions/adapters/dynamodb/table-definition.ts; test/infra checks it. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  timeToLive: 'expiresAt',
} as const;

export interface RapportTableProps {
  /** @default RemovalPolicy.RETAIN: customer data outlives a stack deletion */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single table, and the outbox: every write that produces domain events writes them as items
 * in the same transaction, and the table's stream (new images only: the publisher needs nothing
 * else) carries them to the bus.
 *
 * Encrypted with the AWS managed key (aws/dynamodb) rather than a customer managed key: key use
 * shows in CloudTrail, there is no key policy to keep in sync with every function role, and nothing
 * here needs cross-account access or key revocation (the cases that justify a CMK's cost and
 * operational weight).
 */
export class RapportTable extends Construct {
  public readonly table: TableV2;

  constructor(scope: Construct, id: string, props: RapportTableProps = {}) {
    super(scope, id);
    const { gsi1 } = TABLE_KEYS;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: gsi1.indexName,
          partitionKey: { name: gsi1.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi1.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType.ALL,
        },
      ],
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
      dynamoStream: StreamViewType.NEW_IMAGE,
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * Exactly these item actions on the table and its one index. Not `grantReadWriteData`, which
   * adds `index/*` and table-level actions (DescribeTable, Scan) that no handler needs: a scan of a
   * customer table is what least privilege should make impossible. Transactions and batches are
   * authorized through the item actions they contain.
   */
  grantItemActions(grantee: IGrantable, actions: readonly TableAction[]): void {
    if (actions.length === 0) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [
          this.table.tableArn,
          `${this.table.tableArn}/index/${TABLE_KEYS.gsi1.indexName}`,
        ],
      }),
    );
  }
}

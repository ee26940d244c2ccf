import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export type TableAccess = 'r' | 'rw';

/** Must match functions/adapters/dynamodb/table-definition.ts; test/infra checks it. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  timeToLive: 'expiresAt',
} as const;

// Transactions and batches are authorized through these item actions; Scan is left out on
// purpose: no handler scans, and a scan of a customer table is exactly what least privilege
// should make impossible.
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface RapportTableProps {
  /** @default RemovalPolicy.RETAIN: customer data outlives a stack deletion */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single table. Encrypted with the AWS managed key (aws/dynamodb) rather than a customer
 * managed key: key use shows in CloudTrail, there is no key policy to keep in sync with every
 * function role, and nothing here needs cross-account access or key revocation (the cases that
 * justify a CMK's cost and operational weight).
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
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * Item-level access to the table and its one index, named explicitly: the usual
   * `grantReadWriteData` adds `index/*` and table-level actions (DescribeTable, Scan) that no
   * handler needs.
   */
  grantData(grantee: IGrantable, access: TableAccess): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access === 'rw' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : READ_ACTIONS,
        resources: [
          this.table.tableArn,
          `${this.table.tableArn}/index/${TABLE_KEYS.gsi1.indexName}`,
        ],
      }),
    );
  }
}

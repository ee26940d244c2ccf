import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamodb/table-definition.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the table and the bus', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('declares the same keys, attribute types and GSI as the local table definition', () => {
    // Prepare
    const local = tableDefinition('rapport-test');
    const gsis = (local.GlobalSecondaryIndexes ?? []).map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: { ProjectionType: index.Projection?.ProjectionType },
    }));

    // Act
    const table = synth.template.findResources('AWS::DynamoDB::GlobalTable');

    // Assess
    const [properties] = Object.values(table).map((resource) => resource.Properties);
    expect(properties.KeySchema).toEqual(local.KeySchema);
    expect(properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(local.AttributeDefinitions ?? []),
    );
    expect(properties.AttributeDefinitions).toHaveLength(local.AttributeDefinitions?.length ?? 0);
    expect(properties.GlobalSecondaryIndexes).toEqual(gsis);
  });

  it('streams new images, like the local table (the outbox)', () => {
    const local = tableDefinition('rapport-test').StreamSpecification;
    expect(local).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: local?.StreamViewType },
    });
  });

  it('bills on demand, like the local table', () => {
    expect(tableDefinition('rapport-test').BillingMode).toBe('PAY_PER_REQUEST');
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('keeps point-in-time recovery, encryption, TTL and the data on stack deletion', () => {
    synth.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('archives every Rapport event on the bus so it can be replayed', () => {
    synth.template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [synth.logicalId(synth.stack.bus.eventBus), 'Arn'] },
      EventPattern: { source: ['rapport'] },
      RetentionDays: 30,
    });
  });
});

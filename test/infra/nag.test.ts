import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { addNagChecks } from '../../infra/nag.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, synthesize, tempOutdir } from './support/synth.ts';

const noBundling = { 'aws:cdk:bundling-stacks': [] };

describe('cdk-nag', () => {
  afterAll(removeOutdirs);

  it(
    'leaves no unacknowledged AwsSolutions finding in the Rapport app',
    () => {
      expect(() => synthesize()).not.toThrow();
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'acknowledges the same findings when the stack has a concrete account and region',
    () => {
      // cdk-nag prints eu-west-1 where an environment-agnostic stack shows <AWS::Region>.
      const env = { account: '123456789012', region: 'eu-west-1' };
      expect(() => synthesize({ env })).not.toThrow();
    },
    SYNTH_TIMEOUT_MS,
  );

  it('fails the synth of a stack with an unacknowledged finding', () => {
    // Prepare: a queue with no TLS policy and no DLQ
    const outdir = tempOutdir();
    const app = new App({ outdir });
    addNagChecks(app);
    new Queue(new Stack(app, 'Throwaway'), 'Unsafe');

    // Act + Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
    const report = readFileSync(join(outdir, 'validation-report.json'), 'utf8');
    expect(report).toContain('The SQS queue does not require requests to use SSL');
  });

  it(
    'runs the checks on the app that cdk synth builds',
    () => {
      // Prepare: the real app, plus one violation
      const { app, stack } = buildApp({ outdir: tempOutdir(), context: noBundling });
      new Queue(stack, 'Unsafe');

      // Act + Assess
      expect(() => app.synth()).toThrow(/Rapport\/Unsafe\/Resource/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'acknowledges only findings that actually occur',
    () => {
      // Prepare: the findings as they would be without any acknowledgement
      const { app, stack } = buildApp({ outdir: tempOutdir(), context: noBundling });
      const pack = new AwsSolutionsChecks(app);
      // isAcknowledged is private to cdk-nag 3.0; overriding it shows the raw findings.
      Object.assign(pack, { isAcknowledged: () => false });
      const raw = new Set(pack.validateScope(stack).violations.map((v) => v.ruleName));

      // Act: every acknowledgement recorded anywhere in the tree
      const acknowledged = stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.keys(entry.data as object))
        .map((id) => id.replace(/^[^:]+::(?=AwsSolutions-)/, ''))
        .filter((id) => id.startsWith('AwsSolutions-'));

      // Assess: a stale acknowledgement would silently cover a future regression
      expect(acknowledged).not.toHaveLength(0);
      for (const id of acknowledged) expect(raw).toContain(id);
    },
    SYNTH_TIMEOUT_MS,
  );
});

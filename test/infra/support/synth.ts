import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../../infra/build-app.ts';
import type { RapportStack } from '../../../infra/rapport-stack.ts';

const outdirs: string[] = [];

/** A fresh cloud assembly directory, removed by removeOutdirs (bundles take megabytes). */
export function tempOutdir(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'rapport-infra-'));
  outdirs.push(outdir);
  return outdir;
}

/** For each test file's afterAll. */
export function removeOutdirs(): void {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
}

/** A real-looking sender, so tests do not trip the placeholder-sender warning. */
export const TEST_SENDER = 'hello@mail.rapport.example';

export interface Synthesized {
  readonly stack: RapportStack;
  readonly template: Template;
  /** The cloud assembly directory (assets are staged here as `asset.<hash>`). */
  readonly outdir: string;
  /** The logical id CloudFormation will see for a construct, looked up rather than pinned. */
  readonly logicalId: (construct: IConstruct) => string;
}

export interface SynthOptions {
  /** `rapport:*` or other context values. */
  readonly context?: Record<string, unknown>;
  /** Run esbuild; off by default, since only the bundle tests need real bundles. */
  readonly bundle?: boolean;
  /** A concrete account and region, as `cdk synth` with credentials configured has them. */
  readonly env?: { readonly account: string; readonly region: string };
}

/**
 * Builds the app exactly as `cdk synth` does (cdk.json context, cdk-nag checks) and synthesizes
 * it; an unacknowledged nag finding throws here.
 */
export function synthesize(options: SynthOptions = {}): Synthesized {
  const outdir = tempOutdir();
  const { app, stack } = buildApp({
    outdir,
    ...(options.env ? { env: options.env } : {}),
    context: {
      'rapport:senderAddress': TEST_SENDER,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  app.synth();
  return {
    stack,
    template: Template.fromStack(stack),
    outdir,
    logicalId: (construct) => {
      const element = construct.node.defaultChild ?? construct;
      return stack.getLogicalId(element as CfnElement);
    },
  };
}

/** A beforeAll timeout that leaves room for esbuild on a slow machine. */
export const SYNTH_TIMEOUT_MS = 120_000;

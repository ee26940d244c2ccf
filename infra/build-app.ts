import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { settingsFromContext } from './context.ts';
import { addNagChecks } from './nag.ts';
import { REPOSITORY_ROOT } from './paths.ts';
import { RapportStack } from './rapport-stack.ts';

export const STACK_NAME = 'Rapport';

export interface BuildAppOptions {
  /** Context values over cdk.json's (tests use it like `-c`). @default - cdk.json's only */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Where the cloud assembly goes. @default - the CLI's outdir, or a temporary directory */
  readonly outdir?: string;
  /** The account and region. @default - the CLI's (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION) */
  readonly env?: { readonly account?: string; readonly region?: string };
}

/**
 * The app as `cdk synth` builds it, for infra/app.ts and the tests alike. cdk.json's context
 * (feature flags included) is applied here too, so a test synthesizes what a deploy would; when
 * the CLI runs the app, its own context still takes precedence.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: RapportStack } {
  const app = new App({
    context: { ...cdkJsonContext(), ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  addNagChecks(app);
  const stack = new RapportStack(app, STACK_NAME, {
    ...settingsFromContext(app.node),
    description: 'Rapport: one-to-one customer relationship automations',
    env: options.env ?? {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION,
    },
  });
  return { app, stack };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

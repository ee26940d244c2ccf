import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecretsStandIn } from '../../bench/secrets-stand-in.ts';
import type { RapportFunction } from '../../infra/constructs/rapport-function.ts';
import {
  deployedFunctions,
  placeholderEnvironment,
  synthesizedEnvironment,
} from './support/functions.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the Lambda functions', () => {
  let synth: Synthesized;
  let functions: ReturnType<Template['findResources']>;
  beforeAll(() => {
    synth = synthesize({ bundle: true });
    functions = synth.template.findResources('AWS::Lambda::Function');
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  /** The directory CDK staged a function's bundle in (`asset.<hash>`, hash = S3 key). */
  const bundleDir = (handler: RapportFunction) => {
    const fn = functions[synth.logicalId(handler.function)];
    if (!fn) throw new Error(`no function resource for ${handler.node.path}`);
    const key: string = fn.Properties.Code.S3Key;
    return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  };

  it('runs every function on nodejs24.x and arm64 with active tracing', () => {
    expect(Object.keys(functions)).not.toHaveLength(0);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('gives every function its own log group with the configured retention', () => {
    for (const fn of Object.values(functions)) {
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup;
      expect(synth.template.toJSON().Resources[logGroup.Ref]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
    }
  });

  it('enables source maps at run time', () => {
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Environment).toMatchObject({
        Variables: { NODE_OPTIONS: '--enable-source-maps' },
      });
    }
  });

  it('attaches no AWS managed policy to any function role', () => {
    synth.template.allResourcesProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('bundles each handler as ESM with a source map and a require shim', () => {
    for (const handler of deployedFunctions(synth).values()) {
      const dir = bundleDir(handler);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(
        code.startsWith("import { createRequire as rapportCreateRequire } from 'node:module';"),
      ).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('copies the workflow files into the engine and dispatcher bundles', () => {
    for (const handler of [synth.stack.engine.handler, synth.stack.dispatcher.handler]) {
      const workflows = join(bundleDir(handler), 'workflows');
      expect(existsSync(join(workflows, 'automations', 'next-day-follow-up.yaml'))).toBe(true);
      expect(existsSync(join(workflows, 'templates', 'next-day-follow-up', 'en.yaml'))).toBe(true);
      expect(existsSync(join(workflows, 'attributes.yaml'))).toBe(true);
    }
  });

  it('sends failed asynchronous invocations of the engine to a dead-letter queue after two retries', () => {
    const { engine } = synth.stack;
    const functionId = synth.logicalId(engine.handler.function);
    expect(functions[functionId]?.Properties.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [synth.logicalId(engine.failedEvaluations.queue), 'Arn'] },
    });
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
    });
  });

  it('loads each bundle and its workflow catalog the way Lambda cold-starts it', async () => {
    // Functions that sign customers' links read their key from Secrets Manager at cold start.
    const secrets = await startSecretsStandIn();
    const secretsUrl = secrets.url;
    try {
      for (const handler of deployedFunctions(synth).values()) {
        // Prepare: the variables the stack sets, deploy-time values replaced (nothing is called)
        const dir = bundleDir(handler);
        const env = {
          ...placeholderEnvironment(synthesizedEnvironment(synth, handler)),
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsUrl,
          LAMBDA_TASK_ROOT: dir,
        };

        // Act: import the bundle as the Node.js 24 runtime does, from outside the repository
        const result = await run(
          process.execPath,
          [
            '-e',
            `import(${JSON.stringify(join(dir, 'index.mjs'))}).then((m) => console.log(typeof m.handler))`,
          ],
          { cwd: tmpdir(), env },
        );

        // Assess
        expect(result.stderr, handler.definition.name).toBe('');
        expect(result.stdout.trim(), handler.definition.name).toBe('function');
      }
    } finally {
      secrets.stop();
    }
  });
});

/** A child process run to its end without blocking this process (the stand-in server must answer). */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', () => resolve({ stdout, stderr }));
  });
}

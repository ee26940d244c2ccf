import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { ensureTable, LOCAL_AWS } from '../../local/dynamodb-local.ts';

/** A fresh table in the shared DynamoDB Local, so test files never see each other's data. */
export async function freshTable(prefix = 'test') {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName);
  return { tableName, endpoint, db: documentClient({ ...LOCAL_AWS, endpoint }) };
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/** The local SES outbox, read over HTTP the way a person reads its web page. */
export async function sentEmails(sesUrl: string, to?: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesUrl}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to === undefined ? emails : emails.filter((email) => email.destination.to.includes(to));
}

/** Unique per test, so assertions on the shared outbox only see this test's mail. */
export function uniqueAddress(name = 'customer'): string {
  return `${name}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Every item of a table, in key order: compare two snapshots to prove nothing was written. */
export async function tableSnapshot(endpoint: string, tableName: string): Promise<string> {
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  db.destroy();
  const key = (item: Record<string, unknown>) => `${String(item.PK)}\u0000${String(item.SK)}`;
  return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
}

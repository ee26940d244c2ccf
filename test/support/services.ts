import { randomUUID } from 'node:crypto';
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

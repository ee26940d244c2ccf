import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/processes.ts';
import { startSesLocal } from '../../local/ses-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesUrl: string;
  }
}

/**
 * The real services every integration and end-to-end test talks to, started once per run on free
 * ports. Each test file makes its own tables and uses its own addresses, so files can share them.
 */
export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([
    freePort().then((port) => startDynamoLocal(port)),
    freePort().then((port) => startSesLocal(port)),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesUrl', ses.url);
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}

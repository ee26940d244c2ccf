import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A stand-in for Secrets Manager in its own process: functions that sign customers' links read
 * their key at cold start, and the bundles are imported with spawnSync, which would block a
 * server running in this process. Answers every GetSecretValue with a fixed 64-character key.
 */
const SERVER = `
const { createServer } = require('node:http');
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify({ ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:k', SecretString: 'k'.repeat(64) }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export interface SecretsStandIn {
  /** For AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  readonly url: string;
  stop(): void;
}

export async function startSecretsStandIn(): Promise<SecretsStandIn> {
  // stdin stays open while we live: the stand-in exits when this process does, however it ends.
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    url: `http://127.0.0.1:${chunk.toString().trim()}`,
    stop: () => child.kill(),
  };
}

import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';

export interface SesLocal {
  /** The SES v2 API endpoint; `${url}/` is the outbox web page, `${url}/store` its JSON. */
  readonly url: string;
  stop(): Promise<void>;
}

// The package is CommonJS with `exports.default`; depending on the loader the server function
// arrives as the default import itself or under `.default`.
type StartServer = (config: { host: string; port: number }) => Promise<Server>;
const startServer: StartServer =
  typeof sesModule === 'function'
    ? (sesModule as unknown as StartServer)
    : (sesModule as unknown as { default: StartServer }).default;

/**
 * Starts aws-ses-v2-local inside this process: Rapport still reaches it over HTTP with the real
 * SES v2 client, as it would SES, but there is no second process to leave behind. Its outbox is
 * kept in memory: it starts empty on every start (the messages stay recorded on each customer's
 * timeline in DynamoDB).
 */
export async function startSesLocal(port: number): Promise<SesLocal> {
  const server = await startServer({ host: '127.0.0.1', port });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

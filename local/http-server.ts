import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;
/** Routes the runtime answers itself (the clock, diagnostics); undefined means "not mine". */
export type LocalRoute = (
  method: string,
  path: string,
  body: string,
  /** The local AWS endpoints read `x-amz-target` (the operation of an AWS JSON call). */
  headers: IncomingHttpHeaders,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

/**
 * The HTTP API, locally: each request becomes the same API Gateway v2 (payload 2.0) event the
 * deployed HTTP API sends to the ingest function, and its result becomes the HTTP response.
 */
export async function startHttpServer(
  port: number,
  api: ApiHandler,
  local: LocalRoute,
): Promise<Server> {
  const server = createServer((request, response) => {
    void handle(request, response, api, local);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  api: ApiHandler,
  local: LocalRoute,
) {
  try {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const result =
      (await local(method, url.pathname, body, request.headers)) ??
      (await api(toApiEvent(request, url, body)));
    response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
    response.end(result.body ?? '');
  } catch (error) {
    console.error('[local api] request failed', error);
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'internal', message: String(error) }));
  }
}

function toApiEvent(request: IncomingMessage, url: URL, body: string): APIGatewayProxyEventV2 {
  return withIamCaller(plainApiEvent(request, url, body));
}

/** What API Gateway's IAM authorizer adds: locally every caller is the same principal. */
function withIamCaller(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
  const requestContext = {
    ...event.requestContext,
    authorizer: { iam: { userArn: 'arn:aws:iam::000000000000:user/local' } },
  };
  return { ...event, requestContext };
}

function plainApiEvent(request: IncomingMessage, url: URL, body: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body === '' ? undefined : body,
    isBase64Encoded: false,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

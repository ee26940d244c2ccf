import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../local/runtime.ts';

/**
 * The local runtime on the run's shared DynamoDB Local and SES, with its own tables, a random API
 * port and a frozen clock that moves only when the test says so.
 */
export async function startTestRuntime(
  startAt: Date,
  options: Partial<
    Pick<
      LocalRuntimeOptions,
      'catalog' | 'wrap' | 'defaultTimeZone' | 'dispatchConcurrency' | 'tierSchedule'
    >
  > = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    apiPort: 0,
    dynamoPort: 0,
    sesPort: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    sesUrl: inject('sesUrl'),
    tableName: `rt-${randomUUID().slice(0, 8)}`,
    clock: { startAt, frozen: true },
    sender: { address: 'rapport@example.com', name: 'Rapport' },
    defaultTimeZone: 'UTC',
    tickMs: false,
    ...options,
  });
}

/** A small HTTP client for the API under test: JSON in, status + JSON + headers out. */
export function apiClient(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    put: (path: string, body?: unknown) => call('PUT', path, body),
  };
}

export interface RuntimeContext {
  runtime: LocalRuntime;
  api: ReturnType<typeof apiClient>;
}

/**
 * A test runtime for one test file: started before its tests (then `setup`, e.g. registering a
 * customer), stopped after. The returned object is filled in by `beforeAll`.
 */
export function useTestRuntime(
  startAt: Date,
  setup?: (context: RuntimeContext) => Promise<void>,
  options: Parameters<typeof startTestRuntime>[1] = {},
): RuntimeContext {
  const context = {} as RuntimeContext;
  beforeAll(async () => {
    context.runtime = await startTestRuntime(startAt, options);
    context.api = apiClient(context.runtime.apiUrl);
    await setup?.(context);
  });
  afterAll(async () => {
    await context.runtime?.stop();
  });
  return context;
}

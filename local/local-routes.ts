import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { Instant } from '../core/time-zone.ts';
import type { LocalRoute } from './http-server.ts';
import type { LocalEventBus } from './local-bus.ts';
import type { LocalClock } from './local-clock.ts';
import { parseDuration } from './local-clock.ts';
import type { LocalQueue } from './local-queue.ts';
import type { LocalScheduler } from './local-scheduler.ts';
import type { LocalStreamReader } from './local-stream.ts';
import type { AdvanceResult } from './runtime.ts';

export interface LocalRoutesDeps {
  readonly clock: LocalClock;
  readonly bus: LocalEventBus;
  readonly scheduler: LocalScheduler;
  readonly queue: LocalQueue;
  readonly stream: LocalStreamReader;
  readonly advanceTo: (target: Date) => Promise<AdvanceResult>;
  readonly sesUrl: string;
}

const ClockChange = z.union([
  z.object({ advance: z.string().min(1) }).strict(),
  z.object({ to: Instant }).strict(),
]);

const ROUTES = [
  'GET /_local/clock',
  'GET /_local/now',
  'POST /_local/clock',
  'GET /_local/events',
  'GET /_local/schedules',
  'GET /_local/queue',
  'GET /_local/dead-letters',
  // Answered by the local SMS endpoint (local/sms-local.ts).
  'GET /_local/sms',
  'POST /_local/sms/failure',
  'DELETE /_local/sms/failure',
];

/**
 * What only the local runtime offers, under `/_local`: the clock that newcomers and tests move
 * forward, and a look at the bus, the scheduler, the queue and what failed. Nothing here exists in
 * the deployed API.
 */
export function localRoutes(deps: LocalRoutesDeps): LocalRoute {
  return async (method, path, body) => {
    if (!path.startsWith('/_local')) return undefined;
    const route = `${method} ${path.replace(/\/$/, '')}`;
    switch (route) {
      case 'GET /_local':
        return reply(200, {
          clock: deps.clock.now().toISOString(),
          outbox: `${deps.sesUrl}/`,
          routes: ROUTES,
        });
      case 'GET /_local/clock':
        return reply(200, { now: deps.clock.now().toISOString(), offsetMs: deps.clock.offset });
      case 'GET /_local/now':
        return {
          statusCode: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: deps.clock.now().toISOString(),
        };
      case 'POST /_local/clock':
        return changeClock(deps, body);
      case 'GET /_local/events':
        return reply(200, deps.bus.recent);
      case 'GET /_local/schedules':
        return reply(200, await deps.scheduler.pending());
      case 'GET /_local/queue':
        return reply(200, await deps.queue.visible());
      case 'GET /_local/dead-letters':
        return reply(200, {
          bus: deps.bus.deadLetters,
          queue: await deps.queue.deadLetters(),
          stream: deps.stream.deadLetters,
        });
      default:
        return reply(404, {
          error: 'not-found',
          message: `no local route ${route}; GET /_local lists them`,
        });
    }
  };
}

async function changeClock(deps: LocalRoutesDeps, body: string) {
  let change: z.infer<typeof ClockChange>;
  try {
    change = ClockChange.parse(JSON.parse(body || '{}'));
  } catch {
    return reply(400, {
      error: 'invalid-input',
      message: 'send {"advance":"1d"} (or 19h, PT19H) or {"to":"2026-11-24T10:00:00-05:00"}',
    });
  }
  try {
    const now = deps.clock.now().getTime();
    const target =
      'to' in change ? new Date(change.to) : new Date(now + parseDuration(change.advance));
    return reply(200, await deps.advanceTo(target));
  } catch (error) {
    if (error instanceof RangeError)
      return reply(400, { error: 'invalid-input', message: error.message });
    throw error;
  }
}

function reply(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body, null, 2),
  };
}

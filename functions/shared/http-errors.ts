import type { MiddlewareObj } from '@middy/core';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/errors.ts';
import { type HttpEvent, type HttpResult, json } from './http.ts';
import { logger } from './logger.ts';

/**
 * The one place where errors become HTTP responses. Domain errors map to 4xx with a body that says
 * what to fix; anything else is a 500 whose details stay in the logs.
 */
export function httpErrors(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      request.response = toResponse(request.error);
    },
  };
}

/** No declared route matches; `allowed` lists the methods declared for this path, if any. */
export class RouteNotFoundError extends Error {
  override name = 'RouteNotFoundError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly allowed: readonly string[],
  ) {
    super(`no route ${method} ${path}`);
  }
}

export function toResponse(error: unknown): HttpResult {
  if (error instanceof RouteNotFoundError) {
    return error.allowed.length > 0
      ? json(
          405,
          {
            error: 'method-not-allowed',
            message: `${error.path} answers ${error.allowed.join(', ')}, not ${error.method}`,
          },
          { allow: error.allowed.join(', ') },
        )
      : json(404, {
          error: 'not-found',
          message: `no route ${error.method} ${error.path}; see the HTTP API table in the README`,
        });
  }
  if (error instanceof InvalidInputError) {
    return json(400, { error: 'invalid-input', message: error.message, issues: error.issues });
  }
  if (error instanceof NotFoundError)
    return json(404, { error: 'not-found', message: error.message });
  if (error instanceof ConflictError)
    return json(409, { error: 'conflict', message: error.message });
  const status = httpStatusOf(error);
  if (status === 422) {
    // middy's JSON parser says 422 for a malformed body; to clients that is plain bad input.
    // It also refuses keys that could reach an object's prototype, on purpose: say so.
    if ((error as Error).message === 'Forbidden key in JSON body')
      return json(400, {
        error: 'invalid-input',
        message:
          'keys named __proto__ (or constructor holding a prototype) are refused anywhere in the body',
      });
    return json(400, { error: 'invalid-json', message: 'the request body is not valid JSON' });
  }
  if (status === 415) {
    return json(415, {
      error: 'unsupported-media-type',
      message: 'send the body as JSON with the header content-type: application/json',
    });
  }
  if (status !== undefined && status < 500) {
    return json(status, { error: 'request-error', message: (error as Error).message });
  }
  logger.error('request failed', { error: error as Error });
  return json(500, { error: 'internal', message: 'something went wrong; the error was logged' });
}

/** middy's createError sets `statusCode` and `expose`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const { statusCode } = error as { statusCode: unknown };
    return typeof statusCode === 'number' ? statusCode : undefined;
  }
  return undefined;
}

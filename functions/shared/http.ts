import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { InvalidInputError } from '../../core/errors.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * A path parameter, percent-decoded and held to the same schema as the same value in a body: an
 * id in the path cannot be something an id in the body could not be. Malformed percent-encoding
 * and values the schema refuses are a 400 naming the parameter.
 */
export function pathParam<S extends z.ZodType<string, string>>(
  event: HttpEvent,
  name: string,
  schema: S,
): z.output<S> {
  const raw = event.pathParameters?.[name];
  // The router only calls a route whose pattern names the parameter; missing means a wiring bug.
  if (raw === undefined) throw new Error(`route is missing path parameter '${name}'`);
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new InvalidInputError(`the path parameter '${name}' is not valid percent-encoding`, [
      { code: 'custom', path: ['path', name], message: 'is not valid percent-encoding' },
    ]);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(
      `the path parameter '${name}' is not valid`,
      result.error.issues.map((issue) => ({ ...issue, path: ['path', name, ...issue.path] })),
    );
  }
  return result.data;
}

/** An optional query parameter, held to a schema: a 400 naming it when it is not valid. */
export function queryParam<S extends z.ZodType<unknown, string>>(
  event: HttpEvent,
  name: string,
  schema: S,
): z.output<S> | undefined {
  const raw = event.queryStringParameters?.[name];
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new InvalidInputError(
      `the query parameter '${name}' is not valid`,
      result.error.issues.map((issue) => ({ ...issue, path: ['query', name, ...issue.path] })),
    );
  }
  return result.data;
}

/** The body after middy's JSON parser replaced the string with the parsed value. */
export function parsedBody(event: HttpEvent): unknown {
  return event.body as unknown;
}

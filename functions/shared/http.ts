import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

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

/** Path parameters are always present for the routes that name them; a missing one is a wiring bug. */
export function pathParam(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw new Error(`route is missing path parameter '${name}'`);
  return decodeURIComponent(value);
}

/** The body after middy's JSON parser replaced the string with the parsed value. */
export function parsedBody(event: HttpEvent): unknown {
  return event.body as unknown;
}

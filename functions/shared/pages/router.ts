import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { RouteSpec } from '../../ingest-api/route-table.ts';
import type { HttpEvent, HttpResult } from '../http.ts';
import { logger } from '../logger.ts';
import { type Language, languageFromHeader } from './language.ts';

export type PageHandler = (event: HttpEvent) => Promise<HttpResult>;

/**
 * A customers' page function (preferences, survey): its route table served by its handlers, and
 * an HTML page in the reader's language for an error (500) or a path it does not serve.
 */
export function pageRouter<Name extends string>(page: {
  readonly routes: Readonly<Record<Name, RouteSpec>>;
  readonly handlers: Readonly<Record<Name, PageHandler>>;
  /** The log line of a request that failed. */
  readonly failureMessage: string;
  readonly failed: (lang: Language) => HttpResult;
  readonly notFound: (path: string) => HttpResult;
}) {
  const routes: Route<HttpEvent, HttpResult>[] = (Object.keys(page.routes) as Name[]).map(
    (name) => ({
      method: page.routes[name].method,
      path: page.routes[name].path,
      handler: page.handlers[name],
    }),
  );
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use({
      onError: (request) => {
        logger.error(page.failureMessage, { error: request.error as Error });
        request.response = page.failed(
          languageFromHeader(request.event.headers?.['accept-language']),
        );
      },
    })
    .handler(
      httpRouterHandler<HttpEvent, HttpResult>({
        routes,
        notFoundResponse: ({ path }) => page.notFound(path),
      }),
    );
}

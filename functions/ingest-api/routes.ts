import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import { Channel } from '../../core/channels.ts';
import { EntityId, ExternalIdValue, SourceSystem } from '../../core/customer/customer.ts';
import {
  type Caller,
  type CustomerDeps,
  getConsent,
  getCustomerByExternalId,
  getCustomerView,
  putCustomer,
  registerCustomer,
  updateConsent,
} from '../../core/use-cases/customers.ts';
import {
  type RecordInteractionDeps,
  recordInteraction,
} from '../../core/use-cases/record-interaction.ts';
import { type HttpEvent, type HttpResult, json, parsedBody, pathParam } from '../shared/http.ts';
import { httpErrors, RouteNotFoundError } from '../shared/http-errors.ts';
import { logger } from '../shared/logger.ts';
import { INGEST_ROUTES, type IngestRouteName, methodsFor } from './route-table.ts';

export type IngestDeps = CustomerDeps & RecordInteractionDeps;

type RouteHandler = (event: HttpEvent) => Promise<HttpResult>;

/** The calling principal: the IAM ARN API Gateway verified (SigV4), recorded with consent. */
export function callerOf(event: HttpEvent): Caller {
  const context = event.requestContext as { authorizer?: { iam?: { userArn?: string } } };
  return { principal: context.authorizer?.iam?.userArn ?? 'unauthenticated' };
}

const customerId = (event: HttpEvent) => pathParam(event, 'customerId', EntityId);

/** The ingest HTTP API: thin adapters from HTTP to the core's use cases, one per declared route. */
export function createIngestHandler(deps: IngestDeps) {
  const handlers: Record<IngestRouteName, RouteHandler> = {
    registerCustomer: async (event) => {
      const customer = await registerCustomer(deps, parsedBody(event), callerOf(event));
      return json(201, customer, { location: `/customers/${encodeURIComponent(customer.id)}` });
    },
    putCustomer: async (event) => {
      const { customer, created } = await putCustomer(
        deps,
        customerId(event),
        parsedBody(event),
        callerOf(event),
      );
      return json(created ? 201 : 200, customer);
    },
    getCustomer: async (event) => json(200, await getCustomerView(deps, customerId(event))),
    getCustomerByExternalId: async (event) =>
      json(
        200,
        await getCustomerByExternalId(
          deps,
          pathParam(event, 'system', SourceSystem),
          pathParam(event, 'externalId', ExternalIdValue),
        ),
      ),
    getConsent: async (event) => json(200, await getConsent(deps, customerId(event))),
    putConsent: async (event) => {
      const channel = pathParam(event, 'channel', Channel);
      const { customer } = await updateConsent(
        deps,
        customerId(event),
        channel,
        parsedBody(event),
        callerOf(event),
      );
      return json(200, customer);
    },
    recordInteraction: async (event) => {
      const { status, interaction } = await recordInteraction(deps, parsedBody(event));
      return status === 'recorded'
        ? json(201, interaction)
        : json(200, interaction, { 'idempotent-replayed': 'true' });
    },
  };
  const routes: Route<HttpEvent, HttpResult>[] = Object.entries(INGEST_ROUTES).map(
    ([name, spec]) => {
      const handler = handlers[name as IngestRouteName];
      return {
        method: spec.method,
        path: spec.path,
        handler:
          spec.method === 'GET'
            ? handler
            : middy<HttpEvent, HttpResult>(handler).use(httpJsonBodyParser()),
      };
    },
  );
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(httpErrors())
    .handler(
      httpRouterHandler<HttpEvent, HttpResult>({
        routes,
        notFoundResponse: ({ method, path }) => {
          throw new RouteNotFoundError(method, path, methodsFor(path));
        },
      }),
    );
}

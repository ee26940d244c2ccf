import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import { Channel } from '../../core/channels.ts';
import { EntityId, ExternalIdValue, SourceSystem } from '../../core/customer/customer.ts';
import {
  type CustomerDeps,
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
import { httpErrors } from '../shared/http-errors.ts';
import { logger } from '../shared/logger.ts';

export type IngestDeps = CustomerDeps & RecordInteractionDeps;

type RouteHandler = (event: HttpEvent) => Promise<HttpResult>;

/** The ingest HTTP API: thin adapters from HTTP to the core's use cases. */
export function createIngestHandler(deps: IngestDeps) {
  const withBody = (handler: RouteHandler) =>
    middy<HttpEvent, HttpResult>(handler).use(httpJsonBodyParser());
  const routes: Route<HttpEvent, HttpResult>[] = [
    {
      method: 'POST',
      path: '/customers',
      handler: withBody(async (event) => {
        const customer = await registerCustomer(deps, parsedBody(event));
        return json(201, customer, { location: `/customers/${encodeURIComponent(customer.id)}` });
      }),
    },
    {
      method: 'PUT',
      path: '/customers/{customerId}',
      handler: withBody(async (event) => {
        const { customer, created } = await putCustomer(
          deps,
          pathParam(event, 'customerId', EntityId),
          parsedBody(event),
        );
        return json(created ? 201 : 200, customer);
      }),
    },
    {
      method: 'GET',
      path: '/customers/{customerId}',
      handler: async (event: HttpEvent) =>
        json(200, await getCustomerView(deps, pathParam(event, 'customerId', EntityId))),
    },
    {
      method: 'GET',
      path: '/customers/by-external-id/{system}/{externalId}',
      handler: async (event: HttpEvent) =>
        json(
          200,
          await getCustomerByExternalId(
            deps,
            pathParam(event, 'system', SourceSystem),
            pathParam(event, 'externalId', ExternalIdValue),
          ),
        ),
    },
    {
      method: 'PUT',
      path: '/customers/{customerId}/consent/{channel}',
      handler: withBody(async (event) => {
        const channel = pathParam(event, 'channel', Channel);
        const customerId = pathParam(event, 'customerId', EntityId);
        return json(200, await updateConsent(deps, customerId, channel, parsedBody(event)));
      }),
    },
    {
      method: 'POST',
      path: '/interactions',
      handler: withBody(async (event) => {
        const { status, interaction } = await recordInteraction(deps, parsedBody(event));
        return status === 'recorded'
          ? json(201, interaction)
          : json(200, interaction, { 'idempotent-replayed': 'true' });
      }),
    },
  ];
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(httpErrors())
    .handler(httpRouterHandler<HttpEvent, HttpResult>(routes));
}

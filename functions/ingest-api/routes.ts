import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler, { type Route } from '@middy/http-router';
import * as z from 'zod';
import { AutomationId } from '../../core/automation/automation.ts';
import { Channel } from '../../core/channels.ts';
import { EntityId, ExternalIdValue, SourceSystem } from '../../core/customer/customer.ts';
import type { IndicatorGrouping } from '../../core/surveys/indicators.ts';
import {
  type IndicatorDeps,
  IndicatorGroupingSchema,
  PeriodBound,
  surveyIndicators,
} from '../../core/surveys/indicators-query.ts';
import { RunId } from '../../core/tiers/steps.ts';
import { getTierRun, startTierRun, type TierRunDeps } from '../../core/tiers/tier-runs.ts';
import {
  type AutomationDeps,
  automationReport,
  getAutomation,
  listAutomations,
  setAutomationEnabled,
} from '../../core/use-cases/automations.ts';
import { type AnswerDeps, recordAnswers } from '../../core/use-cases/automations-answers.ts';
import type { CaseDeps } from '../../core/use-cases/cases.ts';
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
import { type DecisionDeps, listDecisions } from '../../core/use-cases/decisions.ts';
import {
  type RecordInteractionDeps,
  recordInteraction,
} from '../../core/use-cases/record-interaction.ts';
import { completeTask, listTasks, type TaskDeps, TaskStatus } from '../../core/use-cases/tasks.ts';
import {
  type HttpEvent,
  type HttpResult,
  json,
  parsedBody,
  pathParam,
  queryParam,
} from '../shared/http.ts';
import { httpErrors, RouteNotFoundError } from '../shared/http-errors.ts';
import { logger } from '../shared/logger.ts';
import { caseRoutes } from './case-routes.ts';
import { INGEST_ROUTES, type IngestRouteName, methodsFor } from './route-table.ts';

export type IngestDeps = CustomerDeps &
  IndicatorDeps &
  RecordInteractionDeps &
  DecisionDeps &
  TaskDeps &
  AutomationDeps &
  AnswerDeps &
  TierRunDeps &
  CaseDeps;

type RouteHandler = (event: HttpEvent) => Promise<HttpResult>;

const optionalBy = (by: IndicatorGrouping | undefined) => (by ? { by } : {});

/** The calling principal: the IAM ARN API Gateway verified (SigV4), recorded with consent. */
export function callerOf(event: HttpEvent): Caller {
  const context = event.requestContext as { authorizer?: { iam?: { userArn?: string } } };
  return { principal: context.authorizer?.iam?.userArn ?? 'unauthenticated' };
}

const customerId = (event: HttpEvent) => pathParam(event, 'customerId', EntityId);
const automationId = (event: HttpEvent) => pathParam(event, 'automationId', AutomationId);

/** Task ids are the ids of the planned actions that asked for them. */
const TaskId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:@-]+$/, 'is not a task id');

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
    getDecisions: async (event) =>
      json(
        200,
        await listDecisions(deps, customerId(event), queryParam(event, 'automation', AutomationId)),
      ),
    listTasks: async (event) =>
      json(
        200,
        await listTasks(
          deps,
          pathParam(event, 'ownerId', EntityId),
          queryParam(event, 'status', TaskStatus),
        ),
      ),
    completeTask: async (event) =>
      json(
        200,
        await completeTask(
          deps,
          pathParam(event, 'ownerId', EntityId),
          pathParam(event, 'taskId', TaskId),
          parsedBody(event),
        ),
      ),
    recordAnswers: async (event) =>
      json(200, await recordAnswers(deps, customerId(event), parsedBody(event))),
    listAutomations: async () => json(200, await listAutomations(deps)),
    getAutomation: async (event) => json(200, await getAutomation(deps, automationId(event))),
    setAutomationEnabled: async (event) =>
      json(200, await setAutomationEnabled(deps, automationId(event), parsedBody(event))),
    automationReport: async (event) => json(200, await automationReport(deps, automationId(event))),
    startTierRun: async (event) => {
      const started = await startTierRun(deps, parsedBody(event) ?? {});
      return json(202, started, { location: `/tier-runs/${encodeURIComponent(started.runId)}` });
    },
    getTierRun: async (event) =>
      json(200, await getTierRun(deps, pathParam(event, 'runId', RunId))),
    surveyIndicators: async (event) =>
      json(
        200,
        await surveyIndicators(deps, {
          from: queryParam(event, 'from', PeriodBound),
          to: queryParam(event, 'to', PeriodBound),
          ...optionalBy(queryParam(event, 'by', IndicatorGroupingSchema)),
        }),
      ),
    recordInteraction: async (event) => {
      const { status, interaction } = await recordInteraction(deps, parsedBody(event));
      return status === 'recorded'
        ? json(201, interaction)
        : json(200, interaction, { 'idempotent-replayed': 'true' });
    },
    ...caseRoutes(deps),
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

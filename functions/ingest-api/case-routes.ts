import {
  type CaseDeps,
  CaseId,
  caseIndicators,
  getCase,
  listCases,
  openCaseFromApi,
  reassign,
  resolve,
} from '../../core/use-cases/cases.ts';
import { type HttpEvent, type HttpResult, json, parsedBody, pathParam } from '../shared/http.ts';
import type { IngestRouteName } from './route-table.ts';

type CaseRouteName = Extract<
  IngestRouteName,
  'openCase' | 'listCases' | 'caseIndicators' | 'getCase' | 'resolveCase' | 'reassignCase'
>;

const caseId = (event: HttpEvent) => pathParam(event, 'caseId', CaseId);

/** The complaint Case API (docs/complaints.md, "Case API"): thin adapters to core/use-cases/cases.ts. */
export function caseRoutes(
  deps: CaseDeps,
): Record<CaseRouteName, (event: HttpEvent) => Promise<HttpResult>> {
  return {
    openCase: async (event) => {
      const { status, case: c } = await openCaseFromApi(deps, parsedBody(event));
      return status === 'opened'
        ? json(201, c, { location: `/cases/${encodeURIComponent(c.caseId)}` })
        : json(200, c, { 'idempotent-replayed': 'true' });
    },
    listCases: async (event) => json(200, await listCases(deps, event.queryStringParameters)),
    caseIndicators: async (event) =>
      json(200, await caseIndicators(deps, event.queryStringParameters)),
    getCase: async (event) => json(200, await getCase(deps, caseId(event))),
    resolveCase: async (event) => json(200, await resolve(deps, caseId(event), parsedBody(event))),
    reassignCase: async (event) =>
      json(200, await reassign(deps, caseId(event), parsedBody(event))),
  };
}

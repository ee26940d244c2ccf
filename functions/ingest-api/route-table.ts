/**
 * The ingest API's routes, declared once: the router binds a handler to each (a route missing a
 * handler does not compile) and the CDK construct adds exactly these to the HTTP API.
 */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly summary: string;
}

export const INGEST_ROUTES = {
  registerCustomer: {
    method: 'POST',
    path: '/customers',
    summary: 'register a customer (id generated unless given)',
  },
  putCustomer: {
    method: 'PUT',
    path: '/customers/{customerId}',
    summary: "create a customer, or replace a customer's profile",
  },
  getCustomer: {
    method: 'GET',
    path: '/customers/{customerId}',
    summary: 'the customer, their 20 latest interactions and messages',
  },
  getCustomerByExternalId: {
    method: 'GET',
    path: '/customers/by-external-id/{system}/{externalId}',
    summary: 'the same, by a POS / call-centre / web id',
  },
  getConsent: {
    method: 'GET',
    path: '/customers/{customerId}/consent',
    summary: 'consent in force per channel, and every decision ever recorded',
  },
  putConsent: {
    method: 'PUT',
    path: '/customers/{customerId}/consent/{channel}',
    summary: 'record a consent decision for one channel',
  },
  getDecisions: {
    method: 'GET',
    path: '/customers/{customerId}/decisions',
    summary: 'why each message did or did not go out (?automation= to narrow)',
  },
  recordInteraction: {
    method: 'POST',
    path: '/interactions',
    summary: 'record an interaction; its id is the idempotency key',
  },
  listTasks: {
    method: 'GET',
    path: '/owners/{ownerId}/tasks',
    summary: "an owner's calls and visits to make (?status=open|done)",
  },
  completeTask: {
    method: 'POST',
    path: '/owners/{ownerId}/tasks/{taskId}/done',
    summary: 'mark a call or visit done, with an optional note',
  },
  recordAnswers: {
    method: 'POST',
    path: '/customers/{customerId}/answers',
    summary: "a customer's answers to drip questions, kept as Rapport-owned attributes",
  },
  listAutomations: {
    method: 'GET',
    path: '/automations',
    summary:
      'the deployed automations, each with whether it is on and who decided (file or switch)',
  },
  getAutomation: {
    method: 'GET',
    path: '/automations/{automationId}',
    summary: "an automation's definition, switch in force and change history (who, when, why)",
  },
  setAutomationEnabled: {
    method: 'PUT',
    path: '/automations/{automationId}/enabled',
    summary: 'turn an automation on or off without a redeploy: {enabled, by, reason?}',
  },
  automationReport: {
    method: 'GET',
    path: '/automations/{automationId}/report',
    summary: 'entered, held out and converted per group, rates and lift over the holdout',
  },
  startTierRun: {
    method: 'POST',
    path: '/tier-runs',
    summary: 'start a tier recalculation now, or {asOf} a past instant; 202 with the run id',
  },
  getTierRun: {
    method: 'GET',
    path: '/tier-runs/{runId}',
    summary: "a tier run's status and, once done, its summary (tiers, movements, alerts)",
  },
  surveyIndicators: {
    method: 'GET',
    path: '/surveys/indicators',
    summary:
      'NPS, CSAT, response rate and detractors’ comments for ?from=&to= (&by=touchpoint|agent|tier)',
  },
  openCase: {
    method: 'POST',
    path: '/cases',
    summary: 'open a complaint case once per {key}; 201 opened, 200 when the key was used before',
  },
  listCases: {
    method: 'GET',
    path: '/cases',
    summary:
      'unresolved cases, nearest deadline first, with days left (?owner=&severity=&minAgeDays=)',
  },
  caseIndicators: {
    method: 'GET',
    path: '/cases/indicators',
    summary:
      'times to respond and resolve, shares in time and at first contact, recovery rate (?from=&to=)',
  },
  getCase: {
    method: 'GET',
    path: '/cases/{caseId}',
    summary: 'a complaint case with its full history',
  },
  resolveCase: {
    method: 'POST',
    path: '/cases/{caseId}/resolution',
    summary: "the owner's resolution {note, firstContact, by}; resumes the recovery workflow once",
  },
  reassignCase: {
    method: 'POST',
    path: '/cases/{caseId}/owner',
    summary: 'give the case to another complaint team member: {owner, by, reason?}',
  },
} as const satisfies Record<string, RouteSpec>;

export type IngestRouteName = keyof typeof INGEST_ROUTES;

/** The methods declared for a concrete path (for 405 answers), matching `{param}` segments. */
export function methodsFor(path: string): string[] {
  const segments = path.replace(/\/$/, '').split('/');
  return Object.values(INGEST_ROUTES)
    .filter((route) => {
      const pattern = route.path.split('/');
      return (
        pattern.length === segments.length &&
        pattern.every((part, i) => part.startsWith('{') || part === segments[i])
      );
    })
    .map((route) => route.method);
}

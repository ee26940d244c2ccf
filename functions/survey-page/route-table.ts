import type { RouteSpec } from '../ingest-api/route-table.ts';

/**
 * The survey page's routes, declared once: the router binds a handler to each, the CDK adds
 * exactly these to the HTTP API without an authorizer, and the local runtime sends requests for
 * them to this function. They trust only the link's signature.
 */
export const SURVEY_ROUTES = {
  showSurvey: {
    method: 'GET',
    path: '/survey/{token}',
    summary: 'the survey page; a link with a score (one per score in the email) answers at once',
  },
  answerSurvey: {
    method: 'POST',
    path: '/survey/{token}',
    summary: 'answer with a score and an optional comment (application/x-www-form-urlencoded)',
  },
} as const satisfies Record<string, RouteSpec>;

export type SurveyRouteName = keyof typeof SURVEY_ROUTES;

/** Whether a request path belongs to the survey page (`/survey/...`). */
export function isSurveyPagePath(path: string): boolean {
  return path.split('/')[1] === 'survey';
}

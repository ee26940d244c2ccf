import type { RouteSpec } from '../ingest-api/route-table.ts';

/**
 * The public pages' routes, declared once: the router binds a handler to each, the CDK adds
 * exactly these to the HTTP API without an authorizer, and the local runtime sends requests for
 * them to this function. They trust only the link's signature.
 */
export const PREFERENCES_ROUTES = {
  showPreferences: {
    method: 'GET',
    path: '/preferences/{token}',
    summary: "the customer's preferences page (signed link)",
  },
  savePreferences: {
    method: 'POST',
    path: '/preferences/{token}',
    summary: 'save the preferences form (application/x-www-form-urlencoded)',
  },
  confirmUnsubscribe: {
    method: 'GET',
    path: '/unsubscribe/{token}',
    summary: 'a page with one button that unsubscribes (a GET never does)',
  },
  unsubscribe: {
    method: 'POST',
    path: '/unsubscribe/{token}',
    summary: 'RFC 8058 one-click unsubscribe: List-Unsubscribe=One-Click',
  },
} as const satisfies Record<string, RouteSpec>;

export type PreferencesRouteName = keyof typeof PREFERENCES_ROUTES;

/** The first path segment of every public page: how the local runtime tells them apart. */
const PUBLIC_PREFIXES = new Set(
  Object.values(PREFERENCES_ROUTES).map((route) => route.path.split('/')[1]),
);

/** Whether a request path belongs to the public pages (`/preferences/...`, `/unsubscribe/...`). */
export function isPublicPagePath(path: string): boolean {
  return PUBLIC_PREFIXES.has(path.split('/')[1] ?? '');
}

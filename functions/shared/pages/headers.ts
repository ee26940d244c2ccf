import type { HttpResult } from '../http.ts';

/**
 * The token in a public page's path is a credential (it opens one customer's data): never cached,
 * never sent on as a Referer, never framed; the pages load nothing and post only to themselves.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function html(
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): HttpResult {
  return { statusCode, headers: { ...PAGE_HEADERS, ...headers }, body };
}

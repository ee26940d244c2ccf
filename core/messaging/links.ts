import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/**
 * Signed, expiring links for customers: the preferences page and the one-click unsubscribe. The
 * token is the payload (base64url JSON) and an HMAC-SHA256 over it with the deployment's key; the
 * routes that serve them trust nothing else. The key comes from Secrets Manager on AWS and from a
 * key generated into .rapport/ locally.
 */
export const LinkPayload = z.strictObject({
  /** Customer id. */
  c: z.string().min(1),
  /** What the link is for. */
  p: z.enum(['preferences', 'unsubscribe']),
  /** The topic an unsubscribe link leaves. */
  t: z.string().optional(),
  /** Expiry, epoch seconds. */
  e: z.number().int(),
});
export type LinkPayload = z.infer<typeof LinkPayload>;

export type LinkCheck =
  | { readonly ok: true; readonly payload: LinkPayload }
  | { readonly ok: false; readonly reason: 'malformed' | 'tampered' | 'expired' };

export function signLink(payload: LinkPayload, key: Uint8Array): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

export function verifyLink(token: string, key: Uint8Array, now: Date): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'tampered' };
  let payload: LinkPayload;
  try {
    payload = LinkPayload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (payload.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function mac(body: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** The links a message carries for its customer, valid for `days` from `now`. */
export interface CustomerLinks {
  readonly preferences: string;
  readonly unsubscribe: string;
}

export interface LinkMaker {
  linksFor(customerId: string, topic: string | undefined, now: Date): CustomerLinks;
}

/** Builds links under the public base URL (the HTTP API, or its custom domain). */
export function linkMaker(options: {
  readonly baseUrl: string;
  readonly key: Uint8Array;
  readonly days: number;
}): LinkMaker {
  const base = options.baseUrl.replace(/\/$/, '');
  return {
    linksFor(customerId, topic, now) {
      const e = Math.floor(now.getTime() / 1000) + options.days * 86_400;
      const preferences = signLink({ c: customerId, p: 'preferences', e }, options.key);
      const unsubscribe = signLink(
        { c: customerId, p: 'unsubscribe', e, ...(topic ? { t: topic } : {}) },
        options.key,
      );
      return {
        preferences: `${base}/preferences/${preferences}`,
        unsubscribe: `${base}/unsubscribe/${unsubscribe}`,
      };
    },
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/**
 * Signed, expiring links for customers: the preferences page, the one-click unsubscribe and the
 * survey page (`/survey/<token>`; with `s` set, the link itself answers with that score). The
 * token is the payload (base64url JSON) and an HMAC-SHA256 over it with the deployment's key; the
 * routes that serve them trust nothing else. The key comes from Secrets Manager on AWS and from a
 * key generated into .rapport/ locally.
 */
export const LinkPayload = z
  .strictObject({
    /** Customer id. */
    c: z.string().min(1),
    /** What the link is for. */
    p: z.enum(['preferences', 'unsubscribe', 'survey']),
    /** The topic an unsubscribe link leaves. */
    t: z.string().optional(),
    /** Survey links: the interaction the survey asks about. */
    i: z.string().min(1).optional(),
    /** Survey links: the kind of survey (NPS 0-10, CSAT 1-5). */
    k: z.enum(['nps', 'csat']).optional(),
    /** Survey links: the score a per-score link (one per score in the email) answers with. */
    s: z.number().int().min(0).max(10).optional(),
    /** Expiry, epoch seconds. */
    e: z.number().int(),
  })
  // A survey link without its interaction and kind cannot be answered; a score outside the
  // kind's scale is a forged or broken link.
  .refine((l) => l.p !== 'survey' || (l.i !== undefined && l.k !== undefined), {
    message: 'a survey link carries i and k',
  })
  .refine(
    (l) =>
      l.s === undefined ||
      (l.p === 'survey' && (l.k === 'nps' || l.s >= 1) && (l.k === 'nps' || l.s <= 5)),
    {
      message: 'a score fits the survey kind',
    },
  );
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

export type SurveyKind = 'nps' | 'csat';

/** The scores a survey kind accepts, in the order an email lists them. */
export function surveyScale(kind: SurveyKind): readonly number[] {
  return kind === 'nps' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
}

/** A survey invitation's links: the page, and one link per score so the email itself answers. */
export interface SurveyLinks {
  /** `<base>/survey/<token>`: the page, no score chosen. */
  readonly page: string;
  /** `<base>/survey/<token with s>` per score, in scale order. */
  readonly scores: readonly { readonly score: number; readonly url: string }[];
}

export function surveyLinks(options: {
  readonly baseUrl: string;
  readonly key: Uint8Array;
  readonly customerId: string;
  readonly interactionId: string;
  readonly kind: SurveyKind;
  /** Expiry, epoch seconds. */
  readonly expires: number;
}): SurveyLinks {
  const base = options.baseUrl.replace(/\/$/, '');
  const payload = {
    c: options.customerId,
    p: 'survey' as const,
    i: options.interactionId,
    k: options.kind,
    e: options.expires,
  };
  return {
    page: `${base}/survey/${signLink(payload, options.key)}`,
    scores: surveyScale(options.kind).map((score) => ({
      score,
      url: `${base}/survey/${signLink({ ...payload, s: score }, options.key)}`,
    })),
  };
}

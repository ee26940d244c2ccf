import { ConflictError } from '../../errors.ts';
import { signLink } from '../../messaging/links.ts';
import { updateConsent } from '../customers.ts';
import { customerCaller, type LinkProblem, openLink, type PreferencesDeps } from './open-link.ts';
import type { PreferenceChange } from './ports.ts';
import { type TopicOption, topicLabel } from './view.ts';

/** Recorded as the source of a one-click unsubscribe (RFC 8058), from a mail client or the page. */
export const ONE_CLICK_SOURCE = 'one-click-unsubscribe';

/** What an unsubscribe link leaves: the message's topic, or (a message without one) all email. */
export type Leaving =
  | { readonly kind: 'topic'; readonly topic: Pick<TopicOption, 'id' | 'label'> }
  | { readonly kind: 'email' };

interface UnsubscribeOutcome {
  readonly locale: string;
  readonly firstName: string;
  readonly leaving: Leaving;
  /** True when the customer had already left it: nothing was (or would be) written. */
  readonly already: boolean;
  /** A preferences link for the same customer, valid as long as this one, for the full page. */
  readonly preferencesToken: string;
}

export type UnsubscribePreview =
  | { readonly kind: 'invalid-link'; readonly problem: LinkProblem }
  | ({ readonly kind: 'confirm' } & UnsubscribeOutcome);

export type UnsubscribeResult =
  | { readonly kind: 'invalid-link'; readonly problem: LinkProblem }
  | ({ readonly kind: 'unsubscribed' } & UnsubscribeOutcome);

/**
 * What a GET of an unsubscribe link shows: what it would leave, and a button that POSTs. A GET
 * never unsubscribes: mail scanners and link previews fetch every link of a message.
 */
export async function previewUnsubscribe(
  deps: PreferencesDeps,
  token: string,
): Promise<UnsubscribePreview> {
  const opened = await openLink(deps, token, 'unsubscribe');
  if (!opened.ok) return { kind: 'invalid-link', problem: opened.problem };
  return { kind: 'confirm', ...outcome(deps, opened, alreadyLeft(opened)) };
}

/** How many times a one-click unsubscribe re-reads after losing a race with another change. */
const ATTEMPTS = 3;

/**
 * One-click unsubscribe (RFC 8058): the token's topic is set to `false` in the customer's
 * preferences, logged with source `one-click-unsubscribe`; a link without a topic withdraws email
 * consent through the consent API's path. Idempotent: leaving twice writes once. It must work
 * without a person, so a race with another change is retried, not reported.
 */
export async function unsubscribe(
  deps: PreferencesDeps,
  token: string,
): Promise<UnsubscribeResult> {
  for (let attempt = 1; ; attempt++) {
    const opened = await openLink(deps, token, 'unsubscribe');
    if (!opened.ok) return { kind: 'invalid-link', problem: opened.problem };
    const { customer, payload } = opened;
    const caller = customerCaller(customer.id);
    if (alreadyLeft(opened)) return { kind: 'unsubscribed', ...outcome(deps, opened, true) };
    if (payload.t === undefined) {
      await updateConsent(
        deps,
        customer.id,
        'email',
        { status: 'denied', source: ONE_CLICK_SOURCE },
        caller,
      );
      return { kind: 'unsubscribed', ...outcome(deps, opened, false) };
    }
    const now = deps.clock().toISOString();
    const before = customer.preferences;
    const change: PreferenceChange = {
      changeId: deps.newId(),
      recordedAt: now,
      source: ONE_CLICK_SOURCE,
      by: caller.principal,
      set: { topics: { [payload.t]: false } },
    };
    try {
      await deps.preferences.savePreferences(
        customer.id,
        { ...before, topics: { ...before?.topics, [payload.t]: false }, updatedAt: now },
        change,
        before?.updatedAt,
      );
      return { kind: 'unsubscribed', ...outcome(deps, opened, false) };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

type Opened = Extract<Awaited<ReturnType<typeof openLink>>, { ok: true }>;

function alreadyLeft({ customer, payload }: Opened): boolean {
  return payload.t === undefined
    ? customer.consent.email?.status === 'denied'
    : customer.preferences?.topics[payload.t] === false;
}

function outcome(deps: PreferencesDeps, opened: Opened, already: boolean): UnsubscribeOutcome {
  const { customer, payload } = opened;
  return {
    locale: customer.locale,
    firstName: customer.name.given,
    leaving:
      payload.t === undefined
        ? { kind: 'email' }
        : { kind: 'topic', topic: { id: payload.t, label: topicLabel(deps.policy, payload.t) } },
    already,
    preferencesToken: signLink({ c: customer.id, p: 'preferences', e: payload.e }, deps.linkKey),
  };
}

import * as z from 'zod';
import { type Channel, DeliveryChannel } from '../../channels.ts';
import type { Customer } from '../../customer/customer-view.ts';
import type { Preferences } from '../../customer/system-state.ts';
import { ConflictError } from '../../errors.ts';
import { Frequency, type MessagingPolicy, TopicId } from '../../messaging/policy.ts';
import { updateConsent } from '../customers.ts';
import { customerCaller, type LinkProblem, openLink, type PreferencesDeps } from './open-link.ts';
import type { PreferenceChange } from './ports.ts';
import {
  allowed,
  channelOrder,
  offeredChannels,
  type PreferencesView,
  preferencesView,
} from './view.ts';

/** Recorded as the source of every change made on the page, consent decisions included. */
export const PAGE_SOURCE = 'preferences-page';

/**
 * What the page's form submits, as the HTTP adapter read it from the urlencoded body: the offered
 * channels in the order the customer wants them tried (one select per position), the channels they
 * allow, a frequency, the topics they stay subscribed to.
 */
export const PreferencesForm = z.strictObject({
  order: z.array(DeliveryChannel).max(DeliveryChannel.options.length).default([]),
  allow: z.array(DeliveryChannel).max(DeliveryChannel.options.length).default([]),
  frequency: Frequency,
  topics: z.array(TopicId).max(100).default([]),
});
export type PreferencesForm = z.input<typeof PreferencesForm>;
type ParsedForm = z.output<typeof PreferencesForm>;

/**
 * `unexpected`: values the page never offers (a hand-made request, or a page older than the
 * customer's data); `order-repeats`: a channel chosen for two positions, a mistake a person can
 * make and fix on the page.
 */
export type FormProblem = 'unexpected' | 'order-repeats';

export interface ConsentToggle {
  readonly channel: Channel;
  readonly status: 'granted' | 'denied';
}

export type SaveResult =
  | { readonly kind: 'invalid-link'; readonly problem: LinkProblem }
  | { readonly kind: 'invalid-form'; readonly problem: FormProblem; readonly view: PreferencesView }
  /** Someone (another tab, a one-click unsubscribe) changed them since the page was read. */
  | { readonly kind: 'conflict'; readonly view: PreferencesView }
  | {
      readonly kind: 'saved';
      readonly view: PreferencesView;
      readonly consent: readonly ConsentToggle[];
      readonly set: PreferenceChange['set'];
    };

/**
 * Saves the form of a valid preferences link. Nothing is written unless the whole form is valid.
 * The preferences and their log entry are written first, conditionally on what was read (a
 * conflict writes nothing); then each channel turned on or off is a consent decision through the
 * consent API's own path, with source `preferences-page` and caller `customer:<id>`, so the
 * consent history shows it. Only what changed is written.
 */
export async function savePreferences(
  deps: PreferencesDeps,
  token: string,
  body: unknown,
): Promise<SaveResult> {
  const opened = await openLink(deps, token, 'preferences');
  if (!opened.ok) return { kind: 'invalid-link', problem: opened.problem };
  const { customer } = opened;
  const view = preferencesView(customer, deps.policy);
  const parsed = PreferencesForm.safeParse(body);
  const problem = parsed.success ? formProblem(parsed.data, customer, deps.policy) : 'unexpected';
  if (!parsed.success || problem) {
    return { kind: 'invalid-form', problem: problem ?? 'unexpected', view };
  }
  const form = parsed.data;

  const set = changesOf(form, customer, deps.policy);
  if (Object.keys(set).length > 0) {
    try {
      await writeChange(deps, customer, set);
    } catch (error) {
      if (error instanceof ConflictError) return { kind: 'conflict', view };
      throw error;
    }
  }

  const allow = new Set(form.allow);
  const consent: ConsentToggle[] = offeredChannels(customer)
    .filter((channel) => allow.has(channel) !== allowed(customer, channel))
    .map((channel) => ({ channel, status: allow.has(channel) ? 'granted' : 'denied' }));
  for (const { channel, status } of consent) {
    await updateConsent(
      deps,
      customer.id,
      channel,
      { status, source: PAGE_SOURCE },
      customerCaller(customer.id),
    );
  }

  const after = (await deps.customers.getCustomer(customer.id)) ?? customer;
  return { kind: 'saved', view: preferencesView(after, deps.policy), consent, set };
}

function formProblem(
  form: ParsedForm,
  customer: Customer,
  policy: MessagingPolicy,
): FormProblem | undefined {
  const offered = offeredChannels(customer);
  const topicIds = Object.keys(policy.topics);
  const unexpected =
    hasRepeats(form.allow) ||
    hasRepeats(form.topics) ||
    [...form.order, ...form.allow].some((channel) => !offered.includes(channel)) ||
    form.topics.some((topic) => !topicIds.includes(topic)) ||
    // The page has one select per offered channel: all of them, or none (an older page).
    (form.order.length > 0 && form.order.length !== offered.length);
  if (unexpected) return 'unexpected';
  return hasRepeats(form.order) ? 'order-repeats' : undefined;
}

/** Only what differs from what the customer had. */
function changesOf(
  form: ParsedForm,
  customer: Customer,
  policy: MessagingPolicy,
): PreferenceChange['set'] {
  const before = customer.preferences;
  const order = channelOrder(customer, policy);
  // The offered channels in the order chosen, then the others (letters, channels without an
  // address) where they were, so a later address finds its old place.
  const chosen = new Set<Channel>(form.order);
  const nextOrder =
    form.order.length > 0
      ? [...form.order, ...order.filter((channel) => !chosen.has(channel))]
      : order;
  const topics = Object.fromEntries(
    Object.keys(policy.topics)
      .map((id) => [id, form.topics.includes(id)] as const)
      .filter(([id, subscribed]) => subscribed !== (before?.topics[id] !== false)),
  );
  return {
    ...(sameOrder(nextOrder, order) ? {} : { channels: nextOrder }),
    ...(form.frequency === (before?.frequency ?? 'any') ? {} : { frequency: form.frequency }),
    ...(Object.keys(topics).length > 0 ? { topics } : {}),
  };
}

async function writeChange(
  deps: PreferencesDeps,
  customer: Customer,
  set: PreferenceChange['set'],
): Promise<void> {
  const now = deps.clock().toISOString();
  const before = customer.preferences;
  const next: Preferences = {
    ...before,
    ...(set.channels ? { channels: [...set.channels] } : {}),
    ...(set.frequency ? { frequency: set.frequency } : {}),
    topics: { ...before?.topics, ...set.topics },
    updatedAt: now,
  };
  const change: PreferenceChange = {
    changeId: deps.newId(),
    recordedAt: now,
    source: PAGE_SOURCE,
    by: customerCaller(customer.id).principal,
    set,
  };
  await deps.preferences.savePreferences(customer.id, next, change, before?.updatedAt);
}

function hasRepeats(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}

function sameOrder(a: readonly Channel[], b: readonly Channel[]): boolean {
  return a.length === b.length && a.every((channel, index) => channel === b[index]);
}

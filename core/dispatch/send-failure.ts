import type { DeliveryChannel } from '../channels.ts';
import { OptedOutError, PermanentDeliveryError, ThrottledError } from '../errors.ts';
import type { ScheduledAction } from '../schedule.ts';
import { updateConsent } from '../use-cases/customers.ts';
import { type ActionOutcome, decisionOf, finish, type ZoneUsed } from './outcomes.ts';
import type { Attempt } from './outgoing.ts';
import type { ActionDeps } from './run-action.ts';

export interface SendContext {
  readonly attempt: Attempt;
  readonly claimed: ScheduledAction;
  readonly claimId: string;
  readonly channel: DeliveryChannel;
  readonly details: Record<string, string>;
  readonly held: {
    readonly now: Date;
    readonly from: { readonly claimId: string };
    readonly zone: ZoneUsed;
  };
}

/**
 * The provider refused or could not be reached. Throttled: the claim is given back without
 * spending an attempt, and the error goes up so the wake-up is put back with a delay. Transient
 * with attempts left: the attempt counts, retried later. Permanent, or out of attempts: the next
 * channel the customer allows, if any (`fallback`), else failed.
 */
export async function sendFailed(
  deps: ActionDeps,
  context: SendContext,
  error: unknown,
): Promise<ActionOutcome> {
  const { attempt, claimed, claimId, channel, details, held } = context;
  const reason = `delivery-error: ${error instanceof Error ? error.message : String(error)}`;
  const throttled = error instanceof ThrottledError;
  const final =
    error instanceof PermanentDeliveryError || (!throttled && claimed.attempts >= deps.maxAttempts);
  if (!final) {
    await deps.schedules.releaseSchedule({
      scheduleId: claimed.scheduleId,
      claimId,
      error: reason,
      now: deps.clock(),
      countAttempt: !throttled,
    });
    throw error;
  }
  if (error instanceof OptedOutError && attempt.schedule.action.kind === 'send-message')
    await recordOptOut(deps, attempt, channel, held.now);
  const excluded = [...(claimed.excludedChannels ?? []), channel];
  if (
    attempt.schedule.action.kind === 'send-message' &&
    attempt.schedule.action.channel === 'preferred' &&
    hasAnotherChannel(deps, attempt, excluded)
  ) {
    const decision = decisionOf(claimed, 'fallback', held.now, held.zone, { reason, channel });
    if (
      await deps.schedules.fallbackSchedule({
        schedule: claimed,
        claimId,
        excluded,
        decision,
        now: held.now,
      })
    ) {
      await deps.queue.send({ kind: 'run-action', scheduleId: claimed.scheduleId });
      return { status: 'fallback', scheduleId: claimed.scheduleId, reason };
    }
  }
  return finish(deps.schedules, claimed, { status: 'failed', reason, channel, details }, held);
}

/**
 * The customer told the provider to stop (an SMS STOP reply): that is their decision, recorded as
 * consent denied through the one consent path (history, source, caller, `consent.changed`), so
 * later messages skip the channel instead of failing on it. A staff notice's opt-out is the staff
 * member's, not the customer's: only customer messages get here.
 */
async function recordOptOut(
  deps: ActionDeps,
  attempt: Attempt,
  channel: DeliveryChannel,
  now: Date,
): Promise<void> {
  if (attempt.customer.consent[channel]?.status === 'denied') return;
  await updateConsent(
    deps,
    attempt.customer.id,
    channel,
    { status: 'denied', source: 'provider-opt-out', at: now.toISOString() },
    { principal: 'rapport-dispatcher' },
  );
}

function hasAnotherChannel(
  deps: ActionDeps,
  attempt: Attempt,
  excluded: readonly string[],
): boolean {
  const customer = attempt.customer;
  const stated = customer.preferences?.channels ?? customer.channelPreferences;
  const order = stated.length > 0 ? stated : deps.catalog.messaging.defaultChannels;
  return order.some(
    (channel) =>
      !excluded.includes(channel) &&
      customer.consent[channel]?.status === 'granted' &&
      channel in deps.senders,
  );
}

import type { DueTime } from '../../../core/automation/delay.ts';
import type { Decision } from '../../../core/messaging/decision.ts';
import type { MessageRecord } from '../../../core/schedule.ts';
import type { TransactItem } from './client.ts';
import { keys, prefixes } from './keys.ts';

/** The items a schedule's outcome writes beside it, in the same transaction. */
export function putDecision(tableName: string, decision: Decision): TransactItem {
  const tag = `${decision.outcome}${decision.channel ? `-${decision.channel}` : ''}`;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.decision(decision.customerId, decision.at, decision.scheduleId, tag),
        entity: 'decision',
        ...decision,
      },
    },
  };
}

/** So delivery feedback, which names only the provider's message id, finds the message. */
export function putProviderPointer(tableName: string, message: MessageRecord): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.providerMessage(message.providerMessageId ?? ''),
        entity: 'provider-message',
        messageKey: keys.message(message.customerId, message.createdAt, message.messageId),
        customerId: message.customerId,
        channel: message.channel,
        to: message.to,
      },
    },
  };
}

export function putMessage(tableName: string, message: MessageRecord): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.message(message.customerId, message.createdAt, message.messageId),
        entity: 'message',
        ...message,
      },
    },
  };
}

/** A schedule's conditional update, without its table and key. */
export type ScheduleUpdate = Omit<NonNullable<TransactItem['Update']>, 'TableName' | 'Key'>;

/** Waiting again, at the new due time (and back in the pending index). */
export function deferralUpdate(
  schedule: { readonly scheduleId: string },
  due: DueTime,
  now: Date,
): ScheduleUpdate {
  return {
    UpdateExpression:
      'SET #status = :deferred, #due = :due, GSI1PK = :pk, GSI1SK = :sk, updatedAt = :now ADD deferrals :one',
    ConditionExpression: '#status IN (:pending, :deferred)',
    ExpressionAttributeNames: { '#status': 'status', '#due': 'due' },
    ExpressionAttributeValues: {
      ':deferred': 'deferred',
      ':pending': 'pending',
      ':due': due,
      ':pk': prefixes.pendingSchedules,
      ':sk': keys.pendingSchedule(due.instant, schedule.scheduleId).GSI1SK,
      ':now': now.toISOString(),
      ':one': 1,
    },
  };
}

/** Pending again with fresh attempts, the failed channels excluded; only by the claim's holder. */
export function fallbackUpdate(
  claimId: string,
  excluded: readonly string[],
  now: Date,
): ScheduleUpdate {
  return {
    UpdateExpression:
      'SET #status = :pending, excludedChannels = :excluded, attempts = :zero, updatedAt = :now REMOVE claimId, claimedUntil, claimedChannel',
    ConditionExpression: '#status = :dispatching AND claimId = :claim',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pending': 'pending',
      ':dispatching': 'dispatching',
      ':claim': claimId,
      ':excluded': excluded,
      ':zero': 0,
      ':now': now.toISOString(),
    },
  };
}

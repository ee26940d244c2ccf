import type { Decision } from '../../../core/messaging/decision.ts';
import type { MessageRecord } from '../../../core/schedule.ts';
import type { TransactItem } from './client.ts';
import { keys } from './keys.ts';

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

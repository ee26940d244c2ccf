import { EventBridgeServiceException } from '@aws-sdk/client-eventbridge';
import type { MiddlewareStack } from '@smithy/types';

// biome-ignore lint/suspicious/noExplicitAny: the SDK's middleware stack is generic over any input/output.
type AnyStack = MiddlewareStack<any, any>;

export interface FaultRule {
  /** The SDK command to fault, by its name (`PutEventsCommand`, `SendEmailCommand`, ...). */
  readonly command: string;
  /**
   * Whether the nth call (1-based, counting calls of this command only) fails, and with what.
   * Undefined lets the call through.
   */
  readonly fail: (call: number, input: Record<string, unknown>) => Error | undefined;
  /** Fail after the real call went through (the service did it, the caller never hears). */
  readonly afterTheCall?: boolean;
}

export interface Injected {
  /** Calls of the rule's command so far, and how many were failed. */
  readonly calls: () => number;
  readonly failures: () => number;
}

/**
 * Puts a fault between Rapport and a real client, where AWS's faults happen: a middleware at the
 * start of the SDK's stack (outside its own retries), so the adapter and the use case above see
 * exactly what they would see from the service. Nothing in Rapport is mocked.
 */
export function injectFault<C extends { middlewareStack: AnyStack }>(
  client: C,
  rule: FaultRule,
): C & Injected {
  let calls = 0;
  let failures = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== rule.command) return next(args);
      calls++;
      const error = rule.fail(calls, args.input as Record<string, unknown>);
      if (!error) return next(args);
      failures++;
      if (rule.afterTheCall) await next(args);
      throw error;
    },
    // Low priority: inside Rapport's own retry of transaction conflicts, outside the SDK's retries.
    { step: 'initialize', priority: 'low', name: `rapportFault${rule.command}${Math.random()}` },
  );
  return Object.assign(client, { calls: () => calls, failures: () => failures });
}

/** EventBridge throttled or unavailable: two PutEvents calls in every three fail with a 500. */
export function putEventsFailingTwoInThree<C extends { middlewareStack: AnyStack }>(
  client: C,
): C & Injected {
  return injectFault(client, {
    command: 'PutEventsCommand',
    fail: (call) =>
      call % 3 === 0
        ? undefined
        : new EventBridgeServiceException({
            name: 'InternalException',
            $fault: 'server',
            $metadata: { httpStatusCode: 500 },
            message: `injected failure of PutEvents call ${call}`,
          }),
  });
}

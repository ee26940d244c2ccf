/**
 * The field of the dispatcher's log line for a wake-up whose action failed for good: the CDK's
 * metric filter (infra/constructs/dispatcher.ts) counts these lines and an alarm watches the count.
 */
export const PERMANENT_FAILURE_FIELD = 'permanentFailure';

/** Plain words for the reasons decisions record (by the reason's first word). */
const REASONS: Record<string, string> = {
  'held-open-complaint': 'marketing is held while the customer has an open complaint',
  'held-after-detractor':
    'marketing is held after a detractor answer (messaging.yaml detractorHoldDays)',
  'unsubscribed-topic': 'the customer unsubscribed from this topic',
  'frequency-cap': 'the marketing cap is reached (messaging.yaml caps)',
  'customer-frequency': 'the frequency the customer chose is reached',
  'quiet-hours': "inside the customer's quiet hours (messaging.yaml quietHours)",
  'send-window': "outside the automation's send window",
  'no-consent': 'no consent recorded for the channel (consent is opt-in)',
  'consent-denied': 'the customer denied consent for the channel',
  bounced: 'the address bounced',
  complained: 'the customer marked a message as spam',
  'no-address': 'no address for the channel',
  'no-owner': 'the customer has no owner (rep) to alert',
  'customer-not-found': 'the customer no longer exists',
  'automation-disabled': 'the automation was switched off before it was due',
  'held-out': "the customer is in the automation's control group (holdout)",
  reentry: 'the re-entry rule',
  guard: 'a guard',
  outranked: 'a higher-priority automation messages the customer that day',
  'due-time-passed': 'the event arrived after the due time',
  'delivery-error': 'the provider refused or failed',
  'send-outcome-unknown': 'the attempt died after handing the message over; not sent again',
};

/** "quiet-hours: inside the customer's quiet hours" or the reason as recorded with its detail. */
export function explainReason(reason: string | undefined): string {
  if (!reason) return '';
  const key = reason.split(':')[0] ?? reason;
  const words = REASONS[key];
  if (!words) return reason;
  return reason === key ? `${words} (${key})` : `${words} (${reason})`;
}

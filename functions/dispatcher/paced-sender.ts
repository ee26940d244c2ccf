import type { OutgoingMessage, Sender } from '../../core/ports.ts';

/**
 * Spaces sends so this instance stays under its share of the provider's sending rate (SES's
 * account rate divided by the queue's maximum concurrency). Real time on purpose: this is
 * throughput, not domain time. 0 sends per second means no pacing.
 */
export function pacedSender(
  sender: Sender,
  sendsPerSecond: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Sender {
  if (sendsPerSecond <= 0) return sender;
  const gapMs = 1000 / sendsPerSecond;
  let nextSlot = 0;
  return {
    async send(message: OutgoingMessage) {
      const now = performance.now();
      const wait = Math.max(0, nextSlot - now);
      nextSlot = Math.max(now, nextSlot) + gapMs;
      if (wait > 0) await sleep(wait);
      return sender.send(message);
    },
  };
}

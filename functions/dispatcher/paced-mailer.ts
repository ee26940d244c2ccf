import type { Mailer, OutgoingEmail } from '../../core/ports.ts';

/**
 * Spaces sends so this instance stays under its share of the SES account's sending rate. Real time
 * on purpose: this is throughput, not domain time. 0 sends per second means no pacing.
 */
export function pacedMailer(
  mailer: Mailer,
  sendsPerSecond: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Mailer {
  if (sendsPerSecond <= 0) return mailer;
  const gapMs = 1000 / sendsPerSecond;
  let nextSlot = 0;
  return {
    async send(email: OutgoingEmail) {
      const now = performance.now();
      const wait = Math.max(0, nextSlot - now);
      nextSlot = Math.max(now, nextSlot) + gapMs;
      if (wait > 0) await sleep(wait);
      return mailer.send(email);
    },
  };
}

import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails } from '../support/services.ts';
import { type Injected, injectFault } from './inject.ts';

const CUSTOMERS = Number(process.env.THROTTLE_BURST ?? 500);
/** SES's sending rate in this test: sends per second of the local clock. */
const SENDS_PER_SECOND = 150;

/** Runs `task(i)` for i in [0, total) with `concurrency` in flight. */
async function inParallel(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Every zone's 10:00 fires in the same minute. Here 500 actions fall due at the same instant
 * against an SES that accepts 150 sends per second and answers TooManyRequests beyond. Throttled
 * sends go back on the queue with a jittered delay, without spending their attempts: all end sent,
 * none failed, none twice.
 */
describe('SES throttling during a burst of due actions', () => {
  let runtime: LocalRuntime | undefined;
  let ses: Injected | undefined;
  const perSecond = new Map<number, number>();
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), undefined, {
    dispatchConcurrency: 8,
    wrap: {
      ses: (client) => {
        const faulty = injectFault(client, {
          command: 'SendEmailCommand',
          fail: () => {
            const second = Math.floor((runtime?.clock.now().getTime() ?? 0) / 1000);
            const sent = perSecond.get(second) ?? 0;
            if (sent < SENDS_PER_SECOND) {
              perSecond.set(second, sent + 1);
              return undefined;
            }
            return new TooManyRequestsException({
              message: 'Maximum sending rate exceeded',
              $metadata: {},
            });
          },
        });
        ses = faulty;
        return faulty;
      },
    },
  });

  it(`sends each of ${CUSTOMERS} due actions exactly once, none failed`, async () => {
    runtime = local.runtime;
    const { api } = local;
    const { consent, ...customer } = anaInput();
    await inParallel(CUSTOMERS, 16, async (i) => {
      const id = `burst-${i}`;
      const registered = await api.post('/customers', {
        ...customer,
        consent,
        id,
        externalIds: {},
        contact: { email: `${id}@example.com` },
      });
      expect(registered.status).toBe(201);
      const recorded = await api.post('/interactions', {
        ...visitInput(),
        id: `visit-${id}`,
        customer: { id },
      });
      expect(recorded.status).toBe(201);
    });
    await local.runtime.settle();
    expect((await local.runtime.scheduler.pending()).length).toBe(CUSTOMERS);

    await local.runtime.advanceTo(new Date('2026-11-24T16:00:00Z'));

    const mail = (await sentEmails(local.runtime.sesUrl)).filter((email) =>
      email.destination.to[0]?.startsWith('burst-'),
    );
    const recipients = mail.map((email) => email.destination.to[0]);
    expect(recipients).toHaveLength(CUSTOMERS);
    expect(new Set(recipients).size).toBe(CUSTOMERS);
    expect(ses?.failures()).toBeGreaterThan(0);
    const statuses = new Map<string, number>();
    for (let i = 0; i < CUSTOMERS; i += 97) {
      const view = await api.get(`/customers/burst-${i}`);
      const [message] = (view.body.timeline as { messages: { status: string }[] }).messages;
      statuses.set(message?.status ?? 'none', (statuses.get(message?.status ?? 'none') ?? 0) + 1);
    }
    expect([...statuses.keys()]).toEqual(['sent']);
    expect(await local.runtime.queue.deadLetters()).toEqual([]);
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

/** EventBridge Scheduler fires at least once: twice, sometimes; and a schedule can go missing. */
describe('a schedule that fires twice, and one that is lost before it fires', () => {
  const twice = uniqueAddress('twice');
  const lost = uniqueAddress('lost');
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), async ({ api, runtime }) => {
    const { consent } = anaInput();
    for (const [id, email] of [
      ['fires-twice', twice],
      ['loses-schedule', lost],
    ] as const) {
      expect(
        (
          await api.post('/customers', {
            ...anaInput(),
            id,
            externalIds: {},
            consent,
            contact: { email },
          })
        ).status,
      ).toBe(201);
      expect(
        (await api.post('/interactions', { ...visitInput(), id: `visit-${id}`, customer: { id } }))
          .status,
      ).toBe(201);
    }
    await runtime.settle();
  });

  it('sends once when the schedule fires twice, and once when it is lost (the reconciler finds it)', async () => {
    const { runtime } = local;
    const entries = await runtime.scheduler.pending();
    expect(entries).toHaveLength(2);
    const [first, second] = entries;
    // One schedule goes missing before it fires; the other fires twice at 10:00.
    expect(await runtime.scheduler.cancel(second?.name ?? '')).toBe('cancelled');
    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));
    await runtime.queue.send({ kind: 'run-action', scheduleId: first?.name ?? '' });
    await runtime.settle();
    const sentAtTen = [
      ...(await sentEmails(runtime.sesUrl, twice)),
      ...(await sentEmails(runtime.sesUrl, lost)),
    ];
    expect(sentAtTen).toHaveLength(1);

    // The reconciler runs every 5 minutes and wakes what is more than 5 minutes overdue.
    await runtime.advanceTo(new Date('2026-11-24T15:15:00Z'));

    expect(await sentEmails(runtime.sesUrl, twice)).toHaveLength(1);
    expect(await sentEmails(runtime.sesUrl, lost)).toHaveLength(1);
  });
});

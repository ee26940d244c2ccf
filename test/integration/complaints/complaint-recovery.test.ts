import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenCaseInput } from '../../../core/complaints/case.ts';
import { freshTable } from '../../support/services.ts';
import { DAY, HOUR, recoveryHarness } from './recovery-harness.ts';

const OPENED = new Date('2026-11-02T09:00:00.000Z');
const at = (days: number) => OPENED.getTime() + days * DAY;
const complaint = (id: string, extra: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  source: { kind: 'api', id },
  customerId: `customer-${id}`,
  severity: 'medium',
  category: 'delivery',
  channel: 'call-centre',
  ...extra,
});
const resolution = { note: 'Replaced the sofa', firstContact: false, by: 'qa-tomas' };

describe('the complaint recovery workflow, synthesized by the CDK and run locally', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable('recovery');
  });
  afterAll(() => table.db.destroy());

  it('resolved on day 3: acknowledged at once, one reminder, no escalation, thanked, followed up', async () => {
    const h = await recoveryHarness(table, OPENED);
    const caseId = await h.open(complaint('day-3'));
    await h.until(async () => (await h.history(caseId)).includes('acknowledged'));
    await h.advanceTo(at(3), caseId);

    expect(await h.resolve(caseId, { ...resolution, firstContact: true })).toBe('resolved');
    await h.advanceTo(at(10), caseId);

    expect((await h.machine.result(caseId))?.status).toBe('SUCCEEDED');
    expect(h.sent.map((m) => `${m.to}:${m.template}`)).toEqual([
      'customer:complaint-acknowledgement',
      'owner:complaint-reminder',
      'customer:complaint-thank-you',
      'customer:complaint-follow-up',
    ]);
    const c = await h.cases.get(caseId);
    expect(c).toMatchObject({ status: 'resolved', resolvedAt: new Date(at(3)).toISOString() });
    expect(c?.history.find((e) => e.kind === 'follow-up')?.at).toBe(new Date(at(6)).toISOString());
  });

  it('reminds on days 2, 7 and 14, alerts the manager with the third, then is resolved on day 20', async () => {
    const h = await recoveryHarness(table, OPENED);
    const caseId = await h.open(complaint('day-20'));
    await h.advanceTo(at(20), caseId);

    expect(await h.resolve(caseId, resolution)).toBe('resolved');
    await h.advanceTo(at(24), caseId);

    expect((await h.machine.result(caseId))?.status).toBe('SUCCEEDED');
    const sent = h.sent.map((m) => `${m.to}:${m.template}`);
    expect(sent.filter((s) => s === 'owner:complaint-reminder')).toHaveLength(3);
    expect(sent).toContain('manager:complaint-escalation');
    expect(sent.slice(-2)).toEqual([
      'customer:complaint-thank-you',
      'customer:complaint-follow-up',
    ]);
  });

  it('never resolved: at risk on day 30, the manager alerted, the workflow stops waiting', async () => {
    const h = await recoveryHarness(table, OPENED);
    const caseId = await h.open(complaint('never'));
    await h.advanceTo(at(31), caseId);

    const result = await h.machine.result(caseId);
    expect(result?.status).toBe('SUCCEEDED');
    const c = await h.cases.get(caseId);
    expect(c?.status).toBe('at-risk');
    expect(c?.history.find((e) => e.kind === 'at-risk')?.at).toBe(new Date(at(30)).toISOString());
    expect(h.sent.map((m) => m.template)).toContain('complaint-at-risk');
    expect(await h.resolve(caseId, resolution)).toBe('resolved');
  });

  it('takes a resolution sent twice once: one thank-you, the second answered as already resolved', async () => {
    const h = await recoveryHarness(table, OPENED);
    const caseId = await h.open(complaint('twice'));
    await h.advanceTo(at(1), caseId);

    const [first, second] = await Promise.all([
      h.resolve(caseId, resolution),
      h.resolve(caseId, { ...resolution, note: 'again' }),
    ]);
    await h.advanceTo(at(8), caseId);

    expect([first, second].sort()).toEqual(['already-resolved', 'resolved']);
    expect(h.sent.filter((m) => m.template === 'complaint-thank-you')).toHaveLength(1);
    expect((await h.machine.result(caseId))?.status).toBe('SUCCEEDED');
  });

  it('records a notification that keeps failing and goes on with the recovery', async () => {
    const h = await recoveryHarness(table, OPENED);
    h.failing.add('complaint-acknowledgement');
    const caseId = await h.open(complaint('failing'));
    await h.until(async () => (await h.history(caseId)).includes('notification-failed'));
    h.failing.clear();
    await h.advanceTo(at(2), caseId);

    const history = await h.history(caseId);
    expect(history).not.toContain('acknowledged');
    expect(history).toContain('reminded');
    expect(h.sent.map((m) => m.template)).toEqual(['complaint-reminder']);
  });

  it('reminds the owner of an A-tier customer within hours, by a senior owner', async () => {
    const h = await recoveryHarness(table, OPENED);
    const caseId = await h.open(complaint('a-tier'), 'A');
    await h.advanceTo(OPENED.getTime() + 25 * HOUR, caseId);

    const c = await h.cases.get(caseId);
    expect(c?.owner).toBe('qa-ines');
    const reminders = c?.history.filter((e) => e.kind === 'reminded').map((e) => e.at);
    expect(reminders).toEqual([
      new Date(OPENED.getTime() + 4 * HOUR).toISOString(),
      new Date(OPENED.getTime() + 24 * HOUR).toISOString(),
    ]);
  });
});

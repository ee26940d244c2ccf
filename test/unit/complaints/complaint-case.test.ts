import { describe, expect, it } from 'vitest';
import {
  type ComplaintCase,
  caseIdFor,
  newCase,
  resolveCase,
  withEntry,
} from '../../../core/complaints/case.ts';
import { checkpoints, nextCheckpoint } from '../../../core/complaints/checkpoints.ts';
import { caseIndicators, openCases } from '../../../core/complaints/indicators.ts';
import { at, input, OPENED, policy } from './support.ts';

describe('a complaint case', () => {
  it('takes its id from its source, so the same complaint twice is one case', () => {
    expect(caseIdFor(input.source)).toBe('case-interaction-call-0001');
    expect(newCase(input, policy, OPENED).caseId).toBe(newCase(input, policy, at(1)).caseId);
    expect(caseIdFor({ kind: 'opened', id: 'case-survey-pos-1' })).toBe('case-survey-pos-1');
  });

  it('opens with a 30-day deadline, tier B when the customer has none', () => {
    const c = newCase(input, policy, OPENED);
    expect(c).toMatchObject({ status: 'open', tier: 'B', deadlineAt: at(30).toISOString() });
  });

  it('keeps the first resolution when it is resolved twice', () => {
    const c = newCase(input, policy, OPENED);
    const first = resolveCase(c, { note: 'Replaced', firstContact: true, by: 'qa-ines' }, at(3));
    expect(first.kind).toBe('resolved');
    const again = resolveCase(first.case, { note: 'Again', firstContact: false, by: 'x' }, at(4));
    expect(again.kind).toBe('already-resolved');
    expect(again.case.resolution?.note).toBe('Replaced');
    expect(again.case.resolvedAt).toBe(at(3).toISOString());
  });
});

describe('the checkpoints the recovery workflow waits for', () => {
  it('reminds on days 2, 7, 14 and 21, alerts the manager with the third, then the deadline', () => {
    const all = checkpoints(policy, newCase(input, policy, OPENED));
    expect(all.map((p) => p.at)).toEqual([2, 7, 14, 21, 30].map((d) => at(d).toISOString()));
    expect(all.map((p) => p.kind === 'reminder' && p.escalate)).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('does not alert the manager again on a reminder when a critical case escalated as it opened', () => {
    const critical = newCase({ ...input, severity: 'critical' }, policy, OPENED);
    expect(checkpoints(policy, critical).some((p) => p.kind === 'reminder' && p.escalate)).toBe(
      false,
    );
  });

  it('waits next for the first reminder not yet sent, in whole seconds', () => {
    let c = newCase(input, policy, OPENED);
    expect(nextCheckpoint(policy, c, OPENED)).toMatchObject({ reminder: 1, seconds: 2 * 86_400 });
    c = withEntry(c, { at: at(2).toISOString(), kind: 'reminded' });
    expect(nextCheckpoint(policy, c, at(2))).toMatchObject({ reminder: 2, seconds: 5 * 86_400 });
    for (const d of [7, 14, 21]) c = withEntry(c, { at: at(d).toISOString(), kind: 'reminded' });
    expect(nextCheckpoint(policy, c, at(21))).toMatchObject({ kind: 'deadline' });
  });
});

describe('the case indicators and list', () => {
  const resolved = (id: string, days: number, firstContact: boolean, owner: string) => {
    const c = { ...newCase({ ...input, source: { kind: 'api', id } }, policy, OPENED), owner };
    return resolveCase(c, { note: 'Done', firstContact, by: owner }, at(days)).case;
  };
  const open = (id: string, severity: ComplaintCase['severity'], owner: string) => ({
    ...newCase({ ...input, severity, source: { kind: 'api', id } }, policy, at(20)),
    owner,
  });
  const cases = [
    resolved('a', 1, true, 'qa-ines'),
    resolved('b', 3, false, 'qa-ines'),
    resolved('c', 40, false, 'qa-tomas'),
    open('d', 'high', 'qa-tomas'),
  ];
  const now = at(25);

  it('gives the median times, the share within the deadline and at first contact', () => {
    const indicators = caseIndicators(cases, now);
    expect(indicators.medianHoursToResolution).toBe(72);
    expect(indicators.shareResolvedWithinDeadline).toBeCloseTo(2 / 3);
    expect(indicators.shareAtFirstContact).toBeCloseTo(1 / 3);
    expect(indicators.openByAgeAndSeverity['3-7'].high).toBe(1);
    expect(indicators.perOwner['qa-ines']).toMatchObject({ open: 0, resolved: 2 });
    expect(indicators.perOwner['qa-tomas']).toMatchObject({ open: 1, resolved: 1 });
  });

  it('lists the open cases with their age and the days left, filtered', () => {
    expect(openCases(cases, {}, now)).toEqual([
      expect.objectContaining({ caseId: 'case-api-d', ageDays: 5, daysLeft: 25 }),
    ]);
    expect(openCases(cases, { owner: 'qa-ines' }, now)).toEqual([]);
    expect(openCases(cases, { minAgeDays: 6 }, now)).toEqual([]);
    expect(openCases(cases, { severity: 'high', minAgeDays: 5 }, now)).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { decideInvitation, localDay } from '../../../core/surveys/fatigue.ts';
import { DEFAULT_SURVEY_POLICY } from '../../../core/surveys/policy.ts';

const policy = DEFAULT_SURVEY_POLICY;
const MADRID = 'Europe/Madrid';
const visit = { id: 'visit-1', type: 'visit', occurredAt: '2026-11-20T17:00:00.000Z' };
const decide = (overrides: Partial<Parameters<typeof decideInvitation>[0]> = {}) =>
  decideInvitation({
    policy,
    state: undefined,
    interaction: visit,
    others: [],
    timeZone: MADRID,
    now: new Date('2026-11-21T09:00:00.000Z'),
    ...overrides,
  });

describe('the survey fatigue guard', () => {
  it('invites a never-invited customer about a qualifying interaction, with its kind', () => {
    expect(decide()).toEqual({
      kind: 'invite',
      survey: 'nps',
      next: { lastInvitedAt: '2026-11-21T09:00:00.000Z' },
      expected: undefined,
    });
  });

  it('never asks about a type surveys.yaml does not list', () => {
    const decision = decide({ interaction: { ...visit, type: 'quote' } });
    expect(decision).toMatchObject({ kind: 'suppress', reason: 'survey-not-qualifying' });
  });

  it('suppresses a second invitation within the fatigue period, saying when the last was', () => {
    const decision = decide({
      state: { lastInvitedAt: '2026-11-01T09:00:00.000Z' },
      now: new Date('2026-11-30T09:00:00.000Z'),
    });
    expect(decision).toEqual({
      kind: 'suppress',
      reason: 'survey-fatigue',
      detail: 'invited 2026-11-01T09:00:00.000Z, within 30 days',
    });
  });

  it('invites again once the fatigue period has passed, on the condition of the last invitation', () => {
    const decision = decide({
      state: { lastInvitedAt: '2026-11-01T09:00:00.000Z', lastScore: 9 },
      now: new Date('2026-12-01T09:00:00.000Z'),
    });
    expect(decision).toMatchObject({
      kind: 'invite',
      next: { lastInvitedAt: '2026-12-01T09:00:00.000Z', lastScore: 9 },
      expected: '2026-11-01T09:00:00.000Z',
    });
  });

  it('asks about the most complaint-prone interaction of the same local day', () => {
    const support = { id: 'case-9', type: 'support', occurredAt: '2026-11-20T09:00:00.000Z' };
    expect(decide({ others: [support] })).toMatchObject({
      kind: 'suppress',
      reason: 'survey-same-day',
      detail: 'asked about support case-9 of the same day instead',
    });
    expect(decide({ interaction: support, others: [visit] })).toMatchObject({ kind: 'invite' });
  });

  it('asks about the latest of two equally relevant interactions of the same day', () => {
    const later = { ...visit, id: 'visit-2', occurredAt: '2026-11-20T19:00:00.000Z' };
    expect(decide({ others: [later] })).toMatchObject({ reason: 'survey-same-day' });
    expect(decide({ interaction: later, others: [visit] })).toMatchObject({ kind: 'invite' });
  });

  it("counts the day in the customer's zone: 23:50 and 00:10 in Madrid are two days", () => {
    const lateFriday = { id: 'a', type: 'support', occurredAt: '2026-11-20T22:50:00.000Z' };
    const earlySaturday = { id: 'b', type: 'visit', occurredAt: '2026-11-20T23:10:00.000Z' };
    expect(localDay(lateFriday.occurredAt, MADRID)).toBe('2026-11-20');
    expect(localDay(earlySaturday.occurredAt, MADRID)).toBe('2026-11-21');
    expect(decide({ interaction: earlySaturday, others: [lateFriday] })).toMatchObject({
      kind: 'invite',
    });
  });

  it('ignores non-qualifying interactions of the same day when picking', () => {
    const quote = { id: 'q', type: 'quote', occurredAt: '2026-11-20T18:00:00.000Z' };
    expect(decide({ others: [quote] })).toMatchObject({ kind: 'invite' });
  });

  it('holds the fatigue period in elapsed days across a DST change', () => {
    // Invited 2026-10-01 (CEST); Madrid goes back to CET on 25 October: 30 days are 30 × 24 h.
    const state = { lastInvitedAt: '2026-10-01T08:00:00.000Z' };
    expect(decide({ state, now: new Date('2026-10-31T07:59:59.000Z') })).toMatchObject({
      reason: 'survey-fatigue',
    });
    expect(decide({ state, now: new Date('2026-10-31T08:00:00.000Z') })).toMatchObject({
      kind: 'invite',
    });
  });
});

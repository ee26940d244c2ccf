import { describe, expect, it } from 'vitest';
import {
  currentRound,
  newCase,
  recoveryExecutionName,
  reopenCase,
  resolveCase,
  withEntry,
} from '../../../core/complaints/case.ts';
import { nextCheckpoint } from '../../../core/complaints/checkpoints.ts';
import { complaintFromEvent } from '../../../core/complaints/intake-from-event.ts';
import type { EventOf } from '../../../core/events/registry.ts';
import { at, input, OPENED, policy } from './support.ts';

const resolution = { note: 'Replaced.', firstContact: true, by: 'qa-ines' };

describe('a case reopened after an unhappy follow-up', () => {
  const reminded = withEntry(newCase(input, policy, OPENED), {
    at: at(2).toISOString(),
    kind: 'reminded',
  });
  const resolved = resolveCase(reminded, resolution, at(3));
  const reopened = reopenCase(resolved.case, policy, at(8), 'follow-up answered 1');

  it('opens again with a deadline 30 days from the reopening and no resolution', () => {
    expect(reopened.kind).toBe('reopened');
    expect(reopened.case).toMatchObject({
      status: 'reopened',
      reopenedAt: at(8).toISOString(),
      deadlineAt: at(38).toISOString(),
    });
    expect(reopened.case.resolution).toBeUndefined();
  });

  it('starts a new round: reminders count again from the reopening', () => {
    expect(currentRound(resolved.case).round).toBe(0);
    expect(currentRound(reopened.case)).toMatchObject({ round: 1 });
    expect(currentRound(reopened.case).entries.map((e) => e.kind)).toEqual(['reopened']);
    // Day 2 after the reopening is the first reminder again (P2D in complaints.yaml).
    expect(nextCheckpoint(policy, reopened.case, at(8))).toMatchObject({
      kind: 'reminder',
      reminder: 1,
      at: at(10).toISOString(),
    });
  });

  it('reopens only a resolved case', () => {
    expect(reopenCase(reminded, policy, at(8), 'again').kind).toBe('not-resolved');
    expect(reopenCase(reopened.case, policy, at(9), 'again').kind).toBe('not-resolved');
  });

  it('runs each round as an execution of its own name, within Step Functions limits', () => {
    expect(recoveryExecutionName('case-interaction-call-0001')).toBe('case-interaction-call-0001');
    expect(recoveryExecutionName('case-interaction-call-0001', 1)).toBe(
      'case-interaction-call-0001-r1',
    );
    const odd = recoveryExecutionName('case-interaction-pos:2026.11@store');
    expect(odd).toMatch(/^case-[0-9a-f]{40}$/);
    expect(recoveryExecutionName('case-interaction-pos:2026.11@store')).toBe(odd);
  });
});

describe('complaints in events', () => {
  const interaction = {
    id: 'call-0001',
    customerId: 'ana-garcia',
    recordedAt: OPENED.toISOString(),
    type: 'complaint' as const,
    touchpoint: 'call-centre' as const,
    occurredAt: OPENED.toISOString(),
    metadata: { severity: 'high', category: 'billing', description: 'Charged twice.' },
  };
  const recorded = (
    type: 'complaint' | 'visit',
    metadata: Record<string, unknown>,
  ): EventOf<'interaction.recorded'> => ({
    id: 'e1',
    type: 'interaction.recorded' as const,
    occurredAt: OPENED.toISOString(),
    data: { customerId: 'ana-garcia', interaction: { ...interaction, type, metadata } },
  });

  it('reads severity, category and description from a complaint interaction', () => {
    expect(complaintFromEvent(recorded('complaint', interaction.metadata))).toEqual({
      source: { kind: 'interaction', id: 'call-0001' },
      customerId: 'ana-garcia',
      severity: 'high',
      category: 'billing',
      channel: 'call-centre',
      description: 'Charged twice.',
    });
  });

  it('defaults what the touchpoint did not say, and ignores other interactions', () => {
    expect(complaintFromEvent(recorded('complaint', { severity: 'urgent' }))).toMatchObject({
      severity: 'medium',
      category: 'other',
    });
    expect(complaintFromEvent(recorded('visit', {}))).toBeUndefined();
  });
});

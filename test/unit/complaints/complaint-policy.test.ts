import { describe, expect, it } from 'vitest';
import { chooseOwner } from '../../../core/complaints/assign.ts';
import { escalatesAtOnce, needsSenior, reminderOffsets } from '../../../core/complaints/policy.ts';
import { CatalogError } from '../../../core/errors.ts';
import {
  loadComplaintPolicy,
  parseComplaintPolicy,
} from '../../../workflows/complaint-recovery/policy-loader.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const policy = loadComplaintPolicy();

describe('the complaint policy in workflows/complaints.yaml', () => {
  it('reminds a B-tier owner on days 2, 7, 14 and 21 by default', () => {
    expect(reminderOffsets(policy, 'B', 'medium')).toEqual([2 * DAY, 7 * DAY, 14 * DAY, 21 * DAY]);
  });

  it('reminds an A-tier owner within hours, sooner still for a critical complaint', () => {
    expect(reminderOffsets(policy, 'A', 'low').slice(0, 2)).toEqual([4 * HOUR, 24 * HOUR]);
    expect(reminderOffsets(policy, 'A', 'critical')[0]).toBe(HOUR);
  });

  it('sends high severity and A-tier complaints to a senior, and escalates critical ones at once', () => {
    expect(needsSenior(policy, 'B', 'high')).toBe(true);
    expect(needsSenior(policy, 'A', 'low')).toBe(true);
    expect(needsSenior(policy, 'C', 'medium')).toBe(false);
    expect(escalatesAtOnce(policy, 'critical')).toBe(true);
    expect(escalatesAtOnce(policy, 'high')).toBe(false);
  });

  it('drops reminders that would fall on or after the deadline', () => {
    const late = structuredClone(policy);
    late.reminders.default = ['P2D', 'P30D', 'P40D'];
    expect(reminderOffsets(late, 'B', 'low')).toEqual([2 * DAY]);
  });

  it('refuses a file with unknown severities, unordered reminders or bad durations, naming each', () => {
    const bad = {
      team: [{ id: 'qa-a', name: 'A', email: 'a@example.com', seniority: 'junior' }],
      manager: { id: 'qa-m', name: 'M', email: 'm@example.com' },
      seniorFor: { severities: ['high'] },
      reminders: { default: ['P7D', 'P2D'], tiers: { A: { urgent: ['PT4H'] } } },
      escalation: { afterReminder: 2 },
      followUpAfter: 'three days',
    };
    expect(() => parseComplaintPolicy(bad)).toThrow(CatalogError);
    const message = (() => {
      try {
        parseComplaintPolicy(bad);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('reminders.default');
    expect(message).toContain("unknown severity 'urgent'");
    expect(message).toContain('followUpAfter');
    expect(message).toContain('seniorFor needs a senior');
  });
});

describe('choosing the owner of a new case', () => {
  it('gives the case to the least-loaded member of the team', () => {
    const owner = chooseOwner(policy, { 'qa-ines': 0, 'qa-tomas': 3, 'qa-marta': 1 }, 'C', 'low');
    expect(owner.id).toBe('qa-ines');
    expect(chooseOwner(policy, { 'qa-ines': 5, 'qa-tomas': 3 }, 'B', 'low').id).toBe('qa-marta');
  });

  it('gives a high severity or A-tier case to a senior even when a junior is less loaded', () => {
    const loads = { 'qa-ines': 9, 'qa-tomas': 0, 'qa-marta': 0 };
    expect(chooseOwner(policy, loads, 'B', 'high').id).toBe('qa-ines');
    expect(chooseOwner(policy, loads, 'A', 'low').id).toBe('qa-ines');
  });
});

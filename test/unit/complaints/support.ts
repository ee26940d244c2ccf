import type { OpenCaseInput } from '../../../core/complaints/case.ts';
import { loadComplaintPolicy } from '../../../workflows/complaint-recovery/policy-loader.ts';

/** The repository's complaints.yaml, and a case opened at a known instant. */
export const policy = loadComplaintPolicy();
export const OPENED = new Date('2026-11-02T09:00:00.000Z');
export const DAY = 86_400_000;
/** `days` after the case opened. */
export const at = (days: number) => new Date(OPENED.getTime() + days * DAY);

export const input: OpenCaseInput = {
  source: { kind: 'interaction', id: 'call-0001' },
  customerId: 'ana-garcia',
  severity: 'medium',
  category: 'delivery',
  channel: 'call-centre',
  description: 'The sofa arrived scratched.',
};

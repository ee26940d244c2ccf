import type { Tier } from '../customer/system-state.ts';
import { type ComplaintPolicy, needsSenior, type Severity, type TeamMember } from './policy.ts';

/**
 * The owner of a new case: the least-loaded member of the QA team (open cases each owns), among
 * the seniors when the tier or severity asks for one. Ties go to the member listed first, so the
 * choice is the same on a retry with the same loads.
 */
export function chooseOwner(
  policy: ComplaintPolicy,
  openCasesByOwner: Readonly<Record<string, number>>,
  tier: Tier,
  severity: Severity,
): TeamMember {
  const seniors = policy.team.filter((member) => member.seniority === 'senior');
  const eligible =
    needsSenior(policy, tier, severity) && seniors.length > 0 ? seniors : policy.team;
  let chosen = eligible[0] as TeamMember;
  for (const member of eligible)
    if ((openCasesByOwner[member.id] ?? 0) < (openCasesByOwner[chosen.id] ?? 0)) chosen = member;
  return chosen;
}

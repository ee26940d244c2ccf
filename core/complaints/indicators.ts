import { type ComplaintCase, isOpen } from './case.ts';
import { Severity } from './policy.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Age buckets (days since opening) for open cases, the last one past the 30-day deadline. */
export const AGE_BUCKETS = ['0-2', '3-7', '8-14', '15-21', '22-30', 'over-30'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface OwnerIndicators {
  readonly open: number;
  readonly resolved: number;
  readonly medianHoursToResolution: number | null;
  readonly shareAtFirstContact: number | null;
}

/** What `GET /cases/indicators` shows everyone (the seeds' indicator: fast, first contact). */
export interface CaseIndicators {
  readonly cases: number;
  readonly medianHoursToFirstResponse: number | null;
  readonly medianHoursToResolution: number | null;
  /** Of the cases resolved or past their deadline: resolved by the deadline. */
  readonly shareResolvedWithinDeadline: number | null;
  /** Of the resolved cases: resolved at the first contact. */
  readonly shareAtFirstContact: number | null;
  readonly openByAgeAndSeverity: Record<AgeBucket, Record<Severity, number>>;
  readonly perOwner: Record<string, OwnerIndicators>;
}

export function caseIndicators(cases: readonly ComplaintCase[], now: Date): CaseIndicators {
  const resolved = cases.filter((c) => c.status === 'resolved');
  const due = cases.filter((c) => c.status === 'resolved' || Date.parse(c.deadlineAt) <= +now);
  const inTime = due.filter((c) => c.resolvedAt !== undefined && c.resolvedAt <= c.deadlineAt);
  const openByAgeAndSeverity = Object.fromEntries(
    AGE_BUCKETS.map((bucket) => [
      bucket,
      Object.fromEntries(Severity.options.map((s) => [s, 0])) as Record<Severity, number>,
    ]),
  ) as Record<AgeBucket, Record<Severity, number>>;
  for (const c of cases.filter(isOpen).concat(cases.filter((c) => c.status === 'at-risk')))
    openByAgeAndSeverity[ageBucket(ageDays(c, now))][c.severity]++;
  const owners = [...new Set(cases.map((c) => c.owner).filter((o): o is string => !!o))].sort();
  return {
    cases: cases.length,
    medianHoursToFirstResponse: median(
      cases.flatMap((c) =>
        c.firstResponseAt ? [hoursBetween(c.openedAt, c.firstResponseAt)] : [],
      ),
    ),
    medianHoursToResolution: median(resolved.map(hoursToResolution)),
    shareResolvedWithinDeadline: share(inTime.length, due.length),
    shareAtFirstContact: share(resolved.filter(atFirstContact).length, resolved.length),
    openByAgeAndSeverity,
    perOwner: Object.fromEntries(
      owners.map((owner) => {
        const own = cases.filter((c) => c.owner === owner);
        const done = own.filter((c) => c.status === 'resolved');
        return [
          owner,
          {
            open: own.filter((c) => c.status !== 'resolved').length,
            resolved: done.length,
            medianHoursToResolution: median(done.map(hoursToResolution)),
            shareAtFirstContact: share(done.filter(atFirstContact).length, done.length),
          },
        ];
      }),
    ),
  };
}

/**
 * An open case as the case list shows it: its age in whole days, and the days left to the
 * deadline rounded down, so negative as soon as the deadline passes (-1 on the first day over):
 * the list tells how late a case is, not just that it is.
 */
export function openCaseView(c: ComplaintCase, now: Date) {
  return {
    ...c,
    ageDays: Math.floor(ageDays(c, now)),
    daysLeft: Math.floor((Date.parse(c.deadlineAt) - now.getTime()) / DAY),
  };
}

export interface CaseFilter {
  readonly owner?: string;
  readonly severity?: Severity;
  readonly minAgeDays?: number;
}

/**
 * The not-yet-resolved cases (open, reopened, at risk) matching the filter, the nearest deadline
 * first (the policy's deadline may have changed between two openings, so not the opening order).
 */
export function openCases(cases: readonly ComplaintCase[], filter: CaseFilter, now: Date) {
  return cases
    .filter((c) => c.status !== 'resolved')
    .filter((c) => filter.owner === undefined || c.owner === filter.owner)
    .filter((c) => filter.severity === undefined || c.severity === filter.severity)
    .filter((c) => filter.minAgeDays === undefined || ageDays(c, now) >= filter.minAgeDays)
    .sort(
      (p, q) =>
        Date.parse(p.deadlineAt) - Date.parse(q.deadlineAt) || (p.caseId < q.caseId ? -1 : 1),
    )
    .map((c) => openCaseView(c, now));
}

const ageDays = (c: ComplaintCase, now: Date) => (now.getTime() - Date.parse(c.openedAt)) / DAY;
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;
const hoursToResolution = (c: ComplaintCase) =>
  hoursBetween(c.openedAt, c.resolvedAt ?? c.openedAt);
const atFirstContact = (c: ComplaintCase) => c.resolution?.firstContact === true;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function ageBucket(days: number): AgeBucket {
  if (days < 3) return '0-2';
  if (days < 8) return '3-7';
  if (days < 15) return '8-14';
  if (days < 22) return '15-21';
  if (days <= 30) return '22-30';
  return 'over-30';
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((p, q) => p - q);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 100) / 100;
}

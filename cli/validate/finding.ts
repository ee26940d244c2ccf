import type { Position } from './positions.ts';

/** One problem in one file, where it is and how to fix it. */
export interface Finding {
  readonly file: string;
  readonly at: Position;
  readonly message: string;
  readonly hint?: string;
  /** Warnings are printed but do not fail the run. @default 'error' */
  readonly severity?: 'error' | 'warning';
}

/** `file:line:column: message` then an indented `hint:` line: what editors and CI annotate. */
export function formatFinding(finding: Finding): string {
  const label = finding.severity === 'warning' ? 'warning: ' : '';
  const head = `${finding.file}:${finding.at.line}:${finding.at.col}: ${label}${finding.message}`;
  return finding.hint ? `${head}\n  hint: ${finding.hint}` : head;
}

/** The closest candidate within a few edits, for "did you mean" hints. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const limit = Math.max(2, Math.floor(value.length / 4));
  return best && best.distance <= limit ? best.candidate : undefined;
}

export function didYouMean(value: string, candidates: readonly string[]): string {
  const near = closest(value, candidates);
  return near ? `did you mean '${near}'? ` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

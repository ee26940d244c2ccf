import { createHash } from 'node:crypto';

/** What an execution remembers of one step, so a restarted runtime picks up where it stopped. */
export type StepEntry =
  /** The step ended with this result: a replay returns it without calling the function again. */
  | { readonly kind: 'done'; readonly result: unknown }
  /** A Wait (until `dueAt`) or a token task (waiting since `since`, timeouts count from there). */
  | { readonly kind: 'waiting'; readonly since: number; readonly dueAt?: number };

export type SaveStep = (key: string, entry: StepEntry) => Promise<void>;

/**
 * One execution's steps, kept in the local state table as they happen (executions.ts). A step is
 * keyed by its state, its input and how many times that state was called with that input in the
 * run; the key is what a replay finds again when the run's earlier steps gave the same results
 * (they do: replayed steps return their recorded results).
 */
export class ExecutionJournal {
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly entries: Map<string, StepEntry>,
    private readonly save: SaveStep,
  ) {}

  /**
   * The key of the step about to run. Every call counts, failed attempts too: a replay makes the
   * same calls in the same order, so a token task that timed out finds its entry (and times out
   * again at once) instead of lending its key to the next wait with the same parameters.
   */
  key(stateName: string, input: unknown): string {
    const base = `${stateName}#${createHash('sha1').update(canonical(input)).digest('hex')}`;
    const n = (this.calls.get(base) ?? 0) + 1;
    this.calls.set(base, n);
    return `${base}#${n}`;
  }

  get(key: string): StepEntry | undefined {
    return this.entries.get(key);
  }

  async waiting(key: string, entry: Omit<Extract<StepEntry, { kind: 'waiting' }>, 'kind'>) {
    const waiting: StepEntry = { kind: 'waiting', ...entry };
    this.entries.set(key, waiting);
    await this.save(key, waiting);
  }

  async done(key: string, result: unknown): Promise<void> {
    // A replayed step is already recorded.
    if (this.entries.get(key)?.kind === 'done') return;
    const done: StepEntry = { kind: 'done', result };
    this.entries.set(key, done);
    await this.save(key, done);
  }
}

/** JSON with sorted keys: an input read back from the table comes with its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

import { describe, expect, it } from 'vitest';
import { asOfInstant, tiersCommand } from '../../../cli/commands/tiers.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('rapport tiers', () => {
  it('prints P(alive) and expected purchases of CDNOW customers as of 1998-06-30', async () => {
    const { out, err, io: cli } = io();

    const code = await tiersCommand(
      ['predict', '--as-of', '1998-06-30', '--customer', '1', '--customer', '00004', '--json'],
      cli,
    );

    expect(code).toBe(0);
    expect(err).toEqual([]);
    const result = JSON.parse(out.join('\n'));
    expect(result.asOf).toBe('1998-07-01T00:00:00.000Z');
    expect(result.customers.map((c: { id: string }) => c.id)).toEqual(['00001', '00004']);
    for (const { state } of result.customers) {
      expect(state.metrics.pAlive).toBeGreaterThan(0);
      expect(state.metrics.pAlive).toBeLessThanOrEqual(1);
      expect(state.metrics.expectedPurchases).toBeGreaterThan(0);
    }
  });

  it('answers a missing customer with exit 1 and names it', async () => {
    const { err, io: cli } = io();

    expect(await tiersCommand(['predict', '--customer', 'nobody'], cli)).toBe(1);
    expect(err).toContain("no customer 'nobody' in the data");
  });

  it('shows its help, and exits 2 on a usage error', async () => {
    const help = io();
    expect(await tiersCommand(['--help'], help.io)).toBe(0);
    expect(help.out[0]).toMatch(/^Usage: rapport tiers/);
    const bad = io();
    expect(await tiersCommand(['predict'], bad.io)).toBe(2);
    expect(await tiersCommand(['frobnicate'], bad.io)).toBe(2);
    expect(() => asOfInstant('yesterday')).toThrow(/not a date/);
  });
});

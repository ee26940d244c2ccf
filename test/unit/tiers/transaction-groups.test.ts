import { describe, expect, it } from 'vitest';
import { transactionGroups } from '../../../functions/adapters/dynamodb/tiers/value-writer.ts';

const write = (events: number) => ({ events: Array.from({ length: events }, () => ({})) });

describe('grouping value writes into transactions', () => {
  it('keeps each customer and its events in one group of at most 100 actions', () => {
    // Prepare: 60 customers with no event and 30 with two (1 + 2 actions each)
    const writes = [
      ...Array.from({ length: 60 }, () => write(0)),
      ...Array.from({ length: 30 }, () => write(2)),
    ];

    // Act
    const groups = transactionGroups(writes);

    // Assess: 60 + 13 x 3 = 99 actions, then the remaining 17 customers (51 actions)
    const actions = groups.map((g) => g.reduce((n, w) => n + 1 + w.events.length, 0));
    expect(actions).toEqual([99, 51]);
    expect(groups.flat()).toEqual(writes);
  });

  it('answers no group for no writes', () => {
    expect(transactionGroups([])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { transactionGroups } from '../../../functions/adapters/dynamodb/tiers/value-writer.ts';

const write = (events: number) => ({ events: Array.from({ length: events }, () => ({})) });

/** A group's actions: its states, and an outbox item per ten of their events. */
const actions = (group: { events: unknown[] }[]) =>
  group.length + Math.ceil(group.reduce((n, w) => n + w.events.length, 0) / 10);

describe('grouping value writes into transactions', () => {
  it('fills a transaction with states and an outbox item per ten events, at most 100 actions', () => {
    // Prepare: 60 customers with no event, then 60 with two each
    const writes = [
      ...Array.from({ length: 60 }, () => write(0)),
      ...Array.from({ length: 60 }, () => write(2)),
    ];

    // Act
    const groups = transactionGroups(writes);

    // Assess: 60 + 33 customers (66 events: 7 outbox items) = 100 actions, then the other 27
    expect(groups.map((g) => g.length)).toEqual([93, 27]);
    expect(groups.map(actions)).toEqual([100, 27 + 6]);
    expect(groups.flat()).toEqual(writes);
  });

  it('puts 100 customers without events in one transaction', () => {
    const groups = transactionGroups(Array.from({ length: 250 }, () => write(0)));

    expect(groups.map((g) => g.length)).toEqual([100, 100, 50]);
  });

  it('answers no group for no writes', () => {
    expect(transactionGroups([])).toEqual([]);
  });
});

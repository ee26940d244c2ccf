/**
 * Runs `work` over the items with at most `limit` in flight. A chunk's customers are independent,
 * and each write is a network round trip: one at a time, a segment's throughput is one request's
 * latency; a few at once, it is DynamoDB's (or DynamoDB Local's) capacity.
 */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomerHistory, HistoryEvent } from '../../core/tiers/history.ts';
import type { Rft } from '../../core/tiers/model/bg-nbd.ts';
import type { SpendSummary } from '../../core/tiers/model/gamma-gamma.ts';

/** The CDNOW data set, read where it lies (../shared/data/cdnow from the repository root). */
export const DEFAULT_CDNOW_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'cdnow',
);

/** Published results (Fader, Hardie & Lee 2005), as the data set's README gives them. */
export const PUBLISHED = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
} as const;

/** `cdnow_customers_summary.csv`: x, t_x, T (weeks) of the 1/10 sample over 39 weeks. */
export function readCdnowSummary(dir = DEFAULT_CDNOW_DIR): (Rft & { id: string })[] {
  return csvRows(join(dir, 'cdnow_customers_summary.csv')).map(([id, x, tx, T]) => ({
    id: id ?? '',
    x: Number(x),
    tx: Number(tx),
    T: Number(T),
  }));
}

/** `..._with_transactions.csv`: the repeat customers' x and mean repeat spend (zbar). */
export function readCdnowSpend(dir = DEFAULT_CDNOW_DIR): SpendSummary[] {
  return csvRows(join(dir, 'cdnow_customers_summary_with_transactions.csv'))
    .map(([, x, , , zbar]) => ({ x: Number(x), mean: Number(zbar) }))
    .filter((row) => row.x > 0);
}

/**
 * `CDNOW_master.txt` as purchase histories: one purchase per row, at 00:00 UTC of its day (rows
 * of one customer and day are one purchase occasion to the metrics). Ids are kept as written.
 */
export function readCdnowMaster(dirOrFile = DEFAULT_CDNOW_DIR): CustomerHistory[] {
  const path = statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'CDNOW_master.txt') : dirOrFile;
  const byCustomer = new Map<string, HistoryEvent[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [id, date, , dollars] = line.trim().split(/\s+/);
    if (!id || !date || !/^\d{8}$/.test(date)) continue;
    const at = Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(4, 6)) - 1,
      Number(date.slice(6)),
    );
    const events = byCustomer.get(id) ?? [];
    events.push({ at, type: 'purchase', amount: Number(dollars) });
    byCustomer.set(id, events);
  }
  return [...byCustomer].map(([customerId, events]) => ({ customerId, events }));
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/**
 * Customer equity (seed 004, "valor patrimonial del cliente"): yearly sales T1 projected over N
 * years, each year's sales discounted to today at the end of that year. With no discount it is the
 * seed's T1 x N (T1 = 100, N = 5 gives 500).
 */
export function customerEquity(t1: number, years: number, discountRate = 0): number {
  if (discountRate === 0) return t1 * years;
  let total = 0;
  for (let year = 1; year <= years; year++) total += t1 / (1 + discountRate) ** year;
  return total;
}

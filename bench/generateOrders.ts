/**
 * Deterministic orders for benchmarks: heavy-tailed purchase counts and spend,
 * a few managers, Cyrillic and Latin names, customers who stop buying, returns.
 */
import { mulberry32 } from '../test/support/simulateCustomers';

const FIRST = ['Иван', 'Ольга', 'Петро', 'Марія', 'Anna', 'John', 'Олена', 'Сергей', 'Tom', 'Наталія'];
const LAST = ['Петров', 'Шевченко', 'Smith', 'Коваль', 'Brown', 'Иванова', 'Мельник', 'Lee'];
const MANAGERS = ['Алексей', 'Марина', 'Богдан', 'Kate', 'Олег'];

export interface GeneratedOrders {
  customers: unknown[][];
  dates: unknown[][];
  amounts: unknown[][];
  managers: unknown[][];
  /** The as-of date: the day after the last order. */
  asOf: Date;
}

/** About `rows` order rows, one customer per 8 rows on average, over three years up to 2024-12-31. */
export function generateOrders(rows: number, seed = 1, textValues = false): GeneratedOrders {
  const random = mulberry32(seed);
  const customers: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  const managers: unknown[][] = [];
  const end = Date.UTC(2024, 11, 31);
  const span = 3 * 365;
  let c = 0;
  while (customers.length < rows) {
    c++;
    const name = `${FIRST[c % FIRST.length]} ${LAST[(c * 7) % LAST.length]} ${c}`;
    const manager = MANAGERS[c % MANAGERS.length];
    // Pareto-like purchase counts: most buy once, a few buy very often.
    const count = Math.min(rows - customers.length, Math.max(1, Math.floor(1 / Math.pow(random() + 1e-9, 0.9))));
    const interval = 10 + random() * 120;
    let day = Math.floor(random() * span);
    const spend = 20 * Math.exp(random() * 3);
    for (let k = 0; k < count && day < span; k++) {
      const date = new Date(end - (span - day) * 86_400_000);
      const seasonal = 1 + 0.3 * Math.sin((date.getUTCMonth() / 12) * 2 * Math.PI);
      let amount = Math.round(spend * seasonal * (0.5 + random()) * 100) / 100;
      if (random() < 0.02) amount = -amount; // a return
      customers.push([name]);
      dates.push([textValues ? date.toISOString().slice(0, 10) : date]);
      amounts.push([textValues ? amount.toFixed(2).replace('.', ',') : amount]);
      managers.push([manager]);
      day += Math.max(1, Math.round(interval * (0.5 + random())));
    }
  }
  return { customers, dates, amounts, managers, asOf: new Date(end + 86_400_000) };
}

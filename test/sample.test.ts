// The bundled sample (examples/sample-orders.xlsx) is what a new user sees first:
// its figures must be those of a plausible small business, not of a broken product
// (issue 15). The bands are the benchmarks the sheets themselves show; the figures
// are the add-on's own, from the built bundle on the local runtime.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAST_DAY, FIRST_DAY, MANAGERS, sampleMeta, sampleMetaFile, sampleRows } from '../examples/make-sample';
import { sampleHeadlines, type SampleHeadlines } from '../examples/sample-figures';
import { main, sampleAsOf } from '../local/start';
import { projectRoot, SAMPLE_ORDERS, tempDir } from './support/runtime';

const DAY = 86_400_000;
/** The sample's own as-of date, from the metadata file beside it (what `npm start` reads). */
const AS_OF = sampleAsOf(sampleMetaFile(SAMPLE_ORDERS))!;
/** A day months after the sample's as-of date: its figures must not drift as today moves on. */
const LATER = new Date(Date.parse(AS_OF) + 200 * DAY).toISOString().slice(0, 10);

let figures: SampleHeadlines;
beforeAll(async () => {
  figures = await sampleHeadlines(SAMPLE_ORDERS, `${LATER}T09:00:00Z`);
}, 120_000);

describe('the sample covers three years, ending shortly before its own as-of date', () => {
  it('runs from FIRST_DAY to LAST_DAY, about 3 years, the last order within a week of the as-of date', () => {
    const span = (Date.parse(LAST_DAY) - Date.parse(FIRST_DAY)) / DAY;
    expect(span).toBeGreaterThan(3 * 365 - 7);
    expect(span).toBeLessThan(3 * 366);
    const gap = (Date.parse(AS_OF) - Date.parse(LAST_DAY)) / DAY;
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThanOrEqual(7);
  });

  it('records that date beside the sample as examples/make-sample.ts writes it', () => {
    expect(JSON.parse(readFileSync(sampleMetaFile(SAMPLE_ORDERS), 'utf8'))).toEqual(sampleMeta());
    expect(sampleMeta()).toMatchObject({ asOf: AS_OF, firstOrder: FIRST_DAY, lastOrder: LAST_DAY });
  });
});

describe('the figures are those of the sample’s own date, whatever the day they are computed', () => {
  it('months later they are the figures of a run on the as-of date itself', async () => {
    expect(figures.asOf).toBe(AS_OF);
    const onTheDay = await sampleHeadlines(SAMPLE_ORDERS, `${AS_OF}T09:00:00Z`);
    expect(figures).toEqual(onTheDay);
  }, 120_000);
});

describe('yearly lost ratio: in the common 20-40% band', () => {
  it('is the Lost customers sheet’s total over the 365 days before the as-of date', () => {
    expect(figures.lostRatio).toBeCloseTo(figures.lost / figures.atStart, 12);
    expect(figures.lostRatio).toBeGreaterThanOrEqual(0.2);
    expect(figures.lostRatio).toBeLessThanOrEqual(0.4);
  });
});

describe('repeat sales share: 25-45% of revenue', () => {
  it('is on the Lifecycle matrix', () => {
    expect(figures.repeatShare).toBeGreaterThanOrEqual(0.25);
    expect(figures.repeatShare).toBeLessThanOrEqual(0.45);
  });
});

describe('Active base: near 30% of all customers', () => {
  it('is between 25% and 35%', () => {
    expect(figures.activeShare).toBeGreaterThanOrEqual(0.25);
    expect(figures.activeShare).toBeLessThanOrEqual(0.35);
  });
});

describe('model check: predicted within ±20% of the actual holdout purchases', () => {
  it('at the default split (the 26 weeks up to the last order)', () => {
    expect(figures.modelCheck.actual).toBeGreaterThan(100);
    expect(Math.abs(figures.modelCheck.error)).toBeLessThanOrEqual(0.2);
    expect(figures.summaries.modelCheck).toMatch(/ in 26 weeks; /);
  });
});

describe('rhythms: several customers per manager, no usual interval of a few days', () => {
  const { rows } = sampleRows();
  /** Each customer's distinct purchase days (readable dates, positive amounts). */
  const purchaseDays = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!(row[0] instanceof Date) || typeof row[2] !== 'number' || row[2] <= 0) continue;
    const name = String(row[1]);
    let days = purchaseDays.get(name);
    if (!days) purchaseDays.set(name, (days = new Set()));
    days.add(row[0].getTime() / DAY);
  }

  it('gives each of the 5 managers more than a hundred customers', () => {
    const customersOf = new Map<string, Set<string>>(MANAGERS.map((m) => [m, new Set<string>()]));
    for (const row of rows) if (row.length) customersOf.get(String(row[4]))!.add(String(row[1]));
    for (const [manager, customers] of customersOf) expect(customers.size, manager).toBeGreaterThan(100);
  });

  it('has no customer whose usual interval (median gap between purchase days) is under a week', () => {
    const usual: number[] = [];
    for (const days of purchaseDays.values()) {
      const sorted = [...days].sort((a, b) => a - b);
      if (sorted.length < 3) continue;
      const gaps = sorted
        .slice(1)
        .map((d, i) => d - sorted[i])
        .sort((a, b) => a - b);
      const mid = gaps.length >> 1;
      usual.push(gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2);
    }
    expect(usual.length).toBeGreaterThan(500);
    expect(Math.min(...usual)).toBeGreaterThanOrEqual(7);
  });
});

describe('the README quotes the sample as a fresh run prints it, on any later day', () => {
  it('every line of its `--no-serve` example is in the output of a run months later (timings aside)', async () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const block = /```text\n(read examples\/sample-orders\.xlsx[\s\S]*?)```/.exec(readme);
    expect(block, 'the --no-serve example in README.md').not.toBeNull();
    // The example is as of the sample's own date, and says so.
    expect(block![1]).toContain(`as of ${AS_OF} (the sample's date; --as-of to change):`);
    const lines: string[] = [];
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    await main(['--no-serve', '--out', path.join(tempDir('readme-'), 'report.xlsx'), '--now', `${LATER}T09:00:00Z`], io);
    const timeless = (line: string) => line.replace(/\d+ ms/g, 'N ms').replace(/in [\d.]+ s\./, 'in N s.');
    const printed = new Set(lines.flatMap((l) => l.split('\n')).map(timeless));
    const quoted = block![1].split('\n').filter((l) => l !== '' && l.trim() !== '...' && !l.startsWith('wrote '));
    expect(quoted.length).toBeGreaterThan(10);
    for (const line of quoted) expect(printed, line).toContain(timeless(line));
  }, 120_000);
});

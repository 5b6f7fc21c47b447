/**
 * `npm start` on the bundled sample shows it as of the sample's own date (recorded
 * beside it by examples/make-sample.ts), so that its figures and the README's stay the
 * same as today moves on; own files keep today as the default; --as-of and --now
 * still decide. Runs the built bundle (dist/Code.js).
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleMetaFile } from '../examples/make-sample';
import { main, SAMPLE, SAMPLE_AS_OF_MARK, sampleAsOf, sampleAsOfNote } from '../local/start';
import type { Runtime } from '../local/runtime';
import { tempDir } from './support/runtime';

const DAY = 86_400_000;
const AS_OF = sampleAsOf(sampleMetaFile(SAMPLE))!;
const isoPlus = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
/** Months after the sample's date. */
const LATER = isoPlus(AS_OF, 150);

async function start(args: string[], out = path.join(tempDir('asof-'), 'out', 'report.xlsx')) {
  const lines: string[] = [];
  const result = await main(['--out', out, ...args], { log: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { result, out, text: lines.join('\n') };
}

/** The As-of date saved with the settings; null when none (or nothing saved at all). */
function savedAsOf(rt: Runtime): unknown {
  const text = rt.properties.document['repeatSales.settings'];
  return text === undefined ? null : (JSON.parse(text) as { reports: { asOf: unknown } }).reports.asOf;
}

describe('the bundled sample: as of its own date by default', () => {
  it('months later, --no-serve reads and builds as of the sample’s date and says so', async () => {
    const { result, text } = await start(['--no-serve', '--now', `${LATER}T09:00:00Z`]);
    expect(result.exitCode).toBe(0);
    expect(text).toContain(`orders sheet "Orders", as of ${AS_OF} (the sample's date; --as-of to change):`);
    expect(text).toContain(`as-of date: ${AS_OF}, the sample's date (examples/sample-orders.json); --as-of to change`);
    expect(text).not.toContain(LATER);
    expect(savedAsOf(result.runtime!)).toBe(AS_OF);
  }, 120_000);

  it('served, the bar above the workbook says it too', async () => {
    const { result } = await start(['--port', '0', '--now', `${LATER}T09:00:00Z`]);
    try {
      const state = (await (await fetch(`${result.server!.url}state`)).json()) as { asOfNote: string | null };
      expect(state.asOfNote).toBe(`as of ${AS_OF}, the sample's date; --as-of to change`);
      expect(sampleAsOfNote(result.runtime!)).toBe(state.asOfNote);
    } finally {
      await result.server!.close();
    }
  }, 120_000);

  it('--as-of overrides it, and the note goes', async () => {
    const day = isoPlus(AS_OF, 10);
    const { result, text } = await start(['--no-serve', '--now', `${LATER}T09:00:00Z`, '--as-of', day]);
    expect(text).toContain(`orders sheet "Orders", as of ${day}:`);
    expect(savedAsOf(result.runtime!)).toBe(day);
    expect(sampleAsOfNote(result.runtime!)).toBeNull();
  }, 120_000);

  it('a clock (--now) before the sample’s date: today, as the sidebar refuses a date after today', async () => {
    const today = isoPlus(AS_OF, -1);
    const { result, text } = await start(['--no-serve', '--now', `${today}T09:00:00Z`]);
    expect(text).toContain(`orders sheet "Orders", as of ${today} (today; set another with --as-of):`);
    expect(savedAsOf(result.runtime!)).toBeNull();
  }, 120_000);
});

describe('own files keep today as the default', () => {
  it('a copy of the sample elsewhere is an own file: as of today', async () => {
    const own = path.join(tempDir('own-'), 'orders.xlsx');
    copyFileSync(SAMPLE, own);
    const { result, text } = await start(['--no-serve', '--orders', own, '--now', `${LATER}T09:00:00Z`]);
    expect(text).toContain(`orders sheet "Orders", as of ${LATER} (today; set another with --as-of):`);
    expect(result.runtime!.properties.document[SAMPLE_AS_OF_MARK]).toBeUndefined();
  }, 120_000);

  it('after the sample with the same --out, the sample’s saved date is cleared, a date the user saved is kept', async () => {
    const own = path.join(tempDir('own-'), 'orders.xlsx');
    copyFileSync(SAMPLE, own);
    const now = ['--now', `${LATER}T09:00:00Z`];
    const first = await start(['--no-serve', ...now]);
    const second = await start(['--no-serve', '--orders', own, ...now], first.out);
    expect(second.text).toContain(`as-of date: today (${AS_OF} was the bundled sample's date)`);
    expect(second.text).toContain(`as of ${LATER} (today; set another with --as-of):`);
    expect(savedAsOf(second.result.runtime!)).toBeNull();

    const chosen = isoPlus(AS_OF, 5);
    await start(['--no-serve', '--as-of', chosen, ...now], first.out);
    const fourth = await start(['--no-serve', '--orders', own, ...now], first.out);
    expect(fourth.text).toContain(`as of ${chosen}:`);
    expect(savedAsOf(fourth.result.runtime!)).toBe(chosen);
  }, 240_000);
});

/**
 * The sample's headline figures as the add-on shows them: the built bundle
 * (dist/Code.js, `npm run build` first) on the local runtime, every report
 * rebuilt, then the model check with its default split, as of the sample's own date
 * (examples/sample-orders.json, as `npm start` shows it) whatever the day it runs.
 *
 *   node --import tsx examples/sample-figures.ts [orders.xlsx] [--now 2027-03-01T09:00:00Z] [--as-of 2026-11-23]
 *
 * What the figures should be (a plausible small business): examples/README.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SaveResult, SidebarState } from '../src/addon/api';
import { createRuntime } from '../local/runtime';
import { sampleAsOf } from '../local/start';
import { SAMPLE_FILE, sampleMetaFile } from './make-sample';

export interface SampleHeadlines {
  /** The as-of date of the figures. */
  asOf: string;
  rows: number;
  customers: number;
  activeShare: number;
  repeatShare: number;
  lostRatio: number;
  atStart: number;
  lost: number;
  modelCheck: { predicted: number; actual: number; error: number };
  /** Each report's one-line summary, as the sidebar shows it. */
  summaries: Record<string, string>;
}

/** The value beside the first cell that reads `label`. */
function valueOf(rows: unknown[][], label: string): unknown {
  for (const row of rows) {
    const at = row.indexOf(label);
    if (at >= 0) return row[at + 1];
  }
  throw new Error(`no cell "${label}"`);
}

/**
 * The headlines of `file` as of `asOf` (default: the date in the metadata file beside it,
 * else today) with the runtime's clock at `now` (default: the real time).
 */
export async function sampleHeadlines(
  file = SAMPLE_FILE,
  now?: string,
  asOf: string | null = sampleAsOf(sampleMetaFile(file)),
): Promise<SampleHeadlines> {
  const rt = await createRuntime({ workbook: file, now });
  rt.call('onOpen', { authMode: 'FULL' });
  const state = rt.callJson('sidebarLoad') as SidebarState;
  if (asOf !== null) {
    const saved = rt.callJson('sidebarSaveSettings', { ...state.settings, asOf }) as SaveResult;
    if (Object.keys(saved.errors).length) throw new Error(`as of ${asOf}: ${Object.values(saved.errors).join('; ')}`);
  }
  const summaries: Record<string, string> = {};
  for (const kind of ['matrix', 'lost', 'funnel', 'modelCheck']) {
    const result = rt.callJson('sidebarBuild', { kind }) as { summary: string };
    summaries[kind] = result.summary;
  }
  const matrix = rt.readSheet('Lifecycle matrix');
  const lost = rt.readSheet('Lost customers');
  const total = lost.find((r) => r[0] === 'Total');
  if (!total) throw new Error('no Total row on Lost customers');
  const model = rt.readSheet('Model check');
  const all = model.find((r) => r[0] === 'All customers');
  if (!all) throw new Error('no All customers row on Model check');
  const [actual, predicted] = [Number(all[1]), Number(all[2])];
  return {
    asOf: asOf ?? state.today,
    rows: rt.readSheet('Orders').length - 1,
    customers: Number(matrix.find((r) => r[0] === 'Total')?.[4]),
    activeShare: Number(valueOf(matrix, 'Share of the Active base')),
    repeatShare: Number(valueOf(matrix, 'Repeat sales share')),
    atStart: Number(total[1]),
    lost: Number(total[2]),
    lostRatio: Number(total[3]),
    modelCheck: { predicted, actual, error: predicted / actual - 1 },
    summaries,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { now: { type: 'string' }, 'as-of': { type: 'string' } } });
  const file = positionals[0] ?? SAMPLE_FILE;
  sampleHeadlines(file, values.now, values['as-of'] ?? sampleAsOf(sampleMetaFile(file))).then(
    (h) => console.log(JSON.stringify(h, null, 2)),
    (e: unknown) => {
      console.error(`sample-figures: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}

/**
 * Chromium for the browser tests: Debian's `chromium` driven by playwright-core.
 *
 *   const browser = await launchChromium();
 *
 * When /usr/bin/chromium (or $CHROMIUM_PATH) is missing it is installed with
 * apt-get if the tests run as root on a machine that has apt-get (as `.ci/run`
 * does); otherwise the launch fails with the command to run. The browser tests
 * never skip silently: a missing browser is a failure, on CI and off it.
 *
 * End to end: `serveSample()` copies examples/sample-orders.xlsx into a temporary
 * folder and serves the built add-on over it (local/server.ts, as `npm start`
 * does); `openSidebar()` opens the served sidebar in a 300 px page.
 *
 * Screenshots: `shot()` writes into test-output/ (gitignored) on every run;
 * `docImage()` writes docs/images/*.png, the README's pictures, only when
 * UPDATE_SCREENSHOTS=1, so an ordinary run (and CI) never changes the tree.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type DevServer } from '../../local/server';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../local/runtime';
import { expect } from 'vitest';
import { defaultSettings } from '../../src/addon/settings';
import { projectRoot } from './loadBundle';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

/** Scratch screenshots of the browser tests (gitignored). */
export const OUTPUT_DIR = path.join(projectRoot, 'test-output');
export const DOC_IMAGES = path.join(projectRoot, 'docs', 'images');
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure the browser is there: installs it when allowed, else throws with the command to run. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && CHROMIUM === '/usr/bin/chromium' && onPath('apt-get')) {
    const apt = (args: string[]) =>
      execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
    try {
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}, which is missing. Install it with:\n\n    ${INSTALL_COMMAND}\n\n` +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Collects page errors and unexpected dialogs, so a test can assert there were none. */
/** Clicks a sidebar report button and waits until its result slot shows the outcome (a result or an error). */
export async function buildFromSidebar(page: Page, button: string, slot: string): Promise<void> {
  await page.click(button);
  await page.waitForFunction((s) => {
    const box = document.querySelector(s);
    return !!box && !box.querySelector('.progress') && !!box.querySelector('.result, .error');
  }, slot);
}

export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

/** A screenshot into test-output/<name>.png (always; the folder is gitignored). */
export async function shot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: 'disabled' });
  else await target.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** Report settings a README picture may show away from their defaults: where the orders are, and the test's as-of date. */
const FREE_SETTINGS: ReadonlySet<string> = new Set(['ordersSheet', 'mapping', 'asOf']);

/**
 * The README's pictures show the sample as a new user first sees it: every report
 * setting at its default (a picture of the matrix taken after a test saved bands of 45
 * days showed "Active 0-45 days" while the defaults are 60). Checked on every run, so an
 * ordinary run fails before a wrong picture can be written.
 */
export function expectDefaultSettings(runtime: Runtime, name: string): void {
  const text = runtime.properties.document['repeatSales.settings'];
  if (!text) return;
  const { reports } = JSON.parse(text) as { reports: Record<string, unknown> };
  for (const [key, value] of Object.entries(defaultSettings()))
    if (!FREE_SETTINGS.has(key)) expect(reports[key], `${name}.png is taken with the setting ${key} changed`).toEqual(value);
}

/**
 * A README picture, docs/images/<name>.png, written only when UPDATE_SCREENSHOTS=1; returns the path or null.
 * `runtime` is the served sample's: its settings must be the defaults (expectDefaultSettings), on every run.
 */
export async function docImage(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean; runtime: Runtime },
): Promise<string | null> {
  expectDefaultSettings(options.runtime, name);
  if (!UPDATE_SCREENSHOTS) return null;
  mkdirSync(DOC_IMAGES, { recursive: true });
  const file = path.join(DOC_IMAGES, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled' });
  else await target.screenshot({ path: file, animations: 'disabled' });
  return file;
}

export const SAMPLE_ORDERS = path.join(projectRoot, 'examples', 'sample-orders.xlsx');

export interface ServedSample {
  runtime: Runtime;
  server: DevServer;
  /** The temporary folder: the orders copy, report.xlsx (rewritten after each change) and outbox/. */
  dir: string;
  orders: string;
  out: string;
  outbox: string;
  close(): Promise<void>;
}

/**
 * The built add-on (dist/Code.js) over a copy of the sample, served like `npm start`:
 * opened as Sheets opens it (`onOpen`), with its sidebar shown (`showSidebar`).
 */
export async function serveSample(options: Omit<RuntimeOptions, 'workbook' | 'outbox'> = {}): Promise<ServedSample> {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-'));
  const orders = path.join(dir, 'sample-orders.xlsx');
  copyFileSync(SAMPLE_ORDERS, orders);
  const outbox = path.join(dir, 'outbox');
  const out = path.join(dir, 'report.xlsx');
  const runtime = await createRuntime({ ...options, workbook: orders, outbox });
  runtime.call('onOpen', { authMode: 'FULL' });
  runtime.call('showSidebar');
  const server = await startServer(runtime, { port: 0, out });
  return {
    runtime,
    server,
    dir,
    orders,
    out,
    outbox,
    async close() {
      await server.close();
      await server.flushed();
      if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The served sidebar in a 300 px page, once its sections (the weekly e-mails too) have loaded. */
export async function openSidebar(browser: Browser, served: ServedSample, height = 900): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height }, timezoneId: 'Europe/London', locale: 'en-US' });
  const errors = watchErrors(page);
  await page.goto(`${served.server.url}sidebar`);
  await page.waitForSelector('#build-matrix');
  await page.waitForSelector('#schedule-on');
  return { page, errors };
}

/**
 * The dev server: the workbook on the left (tabs, grid with formats, charts as
 * simple drawings), the add-on's menu above it, and the real sidebar
 * (dist/Sidebar.html, or whatever the add-on last showed) on the right in a
 * 300px frame, talking to the runtime through a `google.script.run` shim.
 *
 *   GET  /             the page
 *   GET  /sidebar      the sidebar HTML with the shim injected
 *   GET  /state        JSON: version, sheet names, menus, last toast/alert
 *   GET  /grid?sheet=N one sheet as an HTML table (every text escaped)
 *   GET  /version      JSON: { version } (changes when the workbook does)
 *   POST /rpc/NAME     body: JSON array of arguments; runs the global NAME
 *
 * After each call that changed the workbook, the output .xlsx is written again.
 * Only 127.0.0.1 is served.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceNote } from './encoding';
import { type ChartModel, cellAt, conditionalBackground, DEFAULT_COLUMN_WIDTH, lastColumn, lastRow, type SheetModel } from './model';
import { displayText } from './numberFormat';
import type { Runtime } from './runtime';
import { type MenuEntry } from './ui';
import { a1Of, columnLetter, type Stored, WallTime } from './values';

export interface ServerOptions {
  /** Port to try first; the next ones (then any free one) when it is taken. Default 8080. */
  port?: number;
  /** Rewrite this .xlsx after each call that changes the workbook. */
  out?: string | null;
  /** The sidebar file when the add-on has shown none; default Sidebar.html beside the bundle. */
  sidebarFile?: string;
  /** Rows of a sheet drawn at most. */
  maxRows?: number;
  log?: (line: string) => void;
  /** A note for the bar above the workbook, asked on each refresh (npm start: the bundled sample's as-of date). */
  note?: () => string | null;
}

export interface DevServer {
  url: string;
  port: number;
  /** Resolves when the last requested .xlsx write is done. */
  flushed(): Promise<void>;
  close(): Promise<void>;
}

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** Only #rrggbb goes into a style attribute. */
function safeColor(color: string | undefined | null): string | null {
  return color && /^#[0-9a-f]{6}$/i.test(color) ? color : null;
}

/** The `google.script.run` and `google.script.host` of Apps Script's HTML service, over fetch. */
export const SHIM = `<script>
(function () {
  function runner(success, failure, user) {
    var api = {
      withSuccessHandler: function (f) { return runner(f, failure, user); },
      withFailureHandler: function (f) { return runner(success, f, user); },
      withUserObject: function (u) { return runner(success, failure, u); }
    };
    return new Proxy(api, {
      get: function (target, name) {
        if (name in target) return target[name];
        if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res.ok) { if (success) success(res.result, user); }
              else {
                var e = new Error(res.error);
                e.name = res.name || 'Error';
                if (failure) failure(e, user); else console.error('google.script.run.' + name + ' failed:', e);
              }
              if (window.parent !== window) window.parent.postMessage({ type: 'rpc-done', name: name, changed: !!res.changed }, '*');
            }, function (err) {
              var e = new Error('Network error: ' + (err && err.message || err));
              if (failure) failure(e, user); else console.error(e);
            });
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      origin: location.origin,
      close: function () { if (window.parent !== window) window.parent.postMessage({ type: 'close' }, '*'); },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () {} }
    },
    url: { getLocation: function (cb) { cb({ hash: '', parameter: {}, parameters: {} }); } }
  };
})();
</script>`;

/** The sidebar HTML with the shim as the first script, so the add-on's own scripts find `google.script`. */
export function injectShim(html: string): string {
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}\n${SHIM}`);
  return `${SHIM}\n${html}`;
}

// ------------------------------------------------------------------ the grid

function cellStyle(sheet: SheetModel, r: number, c: number): string {
  const cell = cellAt(sheet, r, c);
  const css: string[] = [];
  const bg = safeColor(conditionalBackground(sheet, r, c) ?? cell?.background);
  if (bg) css.push(`background:${bg}`);
  const fg = safeColor(cell?.fontColor);
  if (fg) css.push(`color:${fg}`);
  if (cell?.bold) css.push('font-weight:bold');
  if (cell?.italic) css.push('font-style:italic');
  if (cell?.fontSize && Number.isFinite(cell.fontSize)) css.push(`font-size:${Math.round(cell.fontSize * 1.33)}px`);
  const v: Stored = cell?.v ?? '';
  const align = cell?.align ?? (typeof v === 'number' || v instanceof WallTime ? 'right' : typeof v === 'boolean' ? 'center' : null);
  if (align) css.push(`text-align:${align}`);
  if (cell?.wrap) css.push('white-space:pre-wrap');
  const b = cell?.border;
  if (b?.top) css.push('border-top:1px solid #000');
  if (b?.bottom) css.push('border-bottom:1px solid #000');
  if (b?.left) css.push('border-left:1px solid #000');
  if (b?.right) css.push('border-right:1px solid #000');
  return css.length ? ` style="${css.join(';')}"` : '';
}

/** One sheet as an HTML table: column letters, row numbers, merged cells, formatted values. */
export function renderGrid(sheet: SheetModel, locale: string, maxRows = 1000): string {
  const rows = Math.max(lastRow(sheet), sheet.frozenRows, 1);
  const cols = Math.max(lastColumn(sheet), 1);
  const shown = Math.min(rows, maxRows);
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges) {
    spans.set(`${m.row},${m.col}`, { rows: m.rows, cols: m.cols });
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
  }
  const out: string[] = ['<table class="grid"><colgroup><col class="rowhead">'];
  for (let c = 1; c <= cols; c++)
    out.push(`<col style="width:${Math.max(20, Math.min(800, sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH))}px">`);
  out.push('</colgroup><thead><tr><th></th>');
  for (let c = 1; c <= cols; c++) out.push(`<th>${columnLetter(c)}</th>`);
  out.push('</tr></thead><tbody>');
  for (let r = 1; r <= shown; r++) {
    out.push(`<tr${r <= sheet.frozenRows ? ' class="frozen"' : ''}><th>${r}</th>`);
    for (let c = 1; c <= cols; c++) {
      const key = `${r},${c}`;
      if (covered.has(key)) continue;
      const span = spans.get(key);
      const cell = cellAt(sheet, r, c);
      const text = cell ? displayText(cell.v, cell.numberFormat, locale) : '';
      const attrs = span ? `${span.rows > 1 ? ` rowspan="${span.rows}"` : ''}${span.cols > 1 ? ` colspan="${span.cols}"` : ''}` : '';
      const title = cell?.f ? ` title="${escapeHtml(cell.f)}"` : '';
      out.push(
        `<td${attrs}${title}${cellStyle(sheet, r, c)}${c <= sheet.frozenCols ? ' class="frozen-col"' : ''}>${escapeHtml(text)}</td>`,
      );
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  if (rows > shown) out.push(`<p class="more">… ${rows - shown} more rows (${rows} in all)</p>`);
  return out.join('');
}

/** A chart drawn plainly from its first data range: first column categories, first row series names. */
export function renderChart(sheet: SheetModel, chart: ChartModel, locale: string): string {
  const title = String(chart.options.title ?? '');
  const area = chart.ranges[0];
  const head = `<figure class="chart"><figcaption>${escapeHtml(title || 'Chart')} <small>${escapeHtml(chart.type.toLowerCase())}, data ${escapeHtml(chart.ranges.map(a1Of).join(', '))}, at ${escapeHtml(a1Of({ row: chart.anchor.row, col: chart.anchor.col, rows: 1, cols: 1 }))}</small></figcaption>`;
  if (!area || area.rows < 2 || area.cols < 2) return `${head}</figure>`;
  const value = (r: number, c: number) => cellAt(sheet, r, c)?.v ?? '';
  const categories: string[] = [];
  const series: { name: string; values: number[] }[] = [];
  for (let c = area.col + 1; c < area.col + area.cols; c++)
    series.push({ name: displayText(value(area.row, c), undefined, locale), values: [] });
  for (let r = area.row + 1; r < area.row + area.rows; r++) {
    categories.push(displayText(value(r, area.col), cellAt(sheet, r, area.col)?.numberFormat, locale));
    series.forEach((s, i) => {
      const v = value(r, area.col + 1 + i);
      s.values.push(typeof v === 'number' ? v : 0);
    });
  }
  const W = 480;
  const H = 220;
  const colors = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1'];
  const parts: string[] = [];
  if (chart.type === 'PIE') {
    const vals = series[0].values.map((v) => Math.max(0, v));
    const total = vals.reduce((a, b) => a + b, 0) || 1;
    let angle = -Math.PI / 2;
    vals.forEach((v, i) => {
      const next = angle + (v / total) * 2 * Math.PI;
      const [x1, y1, x2, y2] = [
        110 + 100 * Math.cos(angle),
        110 + 100 * Math.sin(angle),
        110 + 100 * Math.cos(next),
        110 + 100 * Math.sin(next),
      ];
      parts.push(
        `<path d="M110,110 L${x1.toFixed(1)},${y1.toFixed(1)} A100,100 0 ${next - angle > Math.PI ? 1 : 0} 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z" fill="${colors[i % colors.length]}"><title>${escapeHtml(categories[i])}: ${v}</title></path>`,
      );
      parts.push(`<text x="240" y="${20 + i * 16}" font-size="11" fill="${colors[i % colors.length]}">${escapeHtml(categories[i])}</text>`);
      angle = next;
    });
  } else {
    const all = series.flatMap((s) => s.values);
    const max = Math.max(0, ...all);
    const min = Math.min(0, ...all);
    const span = max - min || 1;
    const n = categories.length;
    const horizontal = chart.type === 'BAR';
    const y = (v: number) => (H - 20) * (1 - (v - min) / span) + 10;
    const x = (v: number) => 40 + ((W - 50) * (v - min)) / span;
    series.forEach((s, si) => {
      const color = colors[si % colors.length];
      if (chart.type === 'LINE' || chart.type === 'AREA') {
        const points = s.values.map((v, i) => `${(40 + ((W - 50) * (i + 0.5)) / n).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
        parts.push(
          `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"><title>${escapeHtml(s.name)}</title></polyline>`,
        );
      } else {
        s.values.forEach((v, i) => {
          const band = horizontal ? (H - 20) / n : (W - 50) / n;
          const w = (band * 0.8) / series.length;
          const off = band * 0.1 + si * w;
          const tip = `<title>${escapeHtml(categories[i])} / ${escapeHtml(s.name)}: ${v}</title>`;
          if (horizontal)
            parts.push(
              `<rect x="${Math.min(x(0), x(v)).toFixed(1)}" y="${(10 + i * band + off).toFixed(1)}" width="${Math.abs(x(v) - x(0)).toFixed(1)}" height="${w.toFixed(1)}" fill="${color}">${tip}</rect>`,
            );
          else
            parts.push(
              `<rect x="${(40 + i * band + off).toFixed(1)}" y="${Math.min(y(0), y(v)).toFixed(1)}" width="${w.toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}" fill="${color}">${tip}</rect>`,
            );
        });
      }
    });
    parts.push(`<text x="2" y="14" font-size="10">${escapeHtml(displayText(max, '#,##0', locale))}</text>`);
  }
  return `${head}<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img">${parts.join('')}</svg></figure>`;
}

// ------------------------------------------------------------------ the page

const PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Repeat sales — local</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px Roboto, Arial, sans-serif; color: #202124; display: flex; height: 100vh; }
  #left { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #bar { padding: 6px 10px; border-bottom: 1px solid #dadce0; background: #f8f9fa; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  #bar .title { font-weight: 500; margin-right: 12px; }
  #bar button { font: inherit; border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 3px 8px; cursor: pointer; }
  #bar .menu { position: relative; }
  #bar .menu > .items { display: none; position: absolute; top: 100%; left: 0; background: #fff; border: 1px solid #dadce0; box-shadow: 0 2px 6px rgba(0,0,0,.2); z-index: 10; min-width: 220px; }
  #bar .menu:hover > .items, #bar .menu:focus-within > .items { display: block; }
  #bar .items button { display: block; width: 100%; text-align: left; border: 0; border-radius: 0; padding: 6px 12px; }
  #bar .items button:hover { background: #e8f0fe; }
  #bar .items hr { margin: 2px 0; border: 0; border-top: 1px solid #dadce0; }
  #bar .items .sub { padding: 4px 12px; color: #5f6368; font-size: 11px; }
  #note { margin-left: auto; color: #5f6368; }
  #grid { flex: 1; overflow: auto; }
  #tabs { border-top: 1px solid #dadce0; background: #f1f3f4; padding: 0 6px; white-space: nowrap; overflow-x: auto; }
  #tabs button { font: inherit; border: 0; background: none; padding: 6px 12px; cursor: pointer; border-bottom: 3px solid transparent; }
  #tabs button.active { background: #fff; color: #188038; border-bottom-color: var(--tab, #188038); font-weight: 500; }
  table.grid { border-collapse: collapse; table-layout: fixed; width: max-content; }
  table.grid td, table.grid th { border: 1px solid #e2e3e3; padding: 2px 4px; height: 21px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  table.grid th { background: #f8f9fa; color: #5f6368; font-weight: normal; font-size: 11px; position: sticky; }
  table.grid thead th { top: 0; z-index: 2; }
  table.grid tbody th { left: 0; z-index: 1; }
  table.grid col.rowhead { width: 46px; }
  table.grid tr.frozen td { border-bottom-color: #bdc1c6; }
  .more { color: #5f6368; padding: 6px; }
  .chart { margin: 12px; display: inline-block; border: 1px solid #dadce0; padding: 8px; }
  .chart figcaption { font-weight: 500; margin-bottom: 6px; }
  .chart small { color: #5f6368; font-weight: normal; }
  #right { width: 300px; border-left: 1px solid #dadce0; display: flex; flex-direction: column; }
  #right header { padding: 8px 12px; border-bottom: 1px solid #dadce0; display: flex; justify-content: space-between; }
  #right iframe { border: 0; width: 300px; flex: 1; }
  #closed { padding: 12px; color: #5f6368; display: none; }
  #dialog { position: fixed; inset: 0; z-index: 30; background: rgba(0,0,0,.32); display: none; align-items: center; justify-content: center; }
  #dialog .box { background: #fff; border-radius: 8px; padding: 20px 24px; max-width: 520px; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
  #dialog h2 { font-size: 18px; font-weight: 500; margin: 0 0 12px; }
  #dialog p { white-space: pre-wrap; margin: 0 0 16px; }
  #source, #asof-note { margin-left: 12px; color: #5f6368; font-size: 12px; }
  #toast { position: fixed; z-index: 20; bottom: 40px; left: 60px; background: #323232; color: #fff; padding: 10px 16px; border-radius: 4px; display: none; max-width: 50vw; }
</style>
</head>
<body>
<div id="left">
  <div id="bar"><span class="title" id="docname"></span><span id="menus"></span><span id="note"></span><span id="source"></span><span id="asof-note"></span></div>
  <div id="grid"></div>
  <div id="tabs"></div>
</div>
<div id="right">
  <header><span id="sidebar-title">Sidebar</span><button id="close" title="Close">×</button></header>
  <iframe id="sidebar" src="/sidebar"></iframe>
  <div id="closed">Sidebar closed. <button id="reopen">Open again</button></div>
</div>
<div id="toast"></div>
<div id="dialog" role="dialog" aria-modal="true"><div class="box"><h2 id="dialog-title"></h2><p id="dialog-text"></p><button id="dialog-ok">OK</button></div></div>
<script>
(function () {
  var current = 0, version = -1, sidebarVersion = -1, toastSeen = 0, activeSeen = -1, alertSeen = -1;
  function $(id) { return document.getElementById(id); }
  function showSidebar(show) {
    $('sidebar').style.display = show ? '' : 'none';
    $('closed').style.display = show ? 'none' : 'block';
  }
  function grid() {
    fetch('/grid?sheet=' + current).then(function (r) { return r.text(); }).then(function (html) { $('grid').innerHTML = html; });
  }
  function run(fn) {
    $('note').textContent = 'Running ' + fn + '…';
    fetch('/rpc/' + encodeURIComponent(fn), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })
      .then(function (r) { return r.json(); })
      .then(function (res) { $('note').textContent = res.ok ? fn + ' done' : fn + ' failed: ' + res.error; refresh(); });
  }
  function menuItems(items, box) {
    items.forEach(function (item) {
      if (item.separator) { box.appendChild(document.createElement('hr')); return; }
      if (item.items) {
        var sub = document.createElement('div'); sub.className = 'sub'; sub.textContent = item.caption; box.appendChild(sub);
        menuItems(item.items, box); return;
      }
      var b = document.createElement('button'); b.textContent = item.caption;
      b.onclick = function () { run(item.functionName); };
      box.appendChild(b);
    });
  }
  function render(state) {
    $('docname').textContent = state.name;
    var menus = $('menus'); menus.textContent = '';
    state.menus.forEach(function (m) {
      var wrap = document.createElement('span'); wrap.className = 'menu';
      var b = document.createElement('button'); b.textContent = (m.addon ? 'Extensions ▸ Add-on' : m.caption) + ' ▾';
      var items = document.createElement('div'); items.className = 'items';
      menuItems(m.items, items);
      wrap.appendChild(b); wrap.appendChild(items); menus.appendChild(wrap);
    });
    var tabs = $('tabs'); tabs.textContent = '';
    // The add-on brought a sheet to the front (setActiveSheet/activate): show it, as Sheets does.
    var switched = false;
    if (state.activeVersion !== activeSeen) {
      activeSeen = state.activeVersion;
      if (state.active >= 0 && state.active !== current) { current = state.active; switched = true; }
    }
    if (current >= state.sheets.length) current = 0;
    state.sheets.forEach(function (s, i) {
      if (s.hidden) return;
      var b = document.createElement('button'); b.textContent = s.name;
      if (i === current) b.className = 'active';
      if (s.tabColor) b.style.setProperty('--tab', s.tabColor);
      b.onclick = function () { current = i; render(state); grid(); };
      tabs.appendChild(b);
    });
    $('sidebar-title').textContent = state.sidebarTitle || 'Sidebar';
    $('source').textContent = state.source || '';
    $('asof-note').textContent = state.asOfNote || '';
    // Ui.alert (Help, a failed rebuild): a dialog over the sheet, as Sheets shows it.
    if (alertSeen === -1) alertSeen = state.alerts;
    if (state.alerts > alertSeen && state.alert) {
      alertSeen = state.alerts;
      $('dialog-title').textContent = state.alert.title;
      $('dialog-text').textContent = state.alert.prompt;
      $('dialog').style.display = 'flex';
    }
    if (state.toasts > toastSeen && state.toast) {
      toastSeen = state.toasts;
      var t = $('toast'); t.textContent = (state.toast.title ? state.toast.title + ': ' : '') + state.toast.message; t.style.display = 'block';
      setTimeout(function () { t.style.display = 'none'; }, 4000);
    }
    return switched;
  }
  function refresh() {
    fetch('/state').then(function (r) { return r.json(); }).then(function (state) {
      var switched = render(state);
      if (state.sidebarVersion !== sidebarVersion) {
        if (sidebarVersion !== -1) { $('sidebar').src = '/sidebar?v=' + state.sidebarVersion; showSidebar(true); }
        sidebarVersion = state.sidebarVersion;
      }
      if (state.version !== version || switched) { version = state.version; grid(); }
    });
  }
  window.addEventListener('message', function (e) {
    if (!e.data || e.source !== $('sidebar').contentWindow) return;
    if (e.data.type === 'close') showSidebar(false);
    if (e.data.type === 'rpc-done') refresh();
  });
  $('close').onclick = function () { showSidebar(false); };
  $('dialog-ok').onclick = function () { $('dialog').style.display = 'none'; };
  $('reopen').onclick = function () { $('sidebar').src = '/sidebar?r=' + Date.now(); showSidebar(true); };
  refresh();
  setInterval(function () {
    fetch('/version').then(function (r) { return r.json(); }).then(function (v) { if (v.version !== version || v.sidebarVersion !== sidebarVersion || v.activeVersion !== activeSeen || v.alerts !== alertSeen || v.toasts !== toastSeen) refresh(); });
  }, 1000);
})();
</script>
</body>
</html>`;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

function readBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(server: Server, port: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(e);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    });
  for (let p = port; p < port + 10; p++) {
    try {
      return await attempt(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (e as NodeJS.ErrnoException).code !== 'EACCES') throw e;
    }
  }
  return attempt(0);
}

const NAME = /^[A-Za-z_$][\w$]*$/;

export async function startServer(runtime: Runtime, options: ServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const sidebarFile = options.sidebarFile ?? path.join(path.dirname(runtime.bundle), 'Sidebar.html');
  let sidebarVersion = 0;
  let lastSidebar = runtime.ui.sidebar;
  // Moves on when the add-on activates another sheet: the viewer then shows that tab.
  let activeVersion = 0;
  let lastActive = runtime.book.activeSheetId;
  let writing: Promise<void> = Promise.resolve();
  let written = runtime.book.version;

  const scheduleWrite = () => {
    if (!options.out || runtime.book.version === written) return;
    const out = options.out;
    writing = writing.then(async () => {
      if (runtime.book.version === written) return;
      const version = runtime.book.version;
      const started = performance.now();
      try {
        await runtime.writeWorkbook(out);
        written = version;
        log(`wrote ${out} in ${Math.round(performance.now() - started)} ms`);
      } catch (e) {
        log(`could not write ${out}: ${(e as Error).message}`);
      }
    });
  };

  const sidebarHtml = (): string => {
    const shown = runtime.ui.sidebar?.html;
    if (shown !== undefined) return injectShim(shown);
    if (existsSync(sidebarFile)) return injectShim(readFileSync(sidebarFile, 'utf8'));
    return injectShim(
      '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>No sidebar: dist/Sidebar.html is missing (npm run build).</p></body></html>',
    );
  };

  const state = () => {
    if (runtime.ui.sidebar !== lastSidebar) {
      lastSidebar = runtime.ui.sidebar;
      sidebarVersion++;
    }
    const toast = runtime.toasts[runtime.toasts.length - 1] ?? null;
    if (runtime.book.activeSheetId !== lastActive) {
      lastActive = runtime.book.activeSheetId;
      activeVersion++;
    }
    const source = runtime.book.source;
    return {
      active: runtime.book.sheets.findIndex((s) => s.id === runtime.book.activeSheetId),
      activeVersion,
      /** How the orders file was read (a CSV's encoding and separator), for the bar. */
      source: source?.format === 'csv' ? `${path.basename(source.file)}: ${sourceNote(source)}` : null,
      asOfNote: options.note?.() ?? null,
      alerts: runtime.ui.alerts.length,
      name: runtime.book.name,
      version: runtime.book.version,
      sidebarVersion,
      sidebarTitle: runtime.ui.sidebar?.title ?? null,
      sheets: runtime.book.sheets.map((s) => ({ name: s.name, hidden: s.hidden, tabColor: s.tabColor })),
      menus: runtime.ui.menus.map((m) => ({ caption: m.caption, addon: m.addon, items: m.items as MenuEntry[] })),
      toasts: runtime.toasts.length,
      toast,
      alert: runtime.ui.alerts[runtime.ui.alerts.length - 1] ?? null,
      sentMail: runtime.sentMail.length,
    };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    (async () => {
      if (route === 'GET /') return send(res, 200, 'text/html', PAGE);
      if (route === 'GET /favicon.ico') {
        res.writeHead(204);
        return res.end();
      }
      if (route === 'GET /sidebar') return send(res, 200, 'text/html', sidebarHtml());
      if (route === 'GET /state') return json(res, 200, state());
      if (route === 'GET /version') {
        const s = state();
        return json(res, 200, {
          version: s.version,
          sidebarVersion: s.sidebarVersion,
          activeVersion: s.activeVersion,
          alerts: s.alerts,
          toasts: s.toasts,
        });
      }
      if (route === 'GET /grid') {
        const index = Number(url.searchParams.get('sheet') ?? 0);
        const sheet = runtime.book.sheets[index] ?? runtime.book.sheets[0];
        if (sheet.dirty) runtime.spreadsheet._sheet(sheet)._fresh();
        const charts = sheet.charts.map((c) => renderChart(sheet, c, runtime.book.locale)).join('');
        return send(res, 200, 'text/html', renderGrid(sheet, runtime.book.locale, options.maxRows) + charts);
      }
      if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
        const name = decodeURIComponent(url.pathname.slice(5));
        // As in Apps Script, functions whose names end with _ are private to the server.
        if (!NAME.test(name) || name.endsWith('_')) return json(res, 404, { ok: false, error: `Script function not found: ${name}` });
        let args: unknown[];
        try {
          const body = await readBody(req);
          args = body.trim() ? JSON.parse(body) : [];
          if (!Array.isArray(args)) throw new Error('the body must be a JSON array of arguments');
        } catch (e) {
          return json(res, 400, { ok: false, error: (e as Error).message });
        }
        const before = runtime.book.version;
        const started = performance.now();
        const callsBefore = runtime.calls.total;
        try {
          if (!runtime.has(name)) return json(res, 404, { ok: false, error: `Script function not found: ${name}` });
          const result = runtime.callJson(name, ...args);
          log(`${name}: ${Math.round(performance.now() - started)} ms, ${runtime.calls.total - callsBefore} service calls`);
          json(res, 200, { ok: true, result, changed: runtime.book.version !== before });
        } catch (e) {
          const err = e as Error & { bundleName?: string };
          log(`${name} failed: ${err.message}`);
          json(res, 200, { ok: false, error: err.message, name: err.bundleName ?? err.name, changed: runtime.book.version !== before });
        }
        scheduleWrite();
        return;
      }
      send(res, 404, 'text/plain', 'Not found');
    })().catch((e) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String((e as Error).message));
    });
  });

  const port = await listen(server, options.port ?? 8080);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    flushed: () => writing,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Ui (menus, sidebar, dialogs, alerts) and HtmlService. Nothing is shown here:
 * the runtime records what the add-on asked for, and the dev server shows the
 * recorded menu and sidebar.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GasError, StandIn } from './boundary';
import { enumOf, real } from './spreadsheet';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type Menu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;
type ButtonSetT = GoogleAppsScript.Base.ButtonSet;

export const Button = enumOf<keyof typeof GoogleAppsScript.Base.Button>('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf<keyof typeof GoogleAppsScript.Base.ButtonSet>('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export const SandboxMode = enumOf<keyof typeof GoogleAppsScript.HTML.SandboxMode>('EMULATED', 'IFRAME', 'NATIVE');
export const XFrameOptionsMode = enumOf<keyof typeof GoogleAppsScript.HTML.XFrameOptionsMode>('ALLOWALL', 'DEFAULT');

export type MenuEntry = { caption: string; functionName: string } | { separator: true } | { caption: string; items: MenuEntry[] };

export interface MenuRecord {
  /** The add-on menu has no caption of its own (Sheets shows the add-on's name). */
  caption: string | null;
  addon: boolean;
  items: MenuEntry[];
}

export interface ShownHtml {
  title: string;
  html: string;
  width: number;
  height: number;
}

/** What the add-on showed, for tests and the dev server. */
export interface UiLog {
  menus: MenuRecord[];
  sidebar: ShownHtml | null;
  dialogs: (ShownHtml & { modal: boolean })[];
  alerts: { title: string; prompt: string; buttons: string; answer: string }[];
  /** Answers the next alerts give, first first; when empty: OK, or YES for YES_NO sets. */
  alertAnswers: string[];
}

export function newUiLog(): UiLog {
  return { menus: [], sidebar: null, dialogs: [], alerts: [], alertAnswers: [] };
}

export class FakeUi
  extends StandIn
  implements
    Pick<GoogleAppsScript.Base.Ui, 'alert' | 'createAddonMenu' | 'createMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'>
{
  readonly _label = 'Ui';
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(readonly _log: UiLog) {
    super();
  }
  alert(prompt: string): Button;
  alert(prompt: string, buttons: ButtonSetT): Button;
  alert(title: string, prompt: string, buttons: ButtonSetT): Button;
  alert(a: string, b?: unknown, c?: unknown): Button {
    const [title, prompt, buttons] =
      c !== undefined ? [String(a), String(b), String(c)] : b !== undefined ? ['', String(a), String(b)] : ['', String(a), 'OK'];
    if (!(buttons in ButtonSet)) throw new GasError('Invalid argument: buttons');
    const answer = this._log.alertAnswers.shift() ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
    this._log.alerts.push({ title, prompt, buttons, answer });
    return answer as unknown as Button;
  }
  createAddonMenu(): Menu {
    return real<Menu>(new FakeMenu(this._log, null, true));
  }
  createMenu(caption: string): Menu {
    return real<Menu>(new FakeMenu(this._log, String(caption), false));
  }
  showSidebar(userInterface: HtmlOutput): void {
    this._log.sidebar = shown(userInterface);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this._log.dialogs.push({ ...shown(userInterface), title: String(title), modal: true });
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this._log.dialogs.push({ ...shown(userInterface), title: String(title), modal: false });
  }
}

function shown(output: HtmlOutput): ShownHtml {
  const o = output as unknown as FakeHtmlOutput;
  if (!(o instanceof FakeHtmlOutput)) throw new GasError('Invalid argument: userInterface');
  return { title: o._title, html: o._content, width: o._width, height: o._height };
}

export class FakeMenu extends StandIn implements Pick<Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly _label = 'Menu';
  readonly _items: MenuEntry[] = [];
  constructor(
    readonly _log: UiLog,
    readonly _caption: string | null,
    readonly _addon: boolean,
  ) {
    super();
  }
  addItem(caption: string, functionName: string): Menu {
    if (typeof functionName !== 'string' || functionName === '') throw new GasError('Invalid argument: functionName');
    this._items.push({ caption: String(caption), functionName });
    return real<Menu>(this);
  }
  addSeparator(): Menu {
    this._items.push({ separator: true });
    return real<Menu>(this);
  }
  addSubMenu(menu: Menu): Menu {
    const sub = menu as unknown as FakeMenu;
    if (!(sub instanceof FakeMenu)) throw new GasError('Invalid argument: menu');
    this._items.push({ caption: sub._caption ?? '', items: sub._items });
    return real<Menu>(this);
  }
  addToUi(): void {
    const record: MenuRecord = { caption: this._caption, addon: this._addon, items: [...this._items] };
    // Adding a menu again (onOpen runs on every open) replaces it.
    const i = this._log.menus.findIndex((m) => m.caption === record.caption && m.addon === record.addon);
    if (i >= 0) this._log.menus[i] = record;
    else this._log.menus.push(record);
  }
}

// ------------------------------------------------------------------ HtmlService

export class FakeHtmlService
  extends StandIn
  implements Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile'>
{
  readonly _label = 'HtmlService';
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  /** `dir` holds the project's HTML files (dist/, beside Code.js). */
  constructor(readonly _dir: string) {
    super();
  }
  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    const text = html === undefined ? '' : typeof html === 'string' ? html : html.getBlob().getDataAsString();
    return real<HtmlOutput>(new FakeHtmlOutput(text));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const name = String(filename).replace(/\.html$/i, '');
    const file = path.join(this._dir, `${name}.html`);
    if (!existsSync(file) || name.includes('/') || name.includes('..')) throw new GasError(`No HTML file named ${name} was found.`);
    return real<HtmlOutput>(new FakeHtmlOutput(readFileSync(file, 'utf8')));
  }
}

export class FakeHtmlOutput
  extends StandIn
  implements
    Pick<
      HtmlOutput,
      | 'setTitle'
      | 'getTitle'
      | 'setWidth'
      | 'getWidth'
      | 'setHeight'
      | 'getHeight'
      | 'getContent'
      | 'setContent'
      | 'append'
      | 'clear'
      | 'setSandboxMode'
      | 'setXFrameOptionsMode'
    >
{
  readonly _label = 'HtmlOutput';
  _title = '';
  _width = 300;
  _height = 500;
  constructor(public _content: string) {
    super();
  }
  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return real<HtmlOutput>(this);
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(width: number): HtmlOutput {
    this._width = Math.floor(Number(width));
    return real<HtmlOutput>(this);
  }
  getWidth(): number {
    return this._width;
  }
  setHeight(height: number): HtmlOutput {
    this._height = Math.floor(Number(height));
    return real<HtmlOutput>(this);
  }
  getHeight(): number {
    return this._height;
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): HtmlOutput {
    this._content = String(content);
    return real<HtmlOutput>(this);
  }
  append(addedContent: string): HtmlOutput {
    this._content += String(addedContent);
    return real<HtmlOutput>(this);
  }
  clear(): HtmlOutput {
    this._content = '';
    return real<HtmlOutput>(this);
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    void mode;
    return real<HtmlOutput>(this);
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    void mode;
    return real<HtmlOutput>(this);
  }
}

/**
 * Plain DOM helpers. Every piece of text goes in as a text node, so data from the
 * spreadsheet (sheet names, headers, customer names, error messages) can never
 * become markup: there is deliberately no way to set innerHTML through `h`.
 */

export type Child = Node | string | number | null | undefined | false | Child[];

/** Properties: `class`, `for`, `data-*`/`aria-*` attributes, `on<event>` listeners, DOM properties. */
export type Props = Record<string, unknown>;

const FORBIDDEN = new Set(['innerHTML', 'outerHTML', 'srcdoc']);

/** Creates an element with properties and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el: HTMLElement, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (FORBIDDEN.has(key)) throw new Error(`h(): ${key} is not allowed`);
    if (key === 'class') el.className = String(value);
    else if (key === 'for') el.setAttribute('for', String(value));
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key.startsWith('data-') || key.startsWith('aria-') || !(key in el)) el.setAttribute(key, value === true ? '' : String(value));
    else (el as unknown as Record<string, unknown>)[key] = value;
  }
}

/** Appends children, flattening arrays and skipping empty ones. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A `<select>` option; text is always text. */
export function option(value: string, text: string, selected = false): HTMLOptionElement {
  const o = h('option', { value }, text);
  o.selected = selected;
  return o;
}

/** The small spinner shown next to a running action. */
export function spinner(): HTMLSpanElement {
  return h('span', { class: 'spinner', 'aria-hidden': 'true' });
}

/**
 * The currency of the amounts, as the orders sheet shows it: the number format of
 * the amount column names it (Sheets' Format > Number > Currency writes the sign
 * into the format, e.g. `[$₽-419]#,##0.00`, `"$"#,##0.00`, `#,##0.00 [$€]`).
 * Nothing else knows it: the spreadsheet's locale is often left at en_US by teams
 * that sell in roubles, and a wrong sign is worse than none. Pure: the report
 * sheets (src/core/localeFormats.ts) and the e-mails read it from here.
 */

/** Signs and words in formats, and the ISO 4217 code each stands for (longest first when one contains another). */
const SIGNS: readonly (readonly [string, string])[] = [
  ['R$', 'BRL'],
  ['руб', 'RUB'],
  ['р.', 'RUB'],
  ['₽', 'RUB'],
  ['грн', 'UAH'],
  ['₴', 'UAH'],
  ['₸', 'KZT'],
  ['zł', 'PLN'],
  ['Br', 'BYN'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['$', 'USD'],
];

const ISO = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/;

/**
 * The texts a format shows literally: quoted runs and `[$sign-lcid]` signs (where a
 * code like RUB may stand), then the rest with `\x` escapes (signs only: MMM is a month).
 */
function literals(format: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let bare = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      out.push({ text: format.slice(i + 1, end < 0 ? undefined : end), quoted: true });
      i = end < 0 ? format.length : end;
    } else if (ch === '\\') {
      bare += format[++i] ?? '';
    } else if (ch === '[') {
      const end = format.indexOf(']', i + 1);
      const inside = format.slice(i + 1, end < 0 ? undefined : end);
      // [$₽-419] is a currency; [$-419] only a locale (dates); [Red], [>100] are not text.
      if (inside.startsWith('$')) out.push({ text: inside.slice(1).replace(/-[0-9A-Fa-f]+$/, ''), quoted: true });
      i = end < 0 ? format.length : end;
    } else bare += ch;
  }
  out.push({ text: bare, quoted: false });
  return out.filter((s) => s.text.trim() !== '');
}

/** The ISO 4217 code a number format shows, or null when it shows none. */
export function currencyOfFormat(format: string): string | null {
  if (!format || /^general$/i.test(format.trim())) return null;
  for (const { text, quoted } of literals(format)) {
    const code = quoted ? ISO.exec(text)?.[1] : undefined;
    if (code) return code;
    for (const [sign, iso] of SIGNS) if (text.includes(sign)) return iso;
  }
  return null;
}

/**
 * The currency of a column from its cells' formats: the one every format that shows
 * a currency agrees on; null when none shows one or they disagree (mixed currencies
 * get no sign rather than a wrong one).
 */
export function currencyOfFormats(formats: readonly string[]): string | null {
  let found: string | null = null;
  const seen = new Set<string>();
  for (const format of formats) {
    if (seen.has(format)) continue;
    seen.add(format);
    const code = currencyOfFormat(format);
    if (code === null) continue;
    if (found !== null && found !== code) return null;
    found = code;
  }
  return found;
}

/** The sign each currency code is shown with; a code without one shows itself (CHF 500). */
const SYMBOLS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  RUB: '₽',
  UAH: '₴',
  KZT: '₸',
  INR: '₹',
  PLN: 'zł',
  BYN: 'Br',
  BRL: 'R$',
});

/** The sign of an ISO 4217 code: `₽` for RUB, the code itself for one without a sign here. */
export function currencySymbol(code: string): string {
  return SYMBOLS[code] ?? code;
}

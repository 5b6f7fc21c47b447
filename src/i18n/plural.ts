/**
 * Filling a message: `{name}` from params, `{n:one|few|many}` by the plural rules of
 * the language. No message tables here, so the sidebar can bundle it without them.
 */
/** The languages of the catalogue (src/i18n/catalogue.ts). */
export type Lang = 'en' | 'ru' | 'uk';

/** Plural form index: English one/other; Russian and Ukrainian one/few/many. */
export function pluralIndex(lang: Lang, n: number): number {
  if (lang === 'en') return n === 1 ? 0 : 1;
  if (!Number.isInteger(n)) return 1;
  const n10 = Math.abs(n) % 10;
  const n100 = Math.abs(n) % 100;
  if (n10 === 1 && n100 !== 11) return 0;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return 1;
  return 2;
}

/** The text with its placeholders filled; a placeholder without a param stays as written. */
export function fillMessage(
  lang: Lang,
  text: string,
  params: Record<string, string | number>,
  showNumber: (n: number) => string = String,
): string {
  return text.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, name: string, forms?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (forms === undefined) return typeof value === 'number' ? showNumber(value) : value;
    const options = forms.split('|');
    return options[Math.min(pluralIndex(lang, Number(value)), options.length - 1)];
  });
}

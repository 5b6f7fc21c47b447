/**
 * One area's messages: English defines the keys, Russian and Ukrainian must give
 * every one of them (the compiler checks), so no label is ever missing.
 *
 * Placeholders: `{name}` is filled from params; `{n:one|few|many}` picks the plural
 * form for the number `n` (English uses the first two forms).
 */
export function defineMessages<K extends string>(tables: {
  en: Record<K, string>;
  ru: NoInfer<Record<K, string>>;
  uk: NoInfer<Record<K, string>>;
}): { en: Record<K, string>; ru: Record<K, string>; uk: Record<K, string> } {
  return tables;
}

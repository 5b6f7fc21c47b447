/**
 * The text of a user's own file, whatever encoding it was saved in.
 *
 * Sheets itself has no such question (it holds text), but a CSV from Excel does:
 * Russian Excel saves "CSV (разделители — запятые)" in Windows-1251, older Unix
 * tools in KOI8-U/KOI8-R, Notepad "Unicode" in UTF-16 with a byte-order mark.
 * The order of the guesses:
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
 * 2. NUL bytes in every other position: UTF-16 without a mark;
 * 3. text that is valid UTF-8 is UTF-8 (other encodings almost never are);
 * 4. else the bytes are decoded as Windows-1251 and as KOI8-U, and the decoding
 *    whose letters look like Russian/Ukrainian text wins (letter frequencies,
 *    and no lower-to-upper case flips inside words, which the wrong one of the
 *    two produces); when neither looks like text, or they are too close, the file
 *    is refused with a message that says how to save it or name the encoding.
 * Node's own TextDecoder (full ICU) knows every encoding used here: no dependency.
 */

import type { SourceInfo } from './model';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-u', 'koi8-r', 'windows-1252'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export interface DecodedText {
  text: string;
  encoding: EncodingName;
  /** How it was decided: `bom`, `valid`, `guessed` or `given`. */
  how: 'bom' | 'valid' | 'guessed' | 'given';
}

/** A file whose encoding cannot be told with confidence. */
export class EncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** Relative letter frequencies of Russian and Ukrainian text together (per cent, rounded; National Corpus tables). */
const FREQUENCY: Record<string, number> = {
  о: 10.5,
  е: 8.0,
  а: 8.0,
  и: 6.5,
  н: 6.7,
  т: 6.0,
  с: 5.3,
  р: 4.7,
  в: 4.5,
  л: 4.3,
  к: 3.5,
  м: 3.2,
  д: 3.0,
  п: 2.8,
  у: 2.7,
  я: 2.0,
  ы: 1.6,
  ь: 1.7,
  г: 1.7,
  з: 1.7,
  б: 1.6,
  ч: 1.4,
  й: 1.2,
  х: 1.0,
  ж: 0.9,
  ш: 0.7,
  ю: 0.6,
  ц: 0.5,
  щ: 0.35,
  э: 0.3,
  ф: 0.3,
  ъ: 0.05,
  ё: 0.1,
  і: 1.5,
  ї: 0.5,
  є: 0.4,
  ґ: 0.05,
};

const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();

/** How much a decoding looks like Cyrillic text: mean log-frequency of its non-ASCII letters, minus case flips. */
export function cyrillicScore(text: string): { letters: number; score: number } {
  let letters = 0;
  let sum = 0;
  let flips = 0;
  let others = 0;
  let previous = '';
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) {
      previous = c;
      continue;
    }
    const lower = c.toLowerCase();
    const f = FREQUENCY[lower];
    if (f !== undefined) {
      letters++;
      sum += Math.log(f);
      if (isLower(previous) && isUpper(c)) flips++;
    } else if (!/[«»—–№…“”„‘’•\u00a0]/.test(c)) others++;
    previous = c;
  }
  if (letters === 0) return { letters: 0, score: -Infinity };
  return { letters, score: sum / letters - (3 * flips + 2 * others) / letters };
}

function decode(bytes: Uint8Array, encoding: EncodingName, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function nulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

const HOW_TO =
  'Save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8; LibreOffice: Character set Unicode (UTF-8)), or name its encoding with --encoding (windows-1251, koi8-u, koi8-r, windows-1252, utf-16le).';

/** The text of a file's bytes; `given` forces an encoding (then only a byte-order mark of it is dropped). */
export function decodeText(bytes: Uint8Array, name: string, given?: string): DecodedText {
  if (given !== undefined) {
    const encoding = given.toLowerCase() as EncodingName;
    if (!ENCODINGS.includes(encoding)) throw new EncodingError(`--encoding: "${given}" is not one of ${ENCODINGS.join(', ')}`);
    const text = decode(bytes, encoding, true);
    if (text === null) throw new EncodingError(`${name}: the bytes are not valid ${encoding}. ${HOW_TO}`);
    return { text, encoding, how: 'given' };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bom(bytes, 'utf-8', name);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bom(bytes, 'utf-16le', name);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bom(bytes, 'utf-16be', name);
  // Before UTF-8: Cyrillic in UTF-16 is bytes like 0x14 0x04, valid (if odd) ASCII.
  const wide = nulPattern(bytes);
  if (wide) {
    const text = decode(bytes, wide, true);
    if (text !== null) return { text, encoding: wide, how: 'guessed' };
  }
  const utf8 = decode(bytes, 'utf-8', true);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', how: 'valid' };
  const candidates = (['windows-1251', 'koi8-u'] as const)
    .map((encoding) => {
      const text = decode(bytes, encoding, true);
      return { encoding, text, ...(text === null ? { letters: 0, score: -Infinity } : cyrillicScore(text)) };
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  // Enough letters to judge, letters that look like words, and a clear winner.
  if (best.text !== null && best.letters >= 12 && best.score > 0.9 && best.score - second.score > 0.3)
    return { text: best.text, encoding: best.encoding, how: 'guessed' };
  const bad = firstBadByte(bytes);
  throw new EncodingError(
    `${name} is not UTF-8 (byte 0x${bytes[bad.offset].toString(16).toUpperCase()} on line ${bad.line}) and its encoding cannot be told with confidence. ${HOW_TO}`,
  );
}

function bom(bytes: Uint8Array, encoding: EncodingName, name: string): DecodedText {
  const text = decode(bytes, encoding, true);
  if (text === null) throw new EncodingError(`${name} starts with a ${encoding} byte-order mark but is not valid ${encoding}. ${HOW_TO}`);
  return { text, encoding, how: 'bom' };
}

/** Where UTF-8 decoding first fails: byte offset and line. */
function firstBadByte(bytes: Uint8Array): { offset: number; line: number } {
  let line = 1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (!ok) return { offset: i, line };
    if (b === 0x0a) line++;
    i += n;
  }
  return { offset: 0, line };
}

const HOW: Record<string, string> = {
  bom: 'from its byte-order mark',
  valid: 'valid UTF-8',
  guessed: 'guessed from the letters',
  given: 'as given by --encoding',
};
const SEPARATORS: Record<string, string> = { ',': 'comma', ';': 'semicolon' };

/** "encoding windows-1251 (guessed from the letters), separator ; (semicolon)", for the CLI and the viewer. */
export function sourceNote(source: SourceInfo): string {
  const sep = source.delimiter ?? ',';
  return `encoding ${source.encoding} (${HOW[source.how ?? ''] ?? source.how}), separator ${sep === '\t' ? 'tab' : `${sep} (${SEPARATORS[sep]})`}`;
}

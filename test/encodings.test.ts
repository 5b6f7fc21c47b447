/**
 * A user's own CSV in whatever encoding it was saved (local/encoding.ts): the
 * byte-order mark decides, valid UTF-8 is UTF-8, else Windows-1251 or KOI8-U by
 * the letters; a file that cannot be told is refused with what to do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyrillicScore, decodeText, EncodingError } from '../local/encoding';
import { readWorkbook } from '../local/workbook';
import { encodeSingleByte, utf16 } from './support/encode';
import { tempDir } from './support/runtime';

const RU = 'Дата;Клиент;Сумма;Менеджер\n01.02.2025;ООО Ромашка;1 234,56;Иванов\n03.02.2025;Пётр Сидоров;990;Петрова\n';
const UK = 'Дата;Покупець;Сума\n01.02.2025;Їжак Євген;100\n02.02.2025;Ґанна Іваненко;250,5\n';

describe('a byte-order mark decides the encoding', () => {
  it('UTF-8 with a BOM: the mark is dropped', () => {
    const got = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RU)]), 'a.csv');
    expect(got).toEqual({ text: RU, encoding: 'utf-8', how: 'bom' });
  });
  it('UTF-16 little- and big-endian with a BOM', () => {
    expect(decodeText(utf16(RU, 'le'), 'a.csv')).toEqual({ text: RU, encoding: 'utf-16le', how: 'bom' });
    expect(decodeText(utf16(UK, 'be'), 'a.csv')).toEqual({ text: UK, encoding: 'utf-16be', how: 'bom' });
  });
  it('UTF-16 without a mark is told by its NUL bytes', () => {
    expect(decodeText(utf16(RU, 'le', false), 'a.csv')).toMatchObject({ text: RU, encoding: 'utf-16le', how: 'guessed' });
  });
});

describe('valid UTF-8 is UTF-8', () => {
  it('without a BOM', () => {
    expect(decodeText(Buffer.from(RU), 'a.csv')).toEqual({ text: RU, encoding: 'utf-8', how: 'valid' });
  });
});

describe('Windows-1251 and KOI8-U are told apart by the letters', () => {
  for (const [name, text] of [
    ['Russian', RU],
    ['Ukrainian', UK],
    ['capitals only', 'ДАТА;КЛИЕНТ;СУММА\n01.02.2025;ИВАНОВ;100\n'],
  ] as const) {
    it(`${name}: each decodes as itself`, () => {
      expect(decodeText(encodeSingleByte(text, 'windows-1251'), 'a.csv')).toEqual({ text, encoding: 'windows-1251', how: 'guessed' });
      expect(decodeText(encodeSingleByte(text, 'koi8-u'), 'a.csv')).toEqual({ text, encoding: 'koi8-u', how: 'guessed' });
    });
  }
  it('the wrong decoding scores lower: other letters, and case flips inside words', () => {
    const bytes = encodeSingleByte(RU, 'windows-1251');
    const right = cyrillicScore(new TextDecoder('windows-1251').decode(bytes));
    const wrong = cyrillicScore(new TextDecoder('koi8-u').decode(bytes));
    expect(right.score - wrong.score).toBeGreaterThan(0.5);
  });
});

describe('a file that cannot be told with confidence is refused, saying what to do', () => {
  it('Latin-1 text with one accented letter', () => {
    const bytes = Buffer.concat([Buffer.from('date,customer,amount\n2025-01-01,Caf'), Buffer.from([0xe9]), Buffer.from(',10\n')]);
    expect(() => decodeText(bytes, 'orders.csv')).toThrow(EncodingError);
    expect(() => decodeText(bytes, 'orders.csv')).toThrow(
      /^orders\.csv is not UTF-8 \(byte 0xE9 on line 2\) and its encoding cannot be told with confidence\. Save it as "CSV UTF-8".*--encoding/,
    );
  });
  it('too few letters to judge', () => {
    expect(() => decodeText(encodeSingleByte('date;name\n2025-01-01;Юг\n', 'windows-1251'), 'x.csv')).toThrow(/cannot be told/);
  });
  it('--encoding names it; a wrong name or bytes invalid in it are said', () => {
    const bytes = Buffer.concat([Buffer.from('date,customer\n2025-01-01,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(decodeText(bytes, 'x.csv', 'windows-1252').text).toContain('Café');
    expect(() => decodeText(bytes, 'x.csv', 'latin-9')).toThrow(/--encoding: "latin-9" is not one of utf-8, /);
    expect(() => decodeText(bytes, 'x.csv', 'utf-8')).toThrow(/x\.csv: the bytes are not valid utf-8/);
  });
});

describe('reading a CSV file records its encoding and separator', () => {
  const options = { locale: 'ru_RU', timeZone: 'Europe/Moscow' };
  it('a Windows-1251 semicolon file reads as the text it holds', async () => {
    const file = path.join(tempDir('enc-'), 'заказы.csv');
    writeFileSync(file, encodeSingleByte(RU.replace(/\n/g, '\r\n'), 'windows-1251'));
    const book = await readWorkbook(file, options);
    expect(book.source).toEqual({ file, format: 'csv', encoding: 'windows-1251', how: 'guessed', delimiter: ';' });
    expect(book.sheets[0].cells[0].map((c) => c?.v)).toEqual(['Дата', 'Клиент', 'Сумма', 'Менеджер']);
    expect(book.sheets[0].cells[1].map((c) => c?.v)).toEqual(['01.02.2025', 'ООО Ромашка', '1 234,56', 'Иванов']);
  });
  it('a KOI8-U tab-separated file', async () => {
    const file = path.join(tempDir('enc-'), 'orders.tsv');
    writeFileSync(file, encodeSingleByte(UK.replace(/;/g, '\t'), 'koi8-u'));
    const book = await readWorkbook(file, options);
    expect(book.source).toMatchObject({ encoding: 'koi8-u', delimiter: '\t' });
    expect(book.sheets[0].cells[2].map((c) => c?.v)).toEqual(['02.02.2025', 'Ґанна Іваненко', '250,5']);
  });
  it('a folder or a file of another type is refused by name', async () => {
    const dir = tempDir('enc-');
    mkdirSync(path.join(dir, 'orders.csv'));
    await expect(readWorkbook(path.join(dir, 'orders.csv'), options)).rejects.toThrow(/orders\.csv is a folder: give an orders file/);
    writeFileSync(path.join(dir, 'orders.xls'), 'x');
    await expect(readWorkbook(path.join(dir, 'orders.xls'), options)).rejects.toThrow(
      /"\.xls" files cannot be read; .*save the \.xls as \.xlsx first/,
    );
  });
});

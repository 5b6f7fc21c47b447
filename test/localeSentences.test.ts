/**
 * Numbers and dates in the add-on's own sentences follow the spreadsheet's locale, the
 * words the user's language (docs/definitions.md §19), as the sheets and the sidebar do:
 * here an error message of the built bundle that quotes a count and a date, in ru_RU and
 * in en_US with Russian words. (The e-mail's sentences: test/mail.test.ts; the model
 * check's note and errors: test/predictiveFunctions.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { localeMessage } from '../src/core/localeMessages';
import { startRuntime } from './support/runtime';

const NOW = '2026-11-23T09:00:00Z';
/** 1,200 orders, all after the as-of date the test saves: nothing to report, and the message says how many rows were read. */
const ORDERS = [
  ['Date', 'Customer', 'Amount'],
  ...Array.from({ length: 1_200 }, (_, i) => [new Date(Date.UTC(2026, 5, 1 + (i % 28), 12)), `Customer ${i % 300}`, 100 + i]),
];

async function noCustomersError(locale: string, userLocale: string): Promise<string> {
  const rt = await startRuntime({ Orders: ORDERS }, { now: NOW, locale, userLocale });
  const { settings } = rt.callJson('sidebarLoad') as { settings: Record<string, unknown> };
  const saved = rt.callJson('sidebarSaveSettings', { ...settings, asOf: '2026-01-01' }) as { errors: Record<string, string> };
  expect(saved.errors).toEqual({});
  try {
    rt.callJson('sidebarBuild', { kind: 'matrix' });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the matrix was built without purchases');
}

describe('an error message quoting a count and a date', () => {
  it('ru_RU: 1 200 with a no-break space and 01.01.2026', async () => {
    expect(await noCustomersError('ru_RU', 'ru')).toBe('Нет покупок до даты расчёта 01.01.2026: прочитано строк: 1\u00a0200.');
  });

  it('en_US with Russian words: 1,200 and 1/1/2026, as the en_US sheets beside it', async () => {
    expect(await noCustomersError('en_US', 'ru')).toBe('Нет покупок до даты расчёта 1/1/2026: прочитано строк: 1,200.');
  });

  it('en_US: 1,200 and 1/1/2026', async () => {
    expect(await noCustomersError('en_US', 'en')).toBe('No purchases before the as-of date 1/1/2026: 1,200 rows were read.');
  });
});

describe('localeMessage: the locale’s marks for numbers, the plural form by the number, names as plain digits', () => {
  it('groups counts, keeps decimals, chooses the plural form from the number', () => {
    expect(localeMessage('ru', 'ru_RU', 'customers', { n: 1_500 })).toBe('1\u00a0500 клиентов');
    expect(localeMessage('ru', 'en_US', 'customers', { n: 1_501 })).toBe('1,501 клиент');
    expect(localeMessage('en', 'de_DE', 'customers', { n: 2_500 })).toBe('2.500 customers');
    expect(localeMessage('en', 'ru_RU', 'mail.subject', { week: 48, n: 1_250 })).toBe('Week 48: 1\u00a0250 customers to contact');
  });

  it('a row, week or year is a name: written as digits, never grouped', () => {
    expect(localeMessage('en', 'en_US', 'mail.subjectAllClear', { week: 2026 })).toBe('Week 2026: all clear');
  });
});

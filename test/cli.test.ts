/**
 * `npm start -- --no-serve` talks: how the file was read (encoding, separator),
 * the read report, each report's headline, and an exit code of 1 with the reason
 * when no report could be built. Runs the built bundle (dist/Code.js).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseArgs } from '../local/start';
import { staleData } from '../src/addon/ordersTable';
import { dayOfIso } from '../src/core/isoDates';
import { encodeSingleByte, utf16 } from './support/encode';
import { projectRoot, tempDir } from './support/runtime';

const NOW = '2025-07-01T09:00:00Z';

/** Orders of 12 customers over the first half of 2025, as Russian Excel writes them: `;`, dd.mm.yyyy, "1 234,56". */
function russianCsv(extra: string[] = []): string {
  const lines = ['Дата заказа;Клиент;Сумма;Менеджер'];
  const names = [
    'Иванов',
    'Петрова',
    'Сидоренко',
    'Ковальчук',
    'Смирнов',
    'Кузнецова',
    'Попов',
    'Васильев',
    'Мельник',
    'Шевченко',
    'Бойко',
    'Ткаченко',
  ];
  names.forEach((name, i) => {
    for (let k = 0; k <= i % 4; k++) {
      const day = String(1 + ((i * 7 + k * 11) % 28)).padStart(2, '0');
      const month = String(1 + ((i + k * 2) % 6)).padStart(2, '0');
      lines.push(`${day}.${month}.2025;${name};${1000 + i * 111},50;${i % 2 ? 'Анна' : 'Борис'}`);
    }
  });
  return [...lines, ...extra].join('\r\n') + '\r\n';
}

async function run(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const dir = tempDir('cli-');
  const result = await main(['--no-serve', '--out', path.join(dir, 'out', 'report.xlsx'), ...args], {
    log: (l) => lines.push(l),
    error: (l) => errors.push(l),
  });
  return { result, lines, errors, out: lines.join('\n'), dir };
}

function csvFile(bytes: Buffer, name = 'заказы.csv'): string {
  const file = path.join(tempDir('cli-in-'), name);
  writeFileSync(file, bytes);
  return file;
}

describe('a Windows-1251 semicolon CSV with Russian headers runs end to end', () => {
  it('says the encoding and separator, prints the read report and every report with its headline', async () => {
    const file = csvFile(encodeSingleByte(russianCsv(['31.02.2025;Иванов;10;Анна', '05.03.2025;Петрова;много;Анна']), 'windows-1251'));
    const { result, out, errors } = await run(['--orders', file, '--locale', 'ru_RU', '--tz', 'Europe/Moscow', '--now', NOW]);
    expect(errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(out).toContain('  encoding windows-1251 (guessed from the letters), separator ; (semicolon)');
    expect(out).toMatch(/orders sheet "заказы", as of 2025-07-01 \(today; set another with --as-of\):/);
    expect(out).toContain('  32 rows below the header: 30 read, 2 unreadable, 0 blank, 0 on or after the as-of date');
    expect(out).toMatch(/ {2}12 customers, orders from 2025-01-\d\d to 2025-06-\d\d/);
    expect(out).toMatch(
      / {2}first unreadable rows:\n {4}row 32, Дата заказа \(A\): "31\.02\.2025": [^\n]+\n {4}row 33, Сумма \(C\): "много": /,
    );
    // Each built report with its headline, in the user's language.
    expect(out).toMatch(/^ {2}Матрица ЖЦК: 12 клиент/m);
    expect(out).toMatch(/^reports: (?!.*заказы).*Матрица ЖЦК/m);
    expect(result.runtime!.sheetNames()[0]).toBe('заказы');
  });

  it('UTF-16 and KOI8-U files read the same', async () => {
    for (const bytes of [utf16(russianCsv(), 'le'), encodeSingleByte(russianCsv(), 'koi8-u')]) {
      const { result, out } = await run(['--orders', csvFile(bytes), '--locale', 'ru_RU', '--now', NOW]);
      expect(result.exitCode).toBe(0);
      expect(out).toContain('30 rows below the header: 30 read, 0 unreadable');
    }
  });
});

describe('the loader and the read report count the same rows', () => {
  it('blank rows inside the data are rows below the header: read + unreadable + blank adds up to it', async () => {
    const file = csvFile(Buffer.from(russianCsv([';;;', '31.02.2025;Иванов;10;Анна', ';;;', '05.06.2025;Петрова;10;Анна'])));
    const { result, out } = await run(['--orders', file, '--locale', 'ru_RU', '--now', NOW]);
    expect(result.exitCode).toBe(0);
    // A header and 34 rows below it: 31 read, 1 unreadable, 2 blank.
    expect(out).toMatch(/^read .*"заказы" \(35 rows, the header included\) in \d+ ms$/m);
    expect(out).toContain('  34 rows below the header: 31 read, 1 unreadable, 2 blank, 0 on or after the as-of date');
  });
});

describe('a file that cannot be read gets a message that says what to do', () => {
  it('an encoding that cannot be told: the error names the file and --encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('date,customer,amount\n2025-01-01,Caf'), Buffer.from([0xe9]), Buffer.from(',10\n')]);
    await expect(run(['--orders', csvFile(bytes, 'orders.csv')])).rejects.toThrow(
      /^--orders: orders\.csv is not UTF-8 .*cannot be told with confidence\. Save it as "CSV UTF-8".*--encoding/,
    );
  });
  it('--encoding reads it', async () => {
    const bytes = encodeSingleByte(russianCsv(), 'windows-1251');
    const { out } = await run(['--orders', csvFile(bytes), '--encoding', 'windows-1251', '--locale', 'ru_RU', '--now', NOW]);
    expect(out).toContain('encoding windows-1251 (as given by --encoding)');
  });
  it('a folder or an unknown file type', async () => {
    const dir = tempDir('cli-dir-');
    await expect(run(['--orders', dir])).rejects.toThrow(/^--orders: .* is a folder; give an orders file \(\.xlsx or \.csv\) inside it$/);
    writeFileSync(path.join(dir, 'orders.pdf'), 'x');
    await expect(run(['--orders', path.join(dir, 'orders.pdf')])).rejects.toThrow(/is not an \.xlsx or \.csv file/);
  });
});

describe('exit codes', () => {
  it('1 with the reason when no report could be built; the output holds the orders only', async () => {
    const file = csvFile(Buffer.from('Товар;Количество\nЧай;3\nКофе;5\n'), 'склад.csv');
    const { result, out, errors } = await run(['--orders', file, '--now', NOW]);
    expect(result.exitCode).toBe(1);
    expect(out).toMatch(/^orders: .*header row/m);
    expect(out).toContain('reports: none');
    expect(out).toMatch(/wrote .*report\.xlsx in \d+ ms \(the orders only: no report was built\)/);
    expect(errors[0]).toMatch(/^no report could be built: /);
    expect(existsSync(result.out!)).toBe(true);
  });
  it('0 on the sample', async () => {
    const { result, errors } = await run(['--now', NOW]);
    expect(result.exitCode).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('--as-of and old data', () => {
  it('old orders: the read report says every customer is Lapsed and offers the day after the last order', async () => {
    const file = csvFile(Buffer.from(russianCsv()));
    const { out } = await run(['--orders', file, '--locale', 'ru_RU', '--now', '2026-11-23T09:00:00Z']);
    const m =
      /the last order is (\d+) days before the as-of date: every customer comes out Lapsed\. .* --as-of (2025-\d\d-\d\d) \(the day after the last order\)/.exec(
        out,
      );
    expect(m).not.toBeNull();
    const again = await run(['--orders', file, '--locale', 'ru_RU', '--now', '2026-11-23T09:00:00Z', '--as-of', m![2]]);
    expect(again.out).toContain(`as-of date set to ${m![2]} (saved with the settings)`);
    expect(again.out).toContain(`orders sheet "заказы", as of ${m![2]}:`);
    expect(again.out).not.toContain('every customer comes out Lapsed');
  });
  it('--as-of must be a real day', () => {
    expect(() => parseArgs(['--as-of', '2025-02-30'])).toThrow('--as-of: "2025-02-30" is not a date; give YYYY-MM-DD');
    expect(parseArgs(['--as-of', 'today']).asOf).toBe('today');
    expect(parseArgs([]).asOf).toBeNull();
  });
});

describe('the stale-data rule: more than the Sleeping band between the last order and the as-of date', () => {
  it('180 days with a band of 180 is not stale; 181 is, and offers the day after the last order', () => {
    const last = dayOfIso('2025-01-10');
    expect(staleData(last, last + 180, 180)).toBeNull();
    expect(staleData(last, last + 181, 180)).toEqual({ days: 181, suggestedAsOf: '2025-01-11' });
    expect(staleData(NaN, last, 180)).toBeNull();
  });
});

describe('--run-trigger and the outbox', () => {
  it('numbers e-mails on from the last run; a schedule turned off stays off and says so', async () => {
    const dir = tempDir('cli-mail-');
    const out = path.join(dir, 'out', 'report.xlsx');
    const outbox = path.join(dir, 'out', 'outbox');
    const io = { log: () => {}, error: () => {} };
    const first = await main(['--no-serve', '--out', out, '--run-trigger', '--now', '2026-11-23T09:00:00Z'], io);
    const sent = first.runtime!.sentMail.length;
    expect(sent).toBeGreaterThan(0);
    expect(readdirSync(outbox).sort()[0]).toMatch(/^001-/);
    // A week later the same schedule sends again: numbers go on, nothing is overwritten.
    const second = await main(['--no-serve', '--out', out, '--run-trigger', '--now', '2026-11-30T09:00:00Z'], io);
    expect(second.runtime!.sentMail.length).toBeGreaterThan(0);
    const numbers = readdirSync(outbox).map((f) => Number(f.slice(0, 3)));
    expect(numbers.length).toBe(sent + second.runtime!.sentMail.length);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.max(...numbers)).toBe(numbers.length);
    // Turned off in the sidebar: --run-trigger does not turn it back on.
    second.runtime!.callJson('scheduleTurnOff');
    const lines: string[] = [];
    const third = await main(['--no-serve', '--out', out, '--run-trigger', '--now', '2026-12-07T09:00:00Z'], {
      log: (l) => lines.push(l),
      error: (l) => lines.push(l),
    });
    expect(third.runtime!.sentMail.length).toBe(0);
    expect(third.runtime!.triggers).toEqual([]);
    expect(lines).toContain('the weekly e-mails are off (a schedule is saved, without its trigger): nothing sent.');
    expect(readdirSync(outbox).length).toBe(numbers.length);
  });
});

describe('stopping npm start by its process id stops the server', () => {
  it('the start script execs node, so the signal npm passes on reaches it (sh -c would keep it)', async () => {
    const script = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts.start as string;
    expect(script).toMatch(/&& exec node /);
    // The script as npm runs it (`sh -c`, the arguments appended), its build step already done.
    const command = `${script.replace(/^npm run build && /, 'true && ')} --port 0 --out ${path.join(tempDir('cli-stop-'), 'report.xlsx')}`;
    const child = spawn('sh', ['-c', command], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm start ended (${code}) before serving:\n${out}`)));
    });
    expect((await fetch(`${url}version`)).ok).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}version`)).rejects.toThrow();
  });
});

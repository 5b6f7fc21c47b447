import { type Lang, fillMessage } from '../plural';
import { defineMessages } from './define';

/**
 * Messages of the warehouse edition (issue 16): the BigQuery job errors, the data
 * source section of the sidebar and the big-list notes, in English, Russian and
 * Ukrainian. A table of its own, NOT merged into the catalogue: the catalogue is in
 * every bundle, and the standard edition's bundle must not hold the word BigQuery
 * (test/edition.test.ts greps it). Only the warehouse modules import this file.
 */
export const warehouseMessages = defineMessages({
  en: {
    'wh.err.accessDenied':
      'BigQuery refused access ({detail}). Ask the project owner for the roles BigQuery Job User on project {project} and BigQuery Data Viewer on the dataset.',
    'wh.err.quota':
      'BigQuery quota reached ({detail}). Wait a few minutes and build again, or ask the project owner to raise the quota of project {project}.',
    'wh.err.notFound': 'BigQuery did not find {detail}. Check the project, the dataset.table name and the location ({location}).',
    'wh.err.invalidQuery': 'BigQuery could not run the query: {detail}',
    'wh.err.tooLarge':
      'The answer of BigQuery is too large ({detail}). Lower the big-list limit so that long lists open as Connected Sheets.',
    'wh.err.backend': 'BigQuery had a passing failure ({detail}). Build again in a minute.',
    'wh.err.timeout':
      'The BigQuery job {job} did not finish after {polls} checks over {seconds} s. It may still finish: build again later, or narrow the data.',
    'wh.err.other': 'BigQuery failed: {detail}',
    'wh.err.badResult': 'BigQuery returned a value of type {type} in column {column}, which the reports cannot read',
    'wh.err.noProject': 'Give the Google Cloud project that runs (and pays for) the queries.',
    'wh.err.noTable': 'Give the orders table as dataset.table (or project.dataset.table), or a query.',
    'wh.err.badCap': 'The big-list limit is "{value}": give a whole number from 1 to 1000000.',
    'wh.err.noSource': 'No BigQuery data source is set yet: choose the table in the sidebar, section "Orders in BigQuery".',
    'wh.bigList.note':
      'This list has {total} customers; the sheet shows the first {shown}, {order}. Connected Sheets is not available to your Google account, so the other {more} are not here: run the query below in BigQuery (console.cloud.google.com/bigquery) or export it, or raise the limit in the sidebar.',
    'wh.bigList.connected':
      'This list has {total} customers, more than the limit of {cap}: it opened as the Connected Sheets sheet "{name}", {order}.',
    'wh.bigList.query': 'Query',
    'wh.order.priority': 'most worth returning first',
    'wh.order.revenue': 'largest revenue first',
    'wh.dryRun': 'The reports will scan {bytes} in BigQuery ({queries} queries).',
    'wh.built': 'Built from BigQuery: {names}. Scanned {bytes}.',
    'wh.sb.title': 'Orders in BigQuery',
    'wh.sb.intro':
      'Lifecycle matrix, Lost customers, Managers (with its plan cells kept across rebuilds), Repeat funnel and Key customers are computed in BigQuery; only their figures come back to this spreadsheet.',
    'wh.sb.project': 'Google Cloud project (runs and pays for the queries)',
    'wh.sb.table': 'Table: dataset.table or project.dataset.table',
    'wh.sb.query': 'Or a query that returns the order rows',
    'wh.sb.location': 'Location (US, EU, europe-west3 ...)',
    'wh.sb.listCap': 'Lists longer than this open in Connected Sheets',
    'wh.sb.readSchema': 'Read the columns',
    'wh.sb.column': 'Column of {field}',
    'wh.sb.none': '(none)',
    'wh.sb.dryRun': 'Estimate the scan',
    'wh.sb.build': 'Build the reports from BigQuery',
    'wh.sb.busy': 'Working…',
    'wh.sb.segments': 'Also the nine segment lists',
    'wh.bigList.sheetName': '{name} (all)',
  },
  ru: {
    'wh.err.accessDenied':
      'BigQuery отказал в доступе ({detail}). Попросите владельца проекта выдать роли BigQuery Job User в проекте {project} и BigQuery Data Viewer на набор данных.',
    'wh.err.quota':
      'Исчерпана квота BigQuery ({detail}). Подождите несколько минут и постройте снова или попросите владельца проекта {project} поднять квоту.',
    'wh.err.notFound': 'BigQuery не нашёл {detail}. Проверьте проект, имя dataset.table и расположение ({location}).',
    'wh.err.invalidQuery': 'BigQuery не смог выполнить запрос: {detail}',
    'wh.err.tooLarge':
      'Ответ BigQuery слишком велик ({detail}). Уменьшите предел больших списков, чтобы длинные списки открывались в Connected Sheets.',
    'wh.err.backend': 'Временный сбой BigQuery ({detail}). Постройте снова через минуту.',
    'wh.err.timeout':
      'Задание BigQuery {job} не завершилось после {polls} проверок за {seconds} с. Оно ещё может завершиться: постройте позже или сузьте данные.',
    'wh.err.other': 'Ошибка BigQuery: {detail}',
    'wh.err.badResult': 'BigQuery вернул значение типа {type} в столбце {column}, отчёты не могут его прочитать',
    'wh.err.noProject': 'Укажите проект Google Cloud, который выполняет запросы (и платит за них).',
    'wh.err.noTable': 'Укажите таблицу заказов как dataset.table (или project.dataset.table) либо запрос.',
    'wh.err.badCap': 'Предел больших списков «{value}»: укажите целое число от 1 до 1000000.',
    'wh.err.noSource': 'Источник данных BigQuery ещё не задан: выберите таблицу в боковой панели, раздел «Заказы в BigQuery».',
    'wh.bigList.note':
      'В этом списке {total} клиентов; на листе первые {shown}, {order}. Connected Sheets недоступен вашему аккаунту Google, поэтому остальных {more} здесь нет: выполните запрос ниже в BigQuery (console.cloud.google.com/bigquery) или выгрузите его, либо поднимите предел в боковой панели.',
    'wh.bigList.connected': 'В этом списке {total} клиентов, больше предела {cap}: он открыт как лист Connected Sheets «{name}», {order}.',
    'wh.bigList.query': 'Запрос',
    'wh.order.priority': 'сначала самые ценные для возврата',
    'wh.order.revenue': 'сначала с наибольшей выручкой',
    'wh.dryRun': 'Отчёты прочитают в BigQuery {bytes} ({queries} запросов).',
    'wh.built': 'Построено из BigQuery: {names}. Прочитано {bytes}.',
    'wh.sb.title': 'Заказы в BigQuery',
    'wh.sb.intro':
      'Матрица ЖЦК, Потерянные клиенты, Менеджеры (введённый план сохраняется при перестроении), Воронка повторных и Ключевые клиенты считаются в BigQuery; в таблицу возвращаются только их показатели.',
    'wh.sb.project': 'Проект Google Cloud (выполняет запросы и платит за них)',
    'wh.sb.table': 'Таблица: dataset.table или project.dataset.table',
    'wh.sb.query': 'Или запрос, возвращающий строки заказов',
    'wh.sb.location': 'Расположение (US, EU, europe-west3 …)',
    'wh.sb.listCap': 'Списки длиннее этого открываются в Connected Sheets',
    'wh.sb.readSchema': 'Прочитать столбцы',
    'wh.sb.column': 'Столбец поля «{field}»',
    'wh.sb.none': '(нет)',
    'wh.sb.dryRun': 'Оценить объём чтения',
    'wh.sb.build': 'Построить отчёты из BigQuery',
    'wh.sb.busy': 'Выполняется…',
    'wh.sb.segments': 'И списки всех девяти сегментов',
    'wh.bigList.sheetName': '{name} (все)',
  },
  uk: {
    'wh.err.accessDenied':
      'BigQuery відмовив у доступі ({detail}). Попросіть власника проєкту надати ролі BigQuery Job User у проєкті {project} і BigQuery Data Viewer на набір даних.',
    'wh.err.quota':
      'Вичерпано квоту BigQuery ({detail}). Зачекайте кілька хвилин і побудуйте знову або попросіть власника проєкту {project} підняти квоту.',
    'wh.err.notFound': 'BigQuery не знайшов {detail}. Перевірте проєкт, назву dataset.table і розташування ({location}).',
    'wh.err.invalidQuery': 'BigQuery не зміг виконати запит: {detail}',
    'wh.err.tooLarge':
      'Відповідь BigQuery завелика ({detail}). Зменште межу великих списків, щоб довгі списки відкривалися в Connected Sheets.',
    'wh.err.backend': 'Тимчасовий збій BigQuery ({detail}). Побудуйте знову за хвилину.',
    'wh.err.timeout':
      'Завдання BigQuery {job} не завершилося після {polls} перевірок за {seconds} с. Воно ще може завершитися: побудуйте пізніше або звузьте дані.',
    'wh.err.other': 'Помилка BigQuery: {detail}',
    'wh.err.badResult': 'BigQuery повернув значення типу {type} у стовпці {column}, звіти не можуть його прочитати',
    'wh.err.noProject': 'Вкажіть проєкт Google Cloud, який виконує запити (і платить за них).',
    'wh.err.noTable': 'Вкажіть таблицю замовлень як dataset.table (або project.dataset.table) чи запит.',
    'wh.err.badCap': 'Межа великих списків «{value}»: вкажіть ціле число від 1 до 1000000.',
    'wh.err.noSource': 'Джерело даних BigQuery ще не задано: виберіть таблицю на бічній панелі, розділ «Замовлення в BigQuery».',
    'wh.bigList.note':
      'У цьому списку {total} клієнтів; на аркуші перші {shown}, {order}. Connected Sheets недоступний вашому обліковому запису Google, тож решти {more} тут немає: виконайте запит нижче в BigQuery (console.cloud.google.com/bigquery) або вивантажте його, чи підніміть межу на бічній панелі.',
    'wh.bigList.connected':
      'У цьому списку {total} клієнтів, більше за межу {cap}: його відкрито як аркуш Connected Sheets «{name}», {order}.',
    'wh.bigList.query': 'Запит',
    'wh.order.priority': 'спочатку найцінніші для повернення',
    'wh.order.revenue': 'спочатку з найбільшою виручкою',
    'wh.dryRun': 'Звіти прочитають у BigQuery {bytes} ({queries} запитів).',
    'wh.built': 'Побудовано з BigQuery: {names}. Прочитано {bytes}.',
    'wh.sb.title': 'Замовлення в BigQuery',
    'wh.sb.intro':
      'Матриця ЖЦК, Втрачені клієнти, Менеджери (введений план зберігається під час перебудови), Воронка повторних і Ключові клієнти обчислюються в BigQuery; до таблиці повертаються лише їхні показники.',
    'wh.sb.project': 'Проєкт Google Cloud (виконує запити й платить за них)',
    'wh.sb.table': 'Таблиця: dataset.table або project.dataset.table',
    'wh.sb.query': 'Або запит, що повертає рядки замовлень',
    'wh.sb.location': 'Розташування (US, EU, europe-west3 …)',
    'wh.sb.listCap': 'Списки, довші за це, відкриваються в Connected Sheets',
    'wh.sb.readSchema': 'Прочитати стовпці',
    'wh.sb.column': 'Стовпець поля «{field}»',
    'wh.sb.none': '(немає)',
    'wh.sb.dryRun': 'Оцінити обсяг читання',
    'wh.sb.build': 'Побудувати звіти з BigQuery',
    'wh.sb.busy': 'Виконується…',
    'wh.sb.segments': 'І списки всіх дев’яти сегментів',
    'wh.bigList.sheetName': '{name} (усі)',
  },
});

export type WarehouseMessageKey = keyof typeof warehouseMessages.en;

/** A warehouse message in a language. */
export function wt(lang: Lang, key: WarehouseMessageKey, params: Record<string, string | number> = {}): string {
  return fillMessage(lang, warehouseMessages[lang][key], params);
}

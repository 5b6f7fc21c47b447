/**
 * The warehouse edition's own error messages in English, Russian and Ukrainian.
 * They live beside the SQL (not in src/i18n's catalogue yet) so that phase 1 adds
 * no key to a table other engineers are editing; phase 2 may move them there.
 */
import { UserError } from '../core/errors';
import { type Lang, fillMessage } from '../i18n/plural';

const en = {
  'sql.badTimeZone': 'time zone is "{value}", not a time zone name such as Europe/Kyiv or America/New_York',
  'sql.badTable': 'table is "{value}", not a table name: use project.dataset.table or dataset.table',
  'sql.emptyQuery': 'the source query is empty: give a SELECT over the orders',
  'sql.missingColumn': 'no column is mapped to the {field} field: the reports need date, customer and amount',
  'sql.badColumnName': '{field} column is "{value}", not a column name (letters, digits and _, not starting with a digit)',
  'sql.badColumnType': '{field} column "{column}" is of type {type}; it must be {expected}',
  'sql.notDay': '{name} is {value}, not a whole day number',
  'sql.badSegment': 'segment is {value}, not a segment number from 0 (New Active) to 8 (Regular Lapsed)',
  'sql.badPeriod': 'the lost ratio period runs from day {from} to day {to}: it must end after it starts',
  'sql.badNumber': 'the warehouse returned {value} in column {column}, not a number',
  'sql.missingResultColumn': 'the warehouse result has no column {column}',
} as const;

export type SqlMessageKey = keyof typeof en;

const ru: Record<SqlMessageKey, string> = {
  'sql.badTimeZone': 'часовой пояс «{value}» не является названием часового пояса, например Europe/Kyiv или America/New_York',
  'sql.badTable': 'таблица «{value}» не является именем таблицы: укажите project.dataset.table или dataset.table',
  'sql.emptyQuery': 'запрос-источник пуст: укажите SELECT по заказам',
  'sql.missingColumn': 'полю «{field}» не сопоставлен столбец: отчётам нужны дата, клиент и сумма',
  'sql.badColumnName': 'столбец поля «{field}» — «{value}», это не имя столбца (буквы, цифры и _, не с цифры)',
  'sql.badColumnType': 'столбец «{column}» поля «{field}» имеет тип {type}; нужен {expected}',
  'sql.notDay': '{name} равно {value}, а не целому номеру дня',
  'sql.badSegment': 'сегмент {value} не является номером сегмента от 0 (Новые Активные) до 8 (Постоянные Уснувшие)',
  'sql.badPeriod': 'период доли потерянных идёт с дня {from} по день {to}: он должен заканчиваться после начала',
  'sql.badNumber': 'хранилище вернуло {value} в столбце {column}, а не число',
  'sql.missingResultColumn': 'в ответе хранилища нет столбца {column}',
};

const uk: Record<SqlMessageKey, string> = {
  'sql.badTimeZone': 'часовий пояс «{value}» не є назвою часового поясу, наприклад Europe/Kyiv або America/New_York',
  'sql.badTable': 'таблиця «{value}» не є назвою таблиці: вкажіть project.dataset.table або dataset.table',
  'sql.emptyQuery': 'запит-джерело порожній: вкажіть SELECT за замовленнями',
  'sql.missingColumn': 'полю «{field}» не зіставлено стовпець: звітам потрібні дата, клієнт і сума',
  'sql.badColumnName': 'стовпець поля «{field}» — «{value}», це не назва стовпця (літери, цифри та _, не з цифри)',
  'sql.badColumnType': 'стовпець «{column}» поля «{field}» має тип {type}; потрібен {expected}',
  'sql.notDay': '{name} дорівнює {value}, а не цілому номеру дня',
  'sql.badSegment': 'сегмент {value} не є номером сегмента від 0 (Нові Активні) до 8 (Постійні Сплячі)',
  'sql.badPeriod': 'період частки втрачених триває з дня {from} по день {to}: він має закінчуватися після початку',
  'sql.badNumber': 'сховище повернуло {value} у стовпці {column}, а не число',
  'sql.missingResultColumn': 'у відповіді сховища немає стовпця {column}',
};

const TABLES: Record<Lang, Record<SqlMessageKey, string>> = { en, ru, uk };

/** A message of this module in a language. */
export function sqlMessage(lang: Lang, key: SqlMessageKey, params: Record<string, string | number> = {}): string {
  return fillMessage(lang, TABLES[lang][key], params);
}

/** A bad mapping, parameter or result: English message, the user's language through `messageIn`. */
export class WarehouseError extends UserError {
  readonly sqlKey: SqlMessageKey;
  readonly sqlParams: Record<string, string | number>;

  constructor(key: SqlMessageKey, params: Record<string, string | number> = {}) {
    super(sqlMessage('en', key, params));
    this.name = 'WarehouseError';
    this.sqlKey = key;
    this.sqlParams = params;
  }

  override messageIn(lang: Lang): string {
    return sqlMessage(lang, this.sqlKey, this.sqlParams);
  }
}

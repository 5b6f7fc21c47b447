/**
 * Finding the order fields in a header row, in English, Russian and Ukrainian.
 */

export type OrderField = 'date' | 'customer' | 'amount' | 'orderId' | 'manager' | 'profit' | 'margin' | 'email' | 'phone';

export const ORDER_FIELDS: readonly OrderField[] = [
  'date',
  'customer',
  'amount',
  'orderId',
  'manager',
  'profit',
  'margin',
  'email',
  'phone',
];

/** Column index (0-based) of each field found; absent fields are missing. */
export type ColumnMapping = Partial<Record<OrderField, number>>;

/** Case, spaces, punctuation and ё/е do not matter in header names. */
export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Exact names first; the `contains` list catches longer headers ("Дата заказа клиента").
const SYNONYMS: Record<OrderField, { exact: string[]; contains: string[] }> = {
  date: {
    exact: [
      'date',
      'orderdate',
      'saledate',
      'purchasedate',
      'invoicedate',
      'day',
      'дата',
      'датазаказа',
      'датапродажи',
      'датапокупки',
      'датаотгрузки',
      'датадокумента',
      'датазамовлення',
      'датапродажу',
      'датавідвантаження',
    ],
    contains: ['date', 'дата'],
  },
  customer: {
    exact: [
      'customer',
      'client',
      'customername',
      'clientname',
      'customerid',
      'clientid',
      'buyer',
      'account',
      'клиент',
      'покупатель',
      'контрагент',
      'заказчик',
      'клієнт',
      'покупець',
      'замовник',
      'кодклиента',
      'кодклієнта',
    ],
    contains: ['customer', 'client', 'buyer', 'клиент', 'покупател', 'контрагент', 'клієнт', 'покупц', 'замовник', 'заказчик'],
  },
  amount: {
    exact: [
      'amount',
      'revenue',
      'total',
      'sum',
      'sales',
      'value',
      'ordertotal',
      'salesamount',
      'netsales',
      'сумма',
      'выручка',
      'итого',
      'стоимость',
      'сума',
      'виручка',
      'разом',
      'вартість',
      'суммапродажи',
      'сумапродажу',
    ],
    contains: ['amount', 'revenue', 'total', 'сумм', 'выручк', 'сума', 'виручк'],
  },
  orderId: {
    exact: [
      'order',
      'orderid',
      'ordernumber',
      'orderno',
      'invoice',
      'invoiceid',
      'invoiceno',
      'номер',
      'заказ',
      'заказа',
      'номерзаказа',
      'документ',
      'замовлення',
      'номерзамовлення',
      'накладная',
      'накладна',
      'чек',
      'номерчека',
    ],
    contains: ['orderid', 'ordernumber', 'номерзаказ', 'номерзамовл', 'invoiceno'],
  },
  manager: {
    exact: [
      'manager',
      'owner',
      'salesrep',
      'salesperson',
      'seller',
      'accountmanager',
      'менеджер',
      'ответственный',
      'продавец',
      'відповідальний',
      'продавець',
    ],
    contains: ['manager', 'менеджер', 'ответствен', 'відповідальн'],
  },
  profit: {
    exact: ['profit', 'grossprofit', 'прибыль', 'валоваяприбыль', 'прибуток', 'валовийприбуток'],
    contains: ['profit', 'прибыл', 'прибут'],
  },
  margin: {
    exact: ['margin', 'marginpercent', 'маржа', 'маржинальность', 'маржинальність', 'наценка', 'націнка'],
    contains: ['margin', 'марж'],
  },
  email: {
    exact: ['email', 'mail', 'emailaddress', 'почта', 'электроннаяпочта', 'емейл', 'пошта', 'електроннапошта'],
    contains: ['email', 'mail', 'почт', 'пошт'],
  },
  phone: {
    exact: ['phone', 'tel', 'telephone', 'mobile', 'phonenumber', 'телефон', 'тел', 'мобильный', 'мобільний'],
    contains: ['phone', 'телефон'],
  },
};

/**
 * Which column holds each field, judged from the header row alone.
 * Exact names win over partial ones, and no column is given to two fields.
 */
export function detectColumns(header: readonly unknown[]): ColumnMapping {
  return detect(header).mapping;
}

function matches(name: string, field: OrderField, pass: 'exact' | 'contains'): boolean {
  const words = SYNONYMS[field][pass];
  return name !== '' && (pass === 'exact' ? words.includes(name) : words.some((w) => name.includes(w)));
}

function detect(header: readonly unknown[]): { mapping: ColumnMapping; names: string[]; taken: Set<number> } {
  const names = header.map(normalizeHeader);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of ORDER_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const index = names.findIndex((name, i) => !taken.has(i) && matches(name, field, pass));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
      }
    }
  }
  return { mapping, names, taken };
}

/** A column whose header names a field that an earlier column already took. */
export interface DuplicateColumn {
  /** 0-based column index of the column left unused. */
  column: number;
  field: OrderField;
  /** The column the field was given. */
  used: number;
}

/**
 * Columns left unused although their header is one of a field's exact names, or
 * contains one of its fragments while the field's column is an exact one of the
 * same name (`Customer`, `Customer`): a second `Amount` column that the reading
 * would otherwise ignore without a word. Columns given to another field are not listed.
 */
export function duplicateColumns(header: readonly unknown[]): DuplicateColumn[] {
  const { mapping, names, taken } = detect(header);
  const out: DuplicateColumn[] = [];
  names.forEach((name, column) => {
    if (taken.has(column) || name === '') return;
    const field = ORDER_FIELDS.find((f) => mapping[f] !== undefined && (matches(name, f, 'exact') || name === names[mapping[f]!]));
    if (field !== undefined) out.push({ column, field, used: mapping[field]! });
  });
  return out;
}

/** True when a header cell is one of a field's exact names or (unless `exactOnly`) contains one of its fragments. */
export function isHeaderOf(field: OrderField, text: unknown, exactOnly = false): boolean {
  const name = normalizeHeader(text);
  return matches(name, field, 'exact') || (!exactOnly && matches(name, field, 'contains'));
}

/** "A", "B", ... "Z", "AA": the letter of a 1-based column. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

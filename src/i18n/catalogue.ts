/**
 * Every user-facing label in English, Russian and Ukrainian. Code never inlines a label:
 * it asks `t(lang, key, params)`.
 */

import { fillMessage, pluralIndex } from './plural';
import { reportMessages } from './messages/reports';
import { addonMessages } from './messages/addon';
import { sidebarMessages } from './messages/sidebar';
import { mailMessages } from './messages/mail';
import { modelMessages } from './messages/model';
import { errorMessages } from './messages/errors';

import type { Lang } from './plural';

export type { Lang };
export const LANGS: readonly Lang[] = ['en', 'ru', 'uk'];

// Labels of the custom functions' tables; each area of the add-on keeps its own
// table in ./messages/<area>.ts and they are merged below.
const functionsEn = {
  'count.new': 'New',
  'count.prospective': 'Prospective',
  'count.regular': 'Regular',
  'recency.active': 'Active',
  'recency.sleeping': 'Sleeping',
  'recency.lapsed': 'Lapsed',
  'col.customer': 'Customer',
  'col.purchases': 'Purchases',
  'col.firstPurchase': 'First purchase',
  'col.lastPurchase': 'Last purchase',
  'col.daysSince': 'Days since last purchase',
  'col.revenue': 'Revenue',
  'col.segment': 'Segment',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cv': 'Variation (CV)',
  'col.revenueShare': 'Revenue share',
  'col.cumulativeShare': 'Cumulative share',
  'col.averageCheck': 'Average check (S)',
  'col.purchasesPerMonth': 'Purchases per month (C)',
  'col.profitability': 'Profitability (P)',
  'col.lifetimeMonths': 'Lifetime, months (t)',
  'col.ltv': 'LTV',
  'col.period': 'Period',
  'col.answers': 'Answers',
  'col.promoters': 'Promoters',
  'col.passives': 'Passives',
  'col.detractors': 'Detractors',
  'col.nps': 'NPS',
  'col.inBase': 'In base',
  'col.boughtInPeriod': 'Bought in period',
  'col.churned': 'Churned',
  'col.usualInterval': 'Usual interval, days',
  'col.lost': 'Lost',
  'col.yearlyValue': 'Yearly value',
  'col.measure': 'Measure',
  'col.value': 'Value',
  'churn.periodStart': 'Period start',
  'churn.periodEnd': 'Period end (as-of date)',
  'churn.base': 'Customers in base',
  'churn.churned': 'Churned',
  'churn.retained': 'Retained',
  'churn.newInPeriod': 'New in period',
  'churn.rate': 'Churn rate',
  'churn.lost': 'Lost customers',
  'churn.lostRate': 'Lost ratio',
  'churn.lostValue': 'Lost revenue a year',
  yes: 'yes',
  no: 'no',
  customers: '{n} {n:customer|customers}',
} as const;

const en = {
  ...functionsEn,
  ...reportMessages.en,
  ...addonMessages.en,
  ...sidebarMessages.en,
  ...mailMessages.en,
  ...modelMessages.en,
  ...errorMessages.en,
};
export type MessageKey = keyof typeof en;
type Catalogue = Record<MessageKey, string>;

const functionsRu: Record<keyof typeof functionsEn, string> = {
  'count.new': 'Новые',
  'count.prospective': 'Перспективные',
  'count.regular': 'Постоянные',
  'recency.active': 'Активные',
  'recency.sleeping': 'Засыпающие',
  'recency.lapsed': 'Уснувшие',
  'col.customer': 'Клиент',
  'col.purchases': 'Покупок',
  'col.firstPurchase': 'Первая покупка',
  'col.lastPurchase': 'Последняя покупка',
  'col.daysSince': 'Дней с последней покупки',
  'col.revenue': 'Выручка',
  'col.segment': 'Сегмент',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cv': 'Вариация (CV)',
  'col.revenueShare': 'Доля выручки',
  'col.cumulativeShare': 'Накопленная доля',
  'col.averageCheck': 'Средний чек (S)',
  'col.purchasesPerMonth': 'Покупок в месяц (C)',
  'col.profitability': 'Рентабельность (P)',
  'col.lifetimeMonths': 'Срок жизни, мес. (t)',
  'col.ltv': 'LTV',
  'col.period': 'Период',
  'col.answers': 'Ответов',
  'col.promoters': 'Промоутеры',
  'col.passives': 'Нейтралы',
  'col.detractors': 'Критики',
  'col.nps': 'NPS',
  'col.inBase': 'В базе',
  'col.boughtInPeriod': 'Покупал в периоде',
  'col.churned': 'Ушёл',
  'col.usualInterval': 'Обычный интервал, дней',
  'col.lost': 'Потерян',
  'col.yearlyValue': 'Ценность в год',
  'col.measure': 'Показатель',
  'col.value': 'Значение',
  'churn.periodStart': 'Начало периода',
  'churn.periodEnd': 'Конец периода (дата расчёта)',
  'churn.base': 'Клиентов в базе',
  'churn.churned': 'Ушли',
  'churn.retained': 'Остались',
  'churn.newInPeriod': 'Новые в периоде',
  'churn.rate': 'Отток',
  'churn.lost': 'Потерянные клиенты',
  'churn.lostRate': 'Доля потерянных',
  'churn.lostValue': 'Потерянная выручка в год',
  yes: 'да',
  no: 'нет',
  customers: '{n} {n:клиент|клиента|клиентов}',
};

const functionsUk: Record<keyof typeof functionsEn, string> = {
  'count.new': 'Нові',
  'count.prospective': 'Перспективні',
  'count.regular': 'Постійні',
  'recency.active': 'Активні',
  'recency.sleeping': 'Засинаючі',
  'recency.lapsed': 'Сплячі',
  'col.customer': 'Клієнт',
  'col.purchases': 'Покупок',
  'col.firstPurchase': 'Перша покупка',
  'col.lastPurchase': 'Остання покупка',
  'col.daysSince': 'Днів з останньої покупки',
  'col.revenue': 'Виручка',
  'col.segment': 'Сегмент',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cv': 'Варіація (CV)',
  'col.revenueShare': 'Частка виручки',
  'col.cumulativeShare': 'Накопичена частка',
  'col.averageCheck': 'Середній чек (S)',
  'col.purchasesPerMonth': 'Покупок на місяць (C)',
  'col.profitability': 'Рентабельність (P)',
  'col.lifetimeMonths': 'Тривалість життя, міс. (t)',
  'col.ltv': 'LTV',
  'col.period': 'Період',
  'col.answers': 'Відповідей',
  'col.promoters': 'Промоутери',
  'col.passives': 'Нейтрали',
  'col.detractors': 'Критики',
  'col.nps': 'NPS',
  'col.inBase': 'У базі',
  'col.boughtInPeriod': 'Купував у періоді',
  'col.churned': 'Пішов',
  'col.usualInterval': 'Звичайний інтервал, днів',
  'col.lost': 'Втрачений',
  'col.yearlyValue': 'Цінність на рік',
  'col.measure': 'Показник',
  'col.value': 'Значення',
  'churn.periodStart': 'Початок періоду',
  'churn.periodEnd': 'Кінець періоду (дата розрахунку)',
  'churn.base': 'Клієнтів у базі',
  'churn.churned': 'Пішли',
  'churn.retained': 'Залишилися',
  'churn.newInPeriod': 'Нові в періоді',
  'churn.rate': 'Відтік',
  'churn.lost': 'Втрачені клієнти',
  'churn.lostRate': 'Частка втрачених',
  'churn.lostValue': 'Втрачена виручка на рік',
  yes: 'так',
  no: 'ні',
  customers: '{n} {n:клієнт|клієнти|клієнтів}',
};

const ru: Catalogue = {
  ...functionsRu,
  ...reportMessages.ru,
  ...addonMessages.ru,
  ...sidebarMessages.ru,
  ...mailMessages.ru,
  ...modelMessages.ru,
  ...errorMessages.ru,
};
const uk: Catalogue = {
  ...functionsUk,
  ...reportMessages.uk,
  ...addonMessages.uk,
  ...sidebarMessages.uk,
  ...mailMessages.uk,
  ...modelMessages.uk,
  ...errorMessages.uk,
};

const CATALOGUES: Record<Lang, Catalogue> = { en, ru, uk };

/** Every message of a language, e.g. to hand the sidebar its labels in one call. */
export function messagesOf(lang: Lang): Readonly<Catalogue> {
  return CATALOGUES[lang];
}

export { pluralIndex };

/** The message in a language, with `{name}` filled and `{n:one|few|many}` plural forms chosen. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fillMessage(lang, CATALOGUES[lang][key], params);
}

/** The language of a locale code (`ru_RU` -> ru, `uk_UA` -> uk); English otherwise. */
export function langOf(locale: string | undefined): Lang {
  const code = (locale || '').toLowerCase().slice(0, 2);
  if (code === 'ru' || code === 'be' || code === 'kk') return 'ru';
  if (code === 'uk') return 'uk';
  return 'en';
}

/** Reads a language argument: en / ru / uk, or English, русский, українська. */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase();
  if (['en', 'eng', 'english', 'английский', 'англійська'].includes(v)) return 'en';
  if (['ru', 'rus', 'russian', 'русский', 'російська'].includes(v)) return 'ru';
  if (['uk', 'ua', 'ukr', 'ukrainian', 'украинский', 'українська'].includes(v)) return 'uk';
  return undefined;
}

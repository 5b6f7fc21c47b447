/**
 * Every user-facing label in English, Russian and Ukrainian. Code never inlines a label:
 * it asks `t(lang, key, params)`.
 */

import { fillMessage, pluralIndex } from './plural';
import { reportMessages } from './messages/reports';
import { teamMessages } from './messages/team';
import { addonMessages } from './messages/addon';
import { sidebarMessages } from './messages/sidebar';
import { mailMessages } from './messages/mail';
import { modelMessages } from './messages/model';
import { errorMessages } from './messages/errors';
import { trendMessages } from './messages/trends';
import { npsMessages } from './messages/nps';
import { campaignMessages } from './messages/campaigns';
import { campaignSettingsMessages } from './messages/campaignSettings';

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
  'col.manager': 'Manager',
  'col.purchases': 'Purchases',
  'col.firstPurchase': 'First purchase',
  'col.lastPurchase': 'Last purchase',
  'col.daysSince': 'Days since last purchase',
  'col.revenue': 'Revenue',
  'col.segment': 'Segment',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cvIntervals': 'Gap variation (CV)',
  'col.cvRevenue': 'Revenue variation (CV, by {period})',
  'col.xyzIntervals': 'XYZ (purchase regularity)',
  'col.xyzRevenue': 'XYZ (revenue by {period})',
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
  'churn.periodEnd': 'Period end (last day)',
  'churn.periodDays': 'Period length, days',
  'churn.base': 'Customers in base',
  'churn.churned': 'Churned',
  'churn.retained': 'Retained',
  'churn.newInPeriod': 'New in period',
  'churn.rate': 'Churn rate',
  'churn.lost': 'Lost customers (as of the as-of date)',
  'churn.oneTimeInterval': 'Usual interval of one-time buyers, days',
  'churn.lostPeriodStart': 'Lost ratio period start',
  'churn.lostPeriodEnd': 'Lost ratio period end (last day)',
  'churn.lostPeriodDays': 'Lost ratio period length, days',
  'churn.atStart': 'Customers at the start (not lost)',
  'churn.lostInPeriod': 'Of them lost at the end',
  'churn.lostRate': 'Lost ratio',
  'churn.wonBack': 'Won back (lost at the start, bought again)',
  'churn.lostValue': 'Lost revenue a year',
  'churn.byManager': "Lost ratio by manager (the manager of the customer's latest order before the period end)",
  'churn.noManager': '(no manager)',
  yes: 'yes',
  no: 'no',
  customers: '{n} {n:customer|customers}',
} as const;

const en = {
  ...functionsEn,
  ...reportMessages.en,
  ...teamMessages.en,
  ...addonMessages.en,
  ...sidebarMessages.en,
  ...mailMessages.en,
  ...modelMessages.en,
  ...errorMessages.en,
  ...trendMessages.en,
  ...npsMessages.en,
  ...campaignMessages.en,
  ...campaignSettingsMessages.en,
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
  'col.manager': 'Менеджер',
  'col.purchases': 'Покупок',
  'col.firstPurchase': 'Первая покупка',
  'col.lastPurchase': 'Последняя покупка',
  'col.daysSince': 'Дней с последней покупки',
  'col.revenue': 'Выручка',
  'col.segment': 'Сегмент',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cvIntervals': 'Вариация интервалов (CV)',
  'col.cvRevenue': 'Вариация выручки (CV, по периодам: {period})',
  'col.xyzIntervals': 'XYZ (регулярность покупок)',
  'col.xyzRevenue': 'XYZ (выручка по периодам: {period})',
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
  'churn.periodEnd': 'Конец периода (последний день)',
  'churn.periodDays': 'Длина периода, дней',
  'churn.base': 'Клиентов в базе',
  'churn.churned': 'Ушли',
  'churn.retained': 'Остались',
  'churn.newInPeriod': 'Новые в периоде',
  'churn.rate': 'Отток',
  'churn.lost': 'Потерянные клиенты (на дату расчёта)',
  'churn.oneTimeInterval': 'Обычный интервал разовых покупателей, дней',
  'churn.lostPeriodStart': 'Начало периода доли потерянных',
  'churn.lostPeriodEnd': 'Конец периода доли потерянных (последний день)',
  'churn.lostPeriodDays': 'Длина периода доли потерянных, дней',
  'churn.atStart': 'Клиентов на начало (не потерянных)',
  'churn.lostInPeriod': 'Из них потеряны к концу',
  'churn.lostRate': 'Доля потерянных',
  'churn.wonBack': 'Возвращены (потеряны на начало, купили снова)',
  'churn.lostValue': 'Потерянная выручка в год',
  'churn.byManager': 'Доля потерянных по менеджерам (менеджер последнего заказа клиента до конца периода)',
  'churn.noManager': '(без менеджера)',
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
  'col.manager': 'Менеджер',
  'col.purchases': 'Покупок',
  'col.firstPurchase': 'Перша покупка',
  'col.lastPurchase': 'Остання покупка',
  'col.daysSince': 'Днів з останньої покупки',
  'col.revenue': 'Виручка',
  'col.segment': 'Сегмент',
  'col.abc': 'ABC',
  'col.xyz': 'XYZ',
  'col.class': 'ABC/XYZ',
  'col.cvIntervals': 'Варіація інтервалів (CV)',
  'col.cvRevenue': 'Варіація виручки (CV, за періодами: {period})',
  'col.xyzIntervals': 'XYZ (регулярність покупок)',
  'col.xyzRevenue': 'XYZ (виручка за періодами: {period})',
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
  'churn.periodEnd': 'Кінець періоду (останній день)',
  'churn.periodDays': 'Довжина періоду, днів',
  'churn.base': 'Клієнтів у базі',
  'churn.churned': 'Пішли',
  'churn.retained': 'Залишилися',
  'churn.newInPeriod': 'Нові в періоді',
  'churn.rate': 'Відтік',
  'churn.lost': 'Втрачені клієнти (на дату розрахунку)',
  'churn.oneTimeInterval': 'Звичайний інтервал разових покупців, днів',
  'churn.lostPeriodStart': 'Початок періоду частки втрачених',
  'churn.lostPeriodEnd': 'Кінець періоду частки втрачених (останній день)',
  'churn.lostPeriodDays': 'Довжина періоду частки втрачених, днів',
  'churn.atStart': 'Клієнтів на початок (не втрачених)',
  'churn.lostInPeriod': 'З них втрачені наприкінці',
  'churn.lostRate': 'Частка втрачених',
  'churn.wonBack': 'Повернені (втрачені на початок, купили знову)',
  'churn.lostValue': 'Втрачена виручка на рік',
  'churn.byManager': 'Частка втрачених за менеджерами (менеджер останнього замовлення клієнта до кінця періоду)',
  'churn.noManager': '(без менеджера)',
  yes: 'так',
  no: 'ні',
  customers: '{n} {n:клієнт|клієнти|клієнтів}',
};

const ru: Catalogue = {
  ...functionsRu,
  ...reportMessages.ru,
  ...teamMessages.ru,
  ...addonMessages.ru,
  ...sidebarMessages.ru,
  ...mailMessages.ru,
  ...modelMessages.ru,
  ...errorMessages.ru,
  ...trendMessages.ru,
  ...npsMessages.ru,
  ...campaignMessages.ru,
  ...campaignSettingsMessages.ru,
};
const uk: Catalogue = {
  ...functionsUk,
  ...reportMessages.uk,
  ...teamMessages.uk,
  ...addonMessages.uk,
  ...sidebarMessages.uk,
  ...mailMessages.uk,
  ...modelMessages.uk,
  ...errorMessages.uk,
  ...trendMessages.uk,
  ...npsMessages.uk,
  ...campaignMessages.uk,
  ...campaignSettingsMessages.uk,
};

const CATALOGUES: Record<Lang, Catalogue> = { en, ru, uk };

/** Every message of a language, e.g. to hand the sidebar its labels in one call. */
export function messagesOf(lang: Lang): Readonly<Catalogue> {
  return CATALOGUES[lang];
}

export { pluralIndex };

/**
 * The message in a language, with `{name}` filled and `{n:one|few|many}` plural forms
 * chosen; numbers written by `showNumber` (plain digits unless given: a locale's
 * marks come from src/core/localeMessages.ts, which knows the spreadsheet's locale).
 */
export function t(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
  showNumber: (n: number) => string = String,
): string {
  return fillMessage(lang, CATALOGUES[lang][key], params, showNumber);
}

/** The language of a locale code (`ru_RU` -> ru, `uk_UA` -> uk); English otherwise. */
export function langOf(locale: string | undefined): Lang {
  const code = (locale || '').toLowerCase().slice(0, 2);
  if (code === 'ru' || code === 'be' || code === 'kk') return 'ru';
  if (code === 'uk') return 'uk';
  return 'en';
}

/** The names a language argument may give, keyed by user text: a Map, so "constructor" finds nothing. */
const LANG_NAMES: ReadonlyMap<string, Lang> = new Map<string, Lang>([
  ...['en', 'eng', 'english', 'английский', 'англійська'].map((name) => [name, 'en'] as const),
  ...['ru', 'rus', 'russian', 'русский', 'російська'].map((name) => [name, 'ru'] as const),
  ...['uk', 'ua', 'ukr', 'ukrainian', 'украинский', 'українська'].map((name) => [name, 'uk'] as const),
]);

/** Reads a language argument: en / ru / uk, or English, русский, українська. */
export function parseLang(value: string): Lang | undefined {
  return LANG_NAMES.get(value.trim().toLowerCase());
}

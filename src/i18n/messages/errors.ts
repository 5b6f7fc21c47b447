import { defineMessages } from './define';

/**
 * Error messages of the custom functions (err.fn.*, shown after "FUNCTION: "),
 * of the core checks they call (err.core.*), and the phrases they are built of
 * (err.expect.*: what a value should have been), in English, Russian and Ukrainian.
 *
 * Argument names (as_of, customers, ...) stay as the function's help shows them.
 * Placeholders: {name} an argument, {value} a cell as the user typed it (quoted, or
 * "empty"), {expected} an err.expect.* phrase. Counted nouns take plural forms in
 * every language (English one|other, Russian and Ukrainian one|few|many).
 */
export const errorMessages = defineMessages({
  en: {
    'err.value.empty': 'empty',
    'err.list.and': '{a} and {b}',
    // Arguments.
    'err.fn.badLanguage': 'language is {value}, not one of en, ru, uk',
    'err.fn.notOneColumn': '{name} must be one column, got {count} {count:column|columns}',
    'err.fn.tableWithoutHeader':
      '{name} has {count} columns; give one column of customers, or the whole orders table with its header row (Date, Customer, Amount ...)',
    'err.fn.differentLengths': '{name} has {count} {count:row|rows} but {other} has {longest}; pass ranges over the same rows',
    'err.fn.asOfEmpty': 'as_of is empty; pass a date such as DATE(2024,12,31), or a cell holding =TODAY()',
    'err.fn.asOfInFuture':
      'as_of is {value}, a date in the future; figures as of a day that has not come would count days that have not happened',
    'err.fn.notExpected': '{name} is {value}, not {expected}',
    'err.fn.listNotANumber': '{name} has {value}, not a number',
    'err.fn.notAChoice': '{name} is {value}, not one of {choices}',
    'err.fn.rowNotExpected': '{name} row {row} is {value}, not {expected}',
    'err.fn.rowEmpty': '{name} row {row} is empty',
    'err.fn.cellNotExpected': '{name} row {row}, column {column} is {value}, not {expected}',
    'err.fn.pairCount': '{name} needs two numbers, such as {a};{b}, got {count}',
    // Raw orders.
    'err.fn.noOrders': 'no orders: customers and dates are empty',
    'err.fn.noPurchasesBeforeAsOf': 'no purchases before as_of {date}: all {rows} {rows:row is|rows are} on or after it, or returns',
    // ABCXYZ.
    'err.fn.abcBoundsCount': 'abc_bounds needs two shares, such as 80%;95%, got {count}',
    'err.fn.abcProfit':
      'abc_basis is {value}, but the orders have no profit or margin column: pass the whole orders table with one, or rank by revenue',
    'err.fn.abcBounds': '{name} is {value}; give two cumulative shares A and B with 0 < A < B <= 100%, such as 80%;95% or 0.8;0.95',
    'err.fn.xyzBounds': '{name} is {value}; give one or two rising coefficients of variation, such as 0.5, or 0.1;0.25',
    'err.fn.xyzIntervalBounds':
      '{name} is {value}; XYZ by purchase intervals takes one bound, the coefficient of variation of the gaps that is still regular (such as 0.5); two bounds are for basis revenue',
    // LIFECYCLE_SEGMENT bands.
    'err.fn.countBands':
      '{name} is {value}; give two whole numbers such as 2;4 (Prospective from 2 purchases, Regular from 4), the first 2 or more and the second larger',
    'err.fn.recencyBands':
      '{name} is {value}; give two whole numbers of days such as 60;180 (Active up to 60 days, Sleeping up to 180), the first 0 or more and the second larger',
    // LIFECYCLE_SEGMENT.
    'err.fn.notBeforeAsOf': '{name} row {row} is {value}, not before as_of',
    // LTV.
    'err.fn.ltvPartEmpty': '{name} is empty; pass S (average check), C (purchases a month), P (profit share) and t (months)',
    'err.fn.ltvPartLength': '{name} has {count} {count:row|rows} but another part has {n}; pass one value or a range over the same rows',
    // NPS.
    'err.fn.npsNoScores': 'scores are empty; NPS needs at least one score from 0 to 10',
    'err.fn.npsNoScoresBeforeAsOf': 'no scores dated before as_of; NPS needs at least one score from 0 to 10',
    // CHURN_RATE.
    'err.fn.churnBaseEmpty': 'customers_at_start is empty',
    'err.fn.churnLostOverBase': 'customers_lost row {row} is {lost}, more than the {base} customers at start',
    // Predictive functions.
    'err.fn.amountsEmpty': 'amounts are empty; the spend model needs the amount of each order',
    'err.fn.allOnOneDay': 'the dates are all one day, {date}; the model needs purchases on different days, with repeat purchases',
    'err.fn.modelSize':
      'model has {count} {count:value|values}; pass r, alpha (days), a, b (4 numbers) or those and p, q, v (7 numbers), e.g. the value column of CLV_MODEL',
    'err.fn.modelSizeWithSpend':
      'model has {count} {count:value|values}; pass r, alpha (days), a, b, p, q, v (7 numbers), e.g. the value column of CLV_MODEL',
    'err.fn.modelValue': 'model value {index} ({param}) is {value}, not a number from 0.0000001 to 10,000,000,000,000',
    'err.fn.modelRate': 'model value 1 (r) is {value}, not a number from 0.0000001 to 1000',
    'err.fn.param.alphaDays': 'alpha (days)',
    'err.fn.historyEmpty':
      'x is empty; pass repeat purchases x, days from first to last purchase t_x and days from first purchase to the period end T per customer',
    'err.fn.txAfterT': 't_x row {row} is {tx}, more than T ({T}): the last purchase cannot come after the period end',
    'err.fn.txWithoutRepeat': 't_x row {row} is {tx} but x is 0: without repeat purchases the last purchase is the first, t_x = 0',
    'err.fn.averageEmpty': 'average_amount row {row} is empty; use 0 for customers without repeat purchases',
    // What a value should have been: "..., not {expected}".
    'err.expect.number': 'a number',
    'err.expect.date': 'a date',
    'err.expect.margin': 'a margin',
    'err.expect.score': 'a whole number from 0 to 10',
    'err.expect.wholePurchases': 'a whole number of purchases, 1 or more',
    'err.expect.wholeRepeatPurchases': 'a whole number of repeat purchases from 0 to 36500',
    'err.expect.days': 'a number of days from 0 to 36500',
    'err.expect.dayCount': 'a whole number of days from 1 to 36500',
    'err.expect.amountInRange': 'an amount from -10,000,000,000,000 to 10,000,000,000,000',
    'err.expect.averageCheck': 'an amount from 0 to 10,000,000,000,000',
    'err.expect.purchasesPerMonth': 'a number of purchases a month from 0 to 1,000,000',
    'err.expect.marginShare': 'a margin from 0 to 100%, such as 25%, 0.25 or 25',
    'err.expect.lifetimeMonths': 'a number of months from 0 to 1200',
    'err.expect.averageAmount': 'an amount from 0 to 10,000,000,000,000 (the average of the repeat purchases)',
    'err.expect.wholeCustomers': 'a whole number of customers',
    'err.expect.daysRange': 'a number of days from 1 to 36500',
    'err.expect.monthsRange': 'a whole number of months from 1 to 1200',
    'err.expect.monthlyRate': 'a monthly rate from 0 to below 100%, such as 1% or 0.01',
    // Core checks (a custom function shows them after its name).
    'err.core.abcBounds': 'ABC bounds must be two shares with 0 < A < B <= 1, such as 0.8 and 0.95 (or 80% and 95%), got {a} and {b}',
    'err.core.abcProfit': 'ABC by profit needs a profit or margin column in the orders, and they have none: rank by revenue instead',
    'err.core.xyzBounds': 'XYZ bounds must be one or two rising coefficients of variation such as 0.5, or 0.1 and 0.25, got {values}',
    'err.core.xyzIntervalBounds':
      'XYZ by purchase intervals takes one bound, the coefficient of variation of the gaps that is still regular (such as 0.5), got {values}; two bounds are for basis revenue',
    'err.core.periodDays': 'period must be a whole number of days, 1 or more, got {value}',
    'err.core.lookbackDays': 'lookback must be a whole number of days, 1 or more, got {value}',
    'err.core.lostFactor': 'factor must be a positive number such as 1.33, got {value}',
    'err.core.countBands':
      'count bands must be two whole numbers such as 2 and 4 (Prospective from 2 purchases, Regular from 4), got {a} and {b}',
    'err.core.recencyBands':
      'recency bands must be two whole numbers of days such as 60 and 180 (Active up to 60 days, Sleeping up to 180), got {a} and {b}',
    'err.core.margin': 'margin must be a share from 0 to 1 (or a percent from 0% to 100%, such as 25%), got {value}',
    'err.core.npsScore': 'score {value} is not a whole number from 0 to 10',
    'err.core.npsEmpty': 'NPS needs at least one score from 0 to 10',
    // NPS tab (issue 14: NPS joined with customers).
    'err.nps.field.customer': 'respondent',
    'err.nps.field.date': 'date',
    'err.nps.field.score': 'score',
    'err.nps.field.comment': 'comment',
    'err.nps.emptySheet': 'The NPS tab "{name}" is empty.',
    'err.nps.missingColumns': 'The NPS tab "{name}" has no {fields} column. Map it in the sidebar.',
    'err.nps.columnOutside': 'Column {column} for the {field} is outside the NPS tab "{name}", which has {count} {count:column|columns}.',
    'err.nps.sheetMissing': 'There is no tab "{name}" for the NPS answers.',
    'err.nps.detractorDays': 'detractor days must be a whole number from 1 to {max}, got {value}',
    // Campaigns (src/core/campaigns).
    'err.core.campaignSegment': 'campaign {campaign}: segment {value} is not one of {valid}',
    'err.core.campaignRange':
      'campaign {campaign}: {name} from {min} to {max} is not a range; both ends are numbers {bounds}, the first not above the second',
    'err.core.campaignMinPurchases': 'campaign {campaign}: purchases at least must be a whole number, 1 or more, got {value}',
    'err.core.campaignDetractorDays':
      'campaign {campaign}: NPS detractors of the last N days needs a whole number of days, 1 or more, got {value}',
    'err.core.controlShare': 'campaign {campaign}: the control group share must be from 0 to 50%, got {value}',
    // The locale rule (docs/definitions.md): a text date in the other day/month order than the spreadsheet's.
    'err.expect.dateMonthFirst':
      "a date as month/day/year, the order of this spreadsheet's locale (it reads only as day/month: write it as YYYY-MM-DD or change File > Settings > Locale)",
    'err.expect.dateDayFirst':
      "a date as day/month/year, the order of this spreadsheet's locale (it reads only as month/day: write it as YYYY-MM-DD or change File > Settings > Locale)",
  },
  ru: {
    'err.value.empty': 'пусто',
    'err.list.and': '{a} и {b}',
    'err.fn.badLanguage': 'language = {value}; допустимо en, ru, uk',
    'err.fn.notOneColumn': 'аргумент {name} должен быть одним столбцом, а в нём {count} {count:столбец|столбца|столбцов}',
    'err.fn.tableWithoutHeader':
      'в аргументе {name} {count} {count:столбец|столбца|столбцов}; укажите один столбец клиентов или всю таблицу заказов со строкой заголовков (Дата, Клиент, Сумма ...)',
    'err.fn.differentLengths':
      'в {name} {count} {count:строка|строки|строк}, а в {other} — {longest}; передайте диапазоны по одним и тем же строкам',
    'err.fn.asOfEmpty': 'as_of не указан; передайте дату, например DATE(2024,12,31), или ячейку с =TODAY()',
    'err.fn.asOfInFuture':
      'as_of = {value} — дата в будущем; показатели на день, который ещё не наступил, учли бы дни, которых ещё не было',
    'err.fn.notExpected': '{name} = {value}; ожидается {expected}',
    'err.fn.listNotANumber': 'в {name} есть {value}; ожидается число',
    'err.fn.notAChoice': '{name} = {value}; допустимо: {choices}',
    'err.fn.rowNotExpected': '{name}, строка {row}: {value}; ожидается {expected}',
    'err.fn.rowEmpty': '{name}, строка {row}: пусто',
    'err.fn.cellNotExpected': '{name}, строка {row}, столбец {column}: {value}; ожидается {expected}',
    'err.fn.pairCount': 'в {name} нужны два числа, например {a};{b}, а указано {count} {count:число|числа|чисел}',
    'err.fn.noOrders': 'нет заказов: customers и dates пусты',
    'err.fn.noPurchasesBeforeAsOf':
      'нет покупок до as_of {date}: из {rows} {rows:прочитанной строки|прочитанных строк|прочитанных строк} все — в этот день или позже либо возвраты',
    'err.fn.abcBoundsCount': 'в abc_bounds нужны две доли, например 80%;95%, а указано {count} {count:число|числа|чисел}',
    'err.fn.abcProfit':
      'abc_basis = {value}, но в заказах нет столбца прибыли или маржи: передайте всю таблицу заказов с ним или ранжируйте по выручке',
    'err.fn.abcBounds': '{name} = {value}; укажите две накопленные доли A и B, 0 < A < B <= 100%, например 80%;95% или 0,8;0,95',
    'err.fn.xyzBounds': '{name} = {value}; укажите один или два возрастающих коэффициента вариации, например 0,5 или 0,1;0,25',
    'err.fn.xyzIntervalBounds':
      '{name} = {value}; XYZ по интервалам между покупками принимает одну границу — коэффициент вариации интервалов, который ещё считается регулярным (например 0,5); две границы — для основы «выручка»',
    'err.fn.countBands':
      '{name} = {value}; укажите два целых числа, например 2;4 (Перспективные — от 2 покупок, Постоянные — от 4): первое 2 или больше, второе больше первого',
    'err.fn.recencyBands':
      '{name} = {value}; укажите два целых числа дней, например 60;180 (Активные — до 60 дней, Засыпающие — до 180): первое 0 или больше, второе больше первого',
    'err.fn.notBeforeAsOf': '{name}, строка {row}: {value}; ожидается дата раньше as_of',
    'err.fn.ltvPartEmpty': '{name} не указан; передайте S (средний чек), C (покупок в месяц), P (доля прибыли) и t (срок в месяцах)',
    'err.fn.ltvPartLength':
      'в {name} {count} {count:строка|строки|строк}, а в другой части — {n}; передайте одно значение или диапазон по тем же строкам',
    'err.fn.npsNoScores': 'в scores нет оценок; для NPS нужна хотя бы одна оценка от 0 до 10',
    'err.fn.npsNoScoresBeforeAsOf': 'нет оценок с датой раньше as_of; для NPS нужна хотя бы одна оценка от 0 до 10',
    'err.fn.churnBaseEmpty': 'в customers_at_start нет значений',
    'err.fn.churnLostOverBase': 'customers_lost, строка {row}: {lost} — больше, чем {base} {base:клиент|клиента|клиентов} на начало',
    'err.fn.amountsEmpty': 'в amounts нет сумм; модели трат нужна сумма каждого заказа',
    'err.fn.allOnOneDay': 'все даты (dates) — один день, {date}; модели нужны покупки в разные дни, в том числе повторные',
    'err.fn.modelSize':
      'в model {count} {count:значение|значения|значений}; передайте r, alpha (дни), a, b (4 числа) или их же и p, q, v (7 чисел), например столбец значений CLV_MODEL',
    'err.fn.modelSizeWithSpend':
      'в model {count} {count:значение|значения|значений}; передайте r, alpha (дни), a, b, p, q, v (7 чисел), например столбец значений CLV_MODEL',
    'err.fn.modelValue': 'model, значение {index} ({param}): {value}; ожидается число от 0,0000001 до 10 000 000 000 000',
    'err.fn.modelRate': 'model, значение 1 (r): {value}; ожидается число от 0,0000001 до 1000',
    'err.fn.param.alphaDays': 'alpha (дни)',
    'err.fn.historyEmpty':
      'x не указан; передайте для каждого клиента повторные покупки x, дни от первой до последней покупки t_x и дни от первой покупки до конца периода T',
    'err.fn.txAfterT': 't_x, строка {row}: {tx} — больше T ({T}): последняя покупка не может быть позже конца периода',
    'err.fn.txWithoutRepeat': 't_x, строка {row}: {tx}, но x = 0: без повторных покупок последняя покупка — это первая, t_x = 0',
    'err.fn.averageEmpty': 'average_amount, строка {row}: пусто; для клиентов без повторных покупок укажите 0',
    'err.expect.number': 'число',
    'err.expect.date': 'дата',
    'err.expect.margin': 'маржа',
    'err.expect.score': 'целое число от 0 до 10',
    'err.expect.wholePurchases': 'целое число покупок, 1 или больше',
    'err.expect.wholeRepeatPurchases': 'целое число повторных покупок от 0 до 36500',
    'err.expect.days': 'число дней от 0 до 36500',
    'err.expect.dayCount': 'целое число дней от 1 до 36500',
    'err.expect.amountInRange': 'сумма от -10 000 000 000 000 до 10 000 000 000 000',
    'err.expect.averageCheck': 'сумма от 0 до 10 000 000 000 000',
    'err.expect.purchasesPerMonth': 'число покупок в месяц от 0 до 1 000 000',
    'err.expect.marginShare': 'маржа от 0 до 100%, например 25%, 0,25 или 25',
    'err.expect.lifetimeMonths': 'число месяцев от 0 до 1200',
    'err.expect.averageAmount': 'сумма от 0 до 10 000 000 000 000 (средняя повторная покупка)',
    'err.expect.wholeCustomers': 'целое число клиентов',
    'err.expect.daysRange': 'число дней от 1 до 36500',
    'err.expect.monthsRange': 'целое число месяцев от 1 до 1200',
    'err.expect.monthlyRate': 'месячная ставка от 0 и меньше 100%, например 1% или 0,01',
    'err.core.abcBounds': 'границы ABC должны быть двумя долями, 0 < A < B <= 1, например 0,8 и 0,95 (или 80% и 95%); указано {a} и {b}',
    'err.core.abcProfit': 'ABC по прибыли требует столбца прибыли или маржи в заказах, а его нет: ранжируйте по выручке',
    'err.core.xyzBounds':
      'границы XYZ должны быть одним или двумя возрастающими коэффициентами вариации, например 0,5 или 0,1 и 0,25; указано {values}',
    'err.core.xyzIntervalBounds':
      'XYZ по интервалам между покупками принимает одну границу — коэффициент вариации интервалов, который ещё считается регулярным (например 0,5); указано {values}; две границы — для основы «выручка»',
    'err.core.periodDays': 'период должен быть целым числом дней, 1 или больше; указано {value}',
    'err.core.lookbackDays': 'глубина истории должна быть целым числом дней, 1 или больше; указано {value}',
    'err.core.lostFactor': 'коэффициент должен быть положительным числом, например 1,33; указано {value}',
    'err.core.countBands':
      'границы по числу покупок должны быть двумя целыми числами, например 2 и 4 (Перспективные — от 2 покупок, Постоянные — от 4); указано {a} и {b}',
    'err.core.recencyBands':
      'границы по давности покупки должны быть двумя целыми числами дней, например 60 и 180 (Активные — до 60 дней, Засыпающие — до 180); указано {a} и {b}',
    'err.core.margin': 'маржа должна быть долей от 0 до 1 (или процентом от 0% до 100%, например 25%); указано {value}',
    'err.core.npsScore': 'оценка {value} — не целое число от 0 до 10',
    'err.core.npsEmpty': 'для NPS нужна хотя бы одна оценка от 0 до 10',
    // Лист NPS (задача 14).
    'err.nps.field.customer': 'респондент',
    'err.nps.field.date': 'дата',
    'err.nps.field.score': 'оценка',
    'err.nps.field.comment': 'комментарий',
    'err.nps.emptySheet': 'Лист NPS «{name}» пуст.',
    'err.nps.missingColumns': 'На листе NPS «{name}» нет столбца: {fields}. Укажите его в панели.',
    'err.nps.columnOutside':
      'Столбец {column} ({field}) за пределами листа NPS «{name}», в котором {count} {count:столбец|столбца|столбцов}.',
    'err.nps.sheetMissing': 'Листа «{name}» с ответами NPS нет.',
    'err.nps.detractorDays': 'дней для критиков должно быть целое число от 1 до {max}; указано {value}',
    // Кампании (src/core/campaigns).
    'err.core.campaignSegment': 'кампания {campaign}: сегмент {value} — не один из {valid}',
    'err.core.campaignRange':
      'кампания {campaign}: {name} от {min} до {max} — не диапазон; оба конца — числа {bounds}, первый не больше второго',
    'err.core.campaignMinPurchases': 'кампания {campaign}: «покупок не меньше» должно быть целым числом, 1 или больше; указано {value}',
    'err.core.campaignDetractorDays':
      'кампания {campaign}: для критиков NPS за последние N дней нужно целое число дней, 1 или больше; указано {value}',
    'err.core.controlShare': 'кампания {campaign}: доля контрольной группы должна быть от 0 до 50%; указано {value}',
    // Правило локали (docs/definitions.md): текстовая дата в другом порядке дня и месяца, чем у таблицы.
    'err.expect.dateMonthFirst':
      'дата в порядке месяц/день/год, как в локали этой таблицы (читается только как день/месяц: запишите её как ГГГГ-ММ-ДД или смените Файл > Настройки > Региональные настройки)',
    'err.expect.dateDayFirst':
      'дата в порядке день/месяц/год, как в локали этой таблицы (читается только как месяц/день: запишите её как ГГГГ-ММ-ДД или смените Файл > Настройки > Региональные настройки)',
  },
  uk: {
    'err.value.empty': 'порожньо',
    'err.list.and': '{a} і {b}',
    'err.fn.badLanguage': 'language = {value}; допустимо en, ru, uk',
    'err.fn.notOneColumn': 'аргумент {name} має бути одним стовпцем, а в ньому {count} {count:стовпець|стовпці|стовпців}',
    'err.fn.tableWithoutHeader':
      'в аргументі {name} {count} {count:стовпець|стовпці|стовпців}; вкажіть один стовпець клієнтів або всю таблицю замовлень із рядком заголовків (Дата, Клієнт, Сума ...)',
    'err.fn.differentLengths':
      'у {name} {count} {count:рядок|рядки|рядків}, а в {other} — {longest}; передайте діапазони по тих самих рядках',
    'err.fn.asOfEmpty': 'as_of не вказано; передайте дату, наприклад DATE(2024,12,31), або клітинку з =TODAY()',
    'err.fn.asOfInFuture': 'as_of = {value} — дата в майбутньому; показники на день, який ще не настав, врахували б дні, яких ще не було',
    'err.fn.notExpected': '{name} = {value}; очікується {expected}',
    'err.fn.listNotANumber': 'у {name} є {value}; очікується число',
    'err.fn.notAChoice': '{name} = {value}; допустимо: {choices}',
    'err.fn.rowNotExpected': '{name}, рядок {row}: {value}; очікується {expected}',
    'err.fn.rowEmpty': '{name}, рядок {row}: порожньо',
    'err.fn.cellNotExpected': '{name}, рядок {row}, стовпець {column}: {value}; очікується {expected}',
    'err.fn.pairCount': 'у {name} потрібні два числа, наприклад {a};{b}, а вказано {count} {count:число|числа|чисел}',
    'err.fn.noOrders': 'немає замовлень: customers і dates порожні',
    'err.fn.noPurchasesBeforeAsOf':
      'немає покупок до as_of {date}: з {rows} {rows:прочитаного рядка|прочитаних рядків|прочитаних рядків} усі — у цей день або пізніше чи повернення',
    'err.fn.abcBoundsCount': 'у abc_bounds потрібні дві частки, наприклад 80%;95%, а вказано {count} {count:число|числа|чисел}',
    'err.fn.abcProfit':
      'abc_basis = {value}, але в замовленнях немає стовпця прибутку чи маржі: передайте всю таблицю замовлень із ним або ранжуйте за виручкою',
    'err.fn.abcBounds': '{name} = {value}; вкажіть дві накопичені частки A і B, 0 < A < B <= 100%, наприклад 80%;95% або 0,8;0,95',
    'err.fn.xyzBounds': '{name} = {value}; вкажіть один або два зростаючі коефіцієнти варіації, наприклад 0,5 або 0,1;0,25',
    'err.fn.xyzIntervalBounds':
      '{name} = {value}; XYZ за інтервалами між покупками приймає одну межу — коефіцієнт варіації інтервалів, який ще вважається регулярним (наприклад 0,5); дві межі — для основи «виручка»',
    'err.fn.countBands':
      '{name} = {value}; вкажіть два цілі числа, наприклад 2;4 (Перспективні — від 2 покупок, Постійні — від 4): перше 2 або більше, друге більше за перше',
    'err.fn.recencyBands':
      '{name} = {value}; вкажіть два цілі числа днів, наприклад 60;180 (Активні — до 60 днів, Засинаючі — до 180): перше 0 або більше, друге більше за перше',
    'err.fn.notBeforeAsOf': '{name}, рядок {row}: {value}; очікується дата, раніша за as_of',
    'err.fn.ltvPartEmpty':
      '{name} не вказано; передайте S (середній чек), C (покупок на місяць), P (частка прибутку) і t (строк у місяцях)',
    'err.fn.ltvPartLength':
      'у {name} {count} {count:рядок|рядки|рядків}, а в іншій частині — {n}; передайте одне значення або діапазон по тих самих рядках',
    'err.fn.npsNoScores': 'у scores немає оцінок; для NPS потрібна хоча б одна оцінка від 0 до 10',
    'err.fn.npsNoScoresBeforeAsOf': 'немає оцінок з датою, ранішою за as_of; для NPS потрібна хоча б одна оцінка від 0 до 10',
    'err.fn.churnBaseEmpty': 'у customers_at_start немає значень',
    'err.fn.churnLostOverBase': 'customers_lost, рядок {row}: {lost} — більше, ніж {base} {base:клієнт|клієнти|клієнтів} на початок',
    'err.fn.amountsEmpty': 'у amounts немає сум; моделі витрат потрібна сума кожного замовлення',
    'err.fn.allOnOneDay': 'усі дати (dates) — один день, {date}; моделі потрібні покупки в різні дні, зокрема повторні',
    'err.fn.modelSize':
      'у model {count} {count:значення|значення|значень}; передайте r, alpha (дні), a, b (4 числа) або їх же і p, q, v (7 чисел), наприклад стовпець значень CLV_MODEL',
    'err.fn.modelSizeWithSpend':
      'у model {count} {count:значення|значення|значень}; передайте r, alpha (дні), a, b, p, q, v (7 чисел), наприклад стовпець значень CLV_MODEL',
    'err.fn.modelValue': 'model, значення {index} ({param}): {value}; очікується число від 0,0000001 до 10 000 000 000 000',
    'err.fn.modelRate': 'model, значення 1 (r): {value}; очікується число від 0,0000001 до 1000',
    'err.fn.param.alphaDays': 'alpha (дні)',
    'err.fn.historyEmpty':
      'x не вказано; передайте для кожного клієнта повторні покупки x, дні від першої до останньої покупки t_x і дні від першої покупки до кінця періоду T',
    'err.fn.txAfterT': 't_x, рядок {row}: {tx} — більше за T ({T}): остання покупка не може бути пізніше кінця періоду',
    'err.fn.txWithoutRepeat': 't_x, рядок {row}: {tx}, але x = 0: без повторних покупок остання покупка — це перша, t_x = 0',
    'err.fn.averageEmpty': 'average_amount, рядок {row}: порожньо; для клієнтів без повторних покупок вкажіть 0',
    'err.expect.number': 'число',
    'err.expect.date': 'дата',
    'err.expect.margin': 'маржа',
    'err.expect.score': 'ціле число від 0 до 10',
    'err.expect.wholePurchases': 'ціле число покупок, 1 або більше',
    'err.expect.wholeRepeatPurchases': 'ціле число повторних покупок від 0 до 36500',
    'err.expect.days': 'кількість днів від 0 до 36500',
    'err.expect.dayCount': 'ціле число днів від 1 до 36500',
    'err.expect.amountInRange': 'сума від -10 000 000 000 000 до 10 000 000 000 000',
    'err.expect.averageCheck': 'сума від 0 до 10 000 000 000 000',
    'err.expect.purchasesPerMonth': 'кількість покупок на місяць від 0 до 1 000 000',
    'err.expect.marginShare': 'маржа від 0 до 100%, наприклад 25%, 0,25 або 25',
    'err.expect.lifetimeMonths': 'кількість місяців від 0 до 1200',
    'err.expect.averageAmount': 'сума від 0 до 10 000 000 000 000 (середня повторна покупка)',
    'err.expect.wholeCustomers': 'ціле число клієнтів',
    'err.expect.daysRange': 'кількість днів від 1 до 36500',
    'err.expect.monthsRange': 'ціле число місяців від 1 до 1200',
    'err.expect.monthlyRate': 'місячна ставка від 0 і менше 100%, наприклад 1% або 0,01',
    'err.core.abcBounds': 'межі ABC мають бути двома частками, 0 < A < B <= 1, наприклад 0,8 і 0,95 (або 80% і 95%); вказано {a} і {b}',
    'err.core.abcProfit': 'ABC за прибутком потребує стовпця прибутку чи маржі в замовленнях, а його немає: ранжуйте за виручкою',
    'err.core.xyzBounds':
      'межі XYZ мають бути одним або двома зростаючими коефіцієнтами варіації, наприклад 0,5 або 0,1 і 0,25; вказано {values}',
    'err.core.xyzIntervalBounds':
      'XYZ за інтервалами між покупками приймає одну межу — коефіцієнт варіації інтервалів, який ще вважається регулярним (наприклад 0,5); вказано {values}; дві межі — для основи «виручка»',
    'err.core.periodDays': 'період має бути цілим числом днів, 1 або більше; вказано {value}',
    'err.core.lookbackDays': 'глибина історії має бути цілим числом днів, 1 або більше; вказано {value}',
    'err.core.lostFactor': 'коефіцієнт має бути додатним числом, наприклад 1,33; вказано {value}',
    'err.core.countBands':
      'межі за кількістю покупок мають бути двома цілими числами, наприклад 2 і 4 (Перспективні — від 2 покупок, Постійні — від 4); вказано {a} і {b}',
    'err.core.recencyBands':
      'межі за давністю покупки мають бути двома цілими числами днів, наприклад 60 і 180 (Активні — до 60 днів, Засинаючі — до 180); вказано {a} і {b}',
    'err.core.margin': 'маржа має бути часткою від 0 до 1 (або відсотком від 0% до 100%, наприклад 25%); вказано {value}',
    'err.core.npsScore': 'оцінка {value} — не ціле число від 0 до 10',
    'err.core.npsEmpty': 'для NPS потрібна хоча б одна оцінка від 0 до 10',
    // Аркуш NPS (задача 14).
    'err.nps.field.customer': 'респондент',
    'err.nps.field.date': 'дата',
    'err.nps.field.score': 'оцінка',
    'err.nps.field.comment': 'коментар',
    'err.nps.emptySheet': 'Аркуш NPS «{name}» порожній.',
    'err.nps.missingColumns': 'На аркуші NPS «{name}» немає стовпця: {fields}. Вкажіть його в панелі.',
    'err.nps.columnOutside':
      'Стовпець {column} ({field}) поза межами аркуша NPS «{name}», у якому {count} {count:стовпець|стовпці|стовпців}.',
    'err.nps.sheetMissing': 'Аркуша «{name}» з відповідями NPS немає.',
    'err.nps.detractorDays': 'днів для критиків має бути ціле число від 1 до {max}; вказано {value}',
    // Кампанії (src/core/campaigns).
    'err.core.campaignSegment': 'кампанія {campaign}: сегмент {value} — не один із {valid}',
    'err.core.campaignRange':
      'кампанія {campaign}: {name} від {min} до {max} — не діапазон; обидва кінці — числа {bounds}, перший не більший за другий',
    'err.core.campaignMinPurchases': 'кампанія {campaign}: «покупок не менше» має бути цілим числом, 1 або більше; вказано {value}',
    'err.core.campaignDetractorDays':
      'кампанія {campaign}: для критиків NPS за останні N днів потрібне ціле число днів, 1 або більше; вказано {value}',
    'err.core.controlShare': 'кампанія {campaign}: частка контрольної групи має бути від 0 до 50%; вказано {value}',
    // Правило локалі (docs/definitions.md): текстова дата в іншому порядку дня й місяця, ніж у таблиці.
    'err.expect.dateMonthFirst':
      'дата в порядку місяць/день/рік, як у локалі цієї таблиці (читається лише як день/місяць: запишіть її як РРРР-ММ-ДД або змініть Файл > Налаштування > Регіональні налаштування)',
    'err.expect.dateDayFirst':
      'дата в порядку день/місяць/рік, як у локалі цієї таблиці (читається лише як місяць/день: запишіть її як РРРР-ММ-ДД або змініть Файл > Налаштування > Регіональні налаштування)',
  },
});

export type ErrorKey = keyof typeof errorMessages.en;

import { defineMessages } from './define';

/**
 * Messages of the model area (predictive functions, suggested bands, model check
 * report), in English, Russian and Ukrainian.
 */
export const modelMessages = defineMessages({
  en: {
    // Columns of the predictive functions' tables.
    'model.col.repeatPurchases': 'Repeat purchases (x)',
    'model.col.tx': 'Days from first to last purchase (t_x)',
    'model.col.T': 'Days from first purchase to period end (T)',
    'model.col.averageRepeat': 'Average repeat purchase',
    'model.col.pAlive': 'P(alive)',
    'model.col.expectedPurchasesDays': 'Expected purchases, next {days} {days:day|days}',
    'model.col.expectedPurchasesMonths': 'Expected purchases, next {months} {months:month|months}',
    'model.col.expectedAmount': 'Expected amount per purchase',
    'model.col.clv': 'CLV, next {months} {months:month|months}',
    'model.col.parameter': 'Parameter',
    'model.col.standardError': 'Standard error',
    'model.col.meaning': 'Meaning',
    // CLV_MODEL rows.
    'model.param.alphaDays': 'α (days)',
    'model.param.alphaWeeks': 'α (weeks)',
    'model.meaning.r': 'How much customers differ in how often they buy (BG/NBD): the smaller r, the more they differ',
    'model.meaning.alphaDays': 'Time scale of buying: while still a customer, one buys r / α times a day on average',
    'model.meaning.alphaWeeks': 'The same α in weeks: r / α purchases a week on average',
    'model.meaning.a': 'With b, the chance of stopping: after each repeat purchase, a / (a + b) of customers stop buying on average',
    'model.meaning.b': 'See a',
    'model.meaning.p': 'How much one customer’s amounts vary from purchase to purchase (Gamma-Gamma): the larger p, the steadier',
    'model.meaning.q': 'With v, how much customers’ average amounts differ',
    'model.meaning.v': 'With p and q, the average amount per purchase is p·v / (q − 1)',
    'model.row.logLikelihood': 'Log-likelihood (BG/NBD, days)',
    'model.row.customers': 'Customers',
    'model.row.repeatBuyers': 'Customers who bought more than once',
    'model.row.newCustomer': 'Expected repeat purchases of a new customer in 365 days',
    'model.row.meanAmount': 'Average amount per purchase, p·v / (q − 1)',
    'model.param.commonDropout': 'Chance of stopping after each repeat purchase, a / (a + b)',
    'model.se.notIdentified': 'not identified',
    'model.note.commonDropout':
      'Customers do not differ in the chance of stopping: the data fit best when everyone stops with the same chance after each repeat purchase, a / (a + b). a and b only stand for that limit (a + b = 10^12) and cannot be estimated apart; their ratio can.',
    // SUGGEST_BANDS.
    'model.bands.col.bound': 'Bound',
    'model.bands.col.suggested': 'Suggested',
    'model.bands.col.default': 'Default',
    'model.bands.col.why': 'Why',
    'model.bands.prospective': 'Prospective from, purchases',
    'model.bands.regular': 'Regular from, purchases',
    'model.bands.active': 'Active up to, days since last purchase',
    'model.bands.sleeping': 'Sleeping up to, days since last purchase',
    'model.bands.why.prospective': '{share}% of customers bought only once; a second purchase makes a customer Prospective',
    'model.bands.why.regular':
      '{share}% of the customers who came back made {median} {median:purchase|purchases} or fewer; from {from} purchases a customer is Regular ({regularShare}% of customers)',
    'model.bands.why.active':
      '{share}% of repeat purchases came within {days} {days:day|days} of the previous one: customers silent no longer than that are Active',
    'model.bands.why.sleeping':
      '{share}% of repeat purchases came within {days} {days:day|days} of the previous one: customers silent longer than that are Lapsed',
    'model.bands.error.tooFewRepeatPurchases':
      "only {count} repeat {countN:purchase|purchases} in the data (purchases after a customer's first); at least {minimum} are needed to suggest bands",
    // Model check report.
    // Errors of the predictive models ({nameN} picks the plural form of {name}).
    'model.field.x': 'repeat purchases',
    'model.field.tx': 'days from first to last purchase',
    'model.field.T': 'days from first purchase to the end of the period',
    'model.field.monetary': 'average repeat purchase amount',
    'model.error.noCustomers': '{model}: no customers were given; at least 2 customers are needed to fit the model',
    'model.error.tooFewCustomers':
      '{model}: only {count} {countN:customer was|customers were} given; at least 2 customers are needed to fit the model',
    'model.error.tooFewRepeatBuyers':
      'BG/NBD: only {repeatBuyers} of {customers} customers bought more than once; at least {minimum} repeat buyers are needed to fit the model',
    'model.error.allOnOneDay':
      'BG/NBD: each of the {customers} customers made all purchases on the day of the first one; the model needs repeat purchases on later days',
    'model.error.tooFewSpenders':
      'Gamma-Gamma: only {spenders} of {customers} customers have repeat purchases with a positive amount; at least {minimum} are needed to fit the spend model',
    'model.error.spendDoesNotVary':
      'Gamma-Gamma: all {spenders} repeat buyers have the same average purchase amount; the spend model needs amounts that differ between customers',
    'model.error.notFinite': '{model}: customer {customer} has {field} = {value}; it must be a number',
    'model.error.negative': '{model}: customer {customer} has {field} = {value}; it cannot be negative',
    'model.error.notWhole': '{model}: customer {customer} has {value} repeat purchases; it must be a whole number',
    'model.error.lastAfterEnd':
      '{model}: customer {customer} has the last purchase {tx} days after the first, later than the end of the period ({T} days after the first)',
    'model.error.lastWithoutRepeat': '{model}: customer {customer} has no repeat purchases but the last purchase {tx} days after the first',
    'model.error.notConverged':
      '{model}: the model fit did not converge; the data may be too few or too irregular for this model (try a longer period or more customers)',
    'model.error.infiniteMeanSpend':
      'Gamma-Gamma: average amounts differ so much between customers that no average can be predicted for customers without repeat purchases (q = {q}, it must be above 1)',
    'model.error.badUnit': 'BG/NBD: unit = {value}; it must be "day" or "week"',
    'model.error.badMonths': 'CLV: months = {value}; it must be a whole number from 1 to 1200',
    'model.error.badDiscountRate': 'CLV: monthly discount rate = {value}; it must be a number of at least 0',
    'model.check.sheetName': 'Model check',
    'model.check.title': 'Model check: predicted vs actual repeat purchases',
    'model.check.intro':
      'The BG/NBD model is fitted on the purchases before the split date and predicts each customer’s purchases after it; the holdout shows what really happened. Customers whose first purchase is in the holdout are left out.',
    'model.check.asOf': 'As of',
    'model.check.source': 'Orders sheet',
    'model.check.calibration': 'Calibration period',
    'model.check.holdout': 'Holdout period',
    'model.check.holdoutWeeks': 'Holdout length, weeks',
    'model.check.holdoutEndsAtLastOrder':
      'The holdout ends at the last order date, {date}: there are no orders after it before the as-of date',
    'model.check.fit': 'Model fitted on the calibration period',
    'model.check.totals': 'Repeat purchases in the holdout',
    'model.check.allCustomers': 'All customers',
    'model.check.actual': 'Actual',
    'model.check.predicted': 'Predicted',
    'model.check.difference': 'Difference',
    'model.check.byCount': 'Holdout purchases by repeat purchases in the calibration period',
    'model.check.repeatInCalibration': 'Repeat purchases in calibration',
    'model.check.actualPerCustomer': 'Actual per customer',
    'model.check.predictedPerCustomer': 'Predicted per customer',
    'model.check.weekly': 'Cumulative repeat purchases in the holdout, by week',
    'model.check.weekEnding': 'Week ending',
    'model.check.customers': 'Each customer: the chance they are still buying, next to their segment (model fitted on all purchases)',
    'model.check.customersNote':
      'P(alive) is the chance the customer has not stopped buying. Customers with one purchase always get 1: the model has not seen them stop; compare them by expected purchases.',
    'model.check.flag': 'Flag',
    'model.check.sleepingAlive': 'Sleeping but probably alive: call',
    'model.check.manager': 'Manager',
    'model.check.summary':
      'Predicted {predicted}, actual {actual} repeat purchases in {weeks} weeks; {flagged} Sleeping {flagged:customer|customers} probably still buying',
    'model.check.error.split':
      'Model check: the split date must be after the first purchase ({first}) and before the as-of date ({asOf}); got {split}',
    'model.check.error.splitAfterLastOrder':
      'Model check: the split date must be on or before the last order date ({last}), so that the holdout has orders to compare with; got {split}',
    'model.check.error.fit': 'Model check: the model cannot be fitted on the purchases before the split date. {reason}',
    'model.check.error.fitAll': 'Model check: the model cannot be fitted on all purchases. {reason}',
  },
  ru: {
    'model.col.repeatPurchases': 'Повторных покупок (x)',
    'model.col.tx': 'Дней от первой до последней покупки (t_x)',
    'model.col.T': 'Дней от первой покупки до конца периода (T)',
    'model.col.averageRepeat': 'Средняя повторная покупка',
    'model.col.pAlive': 'Вероятность, что клиент не ушёл',
    'model.col.expectedPurchasesDays': 'Ожидаемых покупок за {days} {days:день|дня|дней}',
    'model.col.expectedPurchasesMonths': 'Ожидаемых покупок за {months} {months:месяц|месяца|месяцев}',
    'model.col.expectedAmount': 'Ожидаемая сумма покупки',
    'model.col.clv': 'CLV за {months} {months:месяц|месяца|месяцев}',
    'model.col.parameter': 'Параметр',
    'model.col.standardError': 'Стандартная ошибка',
    'model.col.meaning': 'Смысл',
    'model.param.alphaDays': 'α (дни)',
    'model.param.alphaWeeks': 'α (недели)',
    'model.meaning.r': 'Насколько клиенты различаются по частоте покупок (BG/NBD): чем меньше r, тем сильнее',
    'model.meaning.alphaDays': 'Масштаб времени покупок: пока клиент не ушёл, он покупает в среднем r / α раз в день',
    'model.meaning.alphaWeeks': 'То же α в неделях: в среднем r / α покупок в неделю',
    'model.meaning.a': 'Вместе с b — шанс уйти: после каждой повторной покупки в среднем доля a / (a + b) клиентов перестаёт покупать',
    'model.meaning.b': 'См. a',
    'model.meaning.p': 'Насколько суммы одного клиента меняются от покупки к покупке (Gamma-Gamma): чем больше p, тем ровнее',
    'model.meaning.q': 'Вместе с v — насколько различаются средние суммы клиентов',
    'model.meaning.v': 'Вместе с p и q: средняя сумма покупки равна p·v / (q − 1)',
    'model.row.logLikelihood': 'Логарифм правдоподобия (BG/NBD, дни)',
    'model.row.customers': 'Клиентов',
    'model.row.repeatBuyers': 'Клиентов с повторными покупками',
    'model.row.newCustomer': 'Ожидаемые повторные покупки нового клиента за 365 дней',
    'model.row.meanAmount': 'Средняя сумма покупки, p·v / (q − 1)',
    'model.param.commonDropout': 'Шанс уйти после каждой повторной покупки, a / (a + b)',
    'model.se.notIdentified': 'не оценивается',
    'model.note.commonDropout':
      'Клиенты не различаются по шансу уйти: данные лучше всего описываются, когда после каждой повторной покупки все уходят с одним и тем же шансом, a / (a + b). a и b лишь задают этот предел (a + b = 10^12) и по отдельности не оцениваются; оценивается только их отношение.',
    'model.bands.col.bound': 'Граница',
    'model.bands.col.suggested': 'Предлагается',
    'model.bands.col.default': 'По умолчанию',
    'model.bands.col.why': 'Почему',
    'model.bands.prospective': 'Перспективные от, покупок',
    'model.bands.regular': 'Постоянные от, покупок',
    'model.bands.active': 'Активные до, дней с последней покупки',
    'model.bands.sleeping': 'Засыпающие до, дней с последней покупки',
    'model.bands.why.prospective': '{share}% клиентов купили только один раз; со второй покупки клиент — Перспективный',
    'model.bands.why.regular':
      '{share}% вернувшихся клиентов сделали не больше {median} {median:покупки|покупок|покупок}; с {from}-й покупки клиент — Постоянный ({regularShare}% клиентов)',
    'model.bands.why.active':
      '{share}% повторных покупок совершены в течение {days} {days:дня|дней|дней} после предыдущей: клиенты, которые молчат не дольше, — Активные',
    'model.bands.why.sleeping':
      '{share}% повторных покупок совершены в течение {days} {days:дня|дней|дней} после предыдущей: клиенты, которые молчат дольше, — Уснувшие',
    'model.bands.error.tooFewRepeatPurchases':
      'в данных только {count} {countN:повторная покупка|повторные покупки|повторных покупок} (покупки после первой покупки клиента); чтобы предложить границы, нужно не меньше {minimum}',
    'model.field.x': 'повторных покупок',
    'model.field.tx': 'дней от первой до последней покупки',
    'model.field.T': 'дней от первой покупки до конца периода',
    'model.field.monetary': 'средняя сумма повторной покупки',
    'model.error.noCustomers': '{model}: нет ни одного клиента; для обучения модели нужно не меньше 2 клиентов',
    'model.error.tooFewCustomers':
      '{model}: в данных только {count} {countN:клиент|клиента|клиентов}; для обучения модели нужно не меньше 2 клиентов',
    'model.error.tooFewRepeatBuyers':
      'BG/NBD: больше одного раза купили только {repeatBuyers} из {customers} {customersN:клиента|клиентов|клиентов}; для обучения модели нужно не меньше {minimum} {minimumN:клиента|клиентов|клиентов} с повторными покупками',
    'model.error.allOnOneDay':
      'BG/NBD: все {customers} {customersN:клиент|клиента|клиентов} сделали все покупки в день первой; модели нужны повторные покупки в более поздние дни',
    'model.error.tooFewSpenders':
      'Gamma-Gamma: повторные покупки с положительной суммой есть только у {spenders} из {customers} {customersN:клиента|клиентов|клиентов}; для модели сумм нужно не меньше {minimum}',
    'model.error.spendDoesNotVary':
      'Gamma-Gamma: у всех {spenders} {spendersN:клиента|клиентов|клиентов} с повторными покупками одинаковая средняя сумма покупки; модели сумм нужны суммы, которые различаются между клиентами',
    'model.error.notFinite': '{model}: у клиента {customer} {field} = {value}; это должно быть число',
    'model.error.negative': '{model}: у клиента {customer} {field} = {value}; значение не может быть отрицательным',
    'model.error.notWhole': '{model}: у клиента {customer} повторных покупок {value}; это должно быть целое число',
    'model.error.lastAfterEnd':
      '{model}: у клиента {customer} последняя покупка через {tx} дн. после первой, позже конца периода ({T} дн. после первой)',
    'model.error.lastWithoutRepeat':
      '{model}: у клиента {customer} нет повторных покупок, но последняя покупка через {tx} дн. после первой',
    'model.error.notConverged':
      '{model}: обучение модели не сошлось; данных может быть слишком мало или они слишком нерегулярны для этой модели (возьмите период длиннее или больше клиентов)',
    'model.error.infiniteMeanSpend':
      'Gamma-Gamma: средние суммы клиентов различаются так сильно, что для клиентов без повторных покупок среднюю сумму предсказать нельзя (q = {q}, а должно быть больше 1)',
    'model.error.badUnit': 'BG/NBD: единица времени = {value}; допустимо "day" или "week"',
    'model.error.badMonths': 'CLV: месяцев = {value}; нужно целое число от 1 до 1200',
    'model.error.badDiscountRate': 'CLV: месячная ставка дисконтирования = {value}; нужно число не меньше 0',
    'model.check.sheetName': 'Проверка модели',
    'model.check.title': 'Проверка модели: прогноз и факт повторных покупок',
    'model.check.intro':
      'Модель BG/NBD обучается на покупках до даты разделения и прогнозирует покупки каждого клиента после неё; контрольный период показывает, что было на самом деле. Клиенты, впервые купившие в контрольном периоде, не учитываются.',
    'model.check.asOf': 'Дата расчёта',
    'model.check.source': 'Лист заказов',
    'model.check.calibration': 'Период обучения',
    'model.check.holdout': 'Контрольный период',
    'model.check.holdoutWeeks': 'Длина контрольного периода, недель',
    'model.check.holdoutEndsAtLastOrder':
      'Контрольный период заканчивается датой последнего заказа, {date}: после неё до даты расчёта заказов нет',
    'model.check.fit': 'Модель, обученная на периоде обучения',
    'model.check.totals': 'Повторные покупки в контрольном периоде',
    'model.check.allCustomers': 'Все клиенты',
    'model.check.actual': 'Факт',
    'model.check.predicted': 'Прогноз',
    'model.check.difference': 'Отклонение',
    'model.check.byCount': 'Покупки в контрольном периоде по числу повторных покупок в периоде обучения',
    'model.check.repeatInCalibration': 'Повторных покупок в периоде обучения',
    'model.check.actualPerCustomer': 'Факт на клиента',
    'model.check.predictedPerCustomer': 'Прогноз на клиента',
    'model.check.weekly': 'Повторные покупки в контрольном периоде нарастающим итогом, по неделям',
    'model.check.weekEnding': 'Конец недели',
    'model.check.customers': 'Каждый клиент: вероятность, что он ещё покупает, рядом с его сегментом (модель обучена на всех покупках)',
    'model.check.customersNote':
      'Вероятность, что клиент не ушёл, — шанс, что он не перестал покупать. У клиентов с одной покупкой она всегда 1: модель ещё не видела, как они уходят; сравнивайте их по ожидаемым покупкам.',
    'model.check.flag': 'Отметка',
    'model.check.sleepingAlive': 'Засыпающий, но, вероятно, не ушёл: позвонить',
    'model.check.manager': 'Менеджер',
    'model.check.summary':
      'Прогноз {predicted}, факт {actual} повторных покупок за {weeks} нед.; {flagged} {flagged:засыпающий клиент, вероятно, ещё покупает|засыпающих клиента, вероятно, ещё покупают|засыпающих клиентов, вероятно, ещё покупают}',
    'model.check.error.split':
      'Проверка модели: дата разделения должна быть позже первой покупки ({first}) и раньше даты расчёта ({asOf}); указано {split}',
    'model.check.error.splitAfterLastOrder':
      'Проверка модели: дата разделения должна быть не позже даты последнего заказа ({last}), чтобы в контрольном периоде было с чем сравнивать; указано {split}',
    'model.check.error.fit': 'Проверка модели: модель не удаётся обучить на покупках до даты разделения. {reason}',
    'model.check.error.fitAll': 'Проверка модели: модель не удаётся обучить на всех покупках. {reason}',
  },
  uk: {
    'model.col.repeatPurchases': 'Повторних покупок (x)',
    'model.col.tx': 'Днів від першої до останньої покупки (t_x)',
    'model.col.T': 'Днів від першої покупки до кінця періоду (T)',
    'model.col.averageRepeat': 'Середня повторна покупка',
    'model.col.pAlive': 'Ймовірність, що клієнт не пішов',
    'model.col.expectedPurchasesDays': 'Очікуваних покупок за {days} {days:день|дні|днів}',
    'model.col.expectedPurchasesMonths': 'Очікуваних покупок за {months} {months:місяць|місяці|місяців}',
    'model.col.expectedAmount': 'Очікувана сума покупки',
    'model.col.clv': 'CLV за {months} {months:місяць|місяці|місяців}',
    'model.col.parameter': 'Параметр',
    'model.col.standardError': 'Стандартна похибка',
    'model.col.meaning': 'Зміст',
    'model.param.alphaDays': 'α (дні)',
    'model.param.alphaWeeks': 'α (тижні)',
    'model.meaning.r': 'Наскільки клієнти відрізняються за частотою покупок (BG/NBD): що менше r, то сильніше',
    'model.meaning.alphaDays': 'Масштаб часу покупок: поки клієнт не пішов, він купує в середньому r / α разів на день',
    'model.meaning.alphaWeeks': 'Те саме α у тижнях: у середньому r / α покупок на тиждень',
    'model.meaning.a': 'Разом з b — шанс піти: після кожної повторної покупки в середньому частка a / (a + b) клієнтів перестає купувати',
    'model.meaning.b': 'Див. a',
    'model.meaning.p': 'Наскільки суми одного клієнта змінюються від покупки до покупки (Gamma-Gamma): що більше p, то рівніше',
    'model.meaning.q': 'Разом з v — наскільки відрізняються середні суми клієнтів',
    'model.meaning.v': 'Разом з p і q: середня сума покупки дорівнює p·v / (q − 1)',
    'model.row.logLikelihood': 'Логарифм правдоподібності (BG/NBD, дні)',
    'model.row.customers': 'Клієнтів',
    'model.row.repeatBuyers': 'Клієнтів із повторними покупками',
    'model.row.newCustomer': 'Очікувані повторні покупки нового клієнта за 365 днів',
    'model.row.meanAmount': 'Середня сума покупки, p·v / (q − 1)',
    'model.param.commonDropout': 'Шанс піти після кожної повторної покупки, a / (a + b)',
    'model.se.notIdentified': 'не оцінюється',
    'model.note.commonDropout':
      'Клієнти не відрізняються за шансом піти: дані найкраще описуються, коли після кожної повторної покупки всі йдуть з однаковим шансом, a / (a + b). a і b лише задають цю межу (a + b = 10^12) і окремо не оцінюються; оцінюється лише їхнє відношення.',
    'model.bands.col.bound': 'Межа',
    'model.bands.col.suggested': 'Пропонується',
    'model.bands.col.default': 'За замовчуванням',
    'model.bands.col.why': 'Чому',
    'model.bands.prospective': 'Перспективні від, покупок',
    'model.bands.regular': 'Постійні від, покупок',
    'model.bands.active': 'Активні до, днів з останньої покупки',
    'model.bands.sleeping': 'Засинаючі до, днів з останньої покупки',
    'model.bands.why.prospective': '{share}% клієнтів купили лише один раз; з другої покупки клієнт — Перспективний',
    'model.bands.why.regular':
      '{share}% клієнтів, які повернулися, зробили не більше {median} {median:покупки|покупок|покупок}; з {from}-ї покупки клієнт — Постійний ({regularShare}% клієнтів)',
    'model.bands.why.active':
      '{share}% повторних покупок зроблено протягом {days} {days:дня|днів|днів} після попередньої: клієнти, які мовчать не довше, — Активні',
    'model.bands.why.sleeping':
      '{share}% повторних покупок зроблено протягом {days} {days:дня|днів|днів} після попередньої: клієнти, які мовчать довше, — Сплячі',
    'model.bands.error.tooFewRepeatPurchases':
      'у даних лише {count} {countN:повторна покупка|повторні покупки|повторних покупок} (покупки після першої покупки клієнта); щоб запропонувати межі, потрібно щонайменше {minimum}',
    'model.field.x': 'повторних покупок',
    'model.field.tx': 'днів від першої до останньої покупки',
    'model.field.T': 'днів від першої покупки до кінця періоду',
    'model.field.monetary': 'середня сума повторної покупки',
    'model.error.noCustomers': '{model}: немає жодного клієнта; для навчання моделі потрібно щонайменше 2 клієнти',
    'model.error.tooFewCustomers':
      '{model}: у даних лише {count} {countN:клієнт|клієнти|клієнтів}; для навчання моделі потрібно щонайменше 2 клієнти',
    'model.error.tooFewRepeatBuyers':
      'BG/NBD: більше одного разу купили лише {repeatBuyers} з {customers} {customersN:клієнта|клієнтів|клієнтів}; для навчання моделі потрібно щонайменше {minimum} {minimumN:клієнт|клієнти|клієнтів} з повторними покупками',
    'model.error.allOnOneDay':
      'BG/NBD: усі {customers} {customersN:клієнт|клієнти|клієнтів} зробили всі покупки в день першої; моделі потрібні повторні покупки в пізніші дні',
    'model.error.tooFewSpenders':
      'Gamma-Gamma: повторні покупки з додатною сумою є лише в {spenders} з {customers} {customersN:клієнта|клієнтів|клієнтів}; для моделі сум потрібно щонайменше {minimum}',
    'model.error.spendDoesNotVary':
      'Gamma-Gamma: в усіх {spenders} {spendersN:клієнта|клієнтів|клієнтів} з повторними покупками однакова середня сума покупки; моделі сум потрібні суми, що відрізняються між клієнтами',
    'model.error.notFinite': '{model}: у клієнта {customer} {field} = {value}; це має бути число',
    'model.error.negative': '{model}: у клієнта {customer} {field} = {value}; значення не може бути від’ємним',
    'model.error.notWhole': '{model}: у клієнта {customer} повторних покупок {value}; це має бути ціле число',
    'model.error.lastAfterEnd':
      '{model}: у клієнта {customer} остання покупка через {tx} дн. після першої, пізніше за кінець періоду ({T} дн. після першої)',
    'model.error.lastWithoutRepeat':
      '{model}: у клієнта {customer} немає повторних покупок, але остання покупка через {tx} дн. після першої',
    'model.error.notConverged':
      '{model}: навчання моделі не зійшлося; даних може бути замало або вони надто нерегулярні для цієї моделі (візьміть довший період або більше клієнтів)',
    'model.error.infiniteMeanSpend':
      'Gamma-Gamma: середні суми клієнтів відрізняються так сильно, що для клієнтів без повторних покупок середню суму передбачити не можна (q = {q}, а має бути більше 1)',
    'model.error.badUnit': 'BG/NBD: одиниця часу = {value}; допустимо "day" або "week"',
    'model.error.badMonths': 'CLV: місяців = {value}; потрібне ціле число від 1 до 1200',
    'model.error.badDiscountRate': 'CLV: місячна ставка дисконтування = {value}; потрібне число не менше 0',
    'model.check.sheetName': 'Перевірка моделі',
    'model.check.title': 'Перевірка моделі: прогноз і факт повторних покупок',
    'model.check.intro':
      'Модель BG/NBD навчається на покупках до дати розділення і прогнозує покупки кожного клієнта після неї; контрольний період показує, що було насправді. Клієнти, які вперше купили в контрольному періоді, не враховуються.',
    'model.check.asOf': 'Дата розрахунку',
    'model.check.source': 'Аркуш замовлень',
    'model.check.calibration': 'Період навчання',
    'model.check.holdout': 'Контрольний період',
    'model.check.holdoutWeeks': 'Тривалість контрольного періоду, тижнів',
    'model.check.holdoutEndsAtLastOrder':
      'Контрольний період закінчується датою останнього замовлення, {date}: після неї до дати розрахунку замовлень немає',
    'model.check.fit': 'Модель, навчена на періоді навчання',
    'model.check.totals': 'Повторні покупки в контрольному періоді',
    'model.check.allCustomers': 'Усі клієнти',
    'model.check.actual': 'Факт',
    'model.check.predicted': 'Прогноз',
    'model.check.difference': 'Відхилення',
    'model.check.byCount': 'Покупки в контрольному періоді за кількістю повторних покупок у періоді навчання',
    'model.check.repeatInCalibration': 'Повторних покупок у періоді навчання',
    'model.check.actualPerCustomer': 'Факт на клієнта',
    'model.check.predictedPerCustomer': 'Прогноз на клієнта',
    'model.check.weekly': 'Повторні покупки в контрольному періоді наростаючим підсумком, за тижнями',
    'model.check.weekEnding': 'Кінець тижня',
    'model.check.customers': 'Кожен клієнт: ймовірність, що він ще купує, поруч із його сегментом (модель навчена на всіх покупках)',
    'model.check.customersNote':
      'Ймовірність, що клієнт не пішов, — шанс, що він не перестав купувати. У клієнтів з однією покупкою вона завжди 1: модель ще не бачила, як вони йдуть; порівнюйте їх за очікуваними покупками.',
    'model.check.flag': 'Позначка',
    'model.check.sleepingAlive': 'Засинаючий, але, ймовірно, не пішов: зателефонувати',
    'model.check.manager': 'Менеджер',
    'model.check.summary':
      'Прогноз {predicted}, факт {actual} повторних покупок за {weeks} тиж.; {flagged} {flagged:засинаючий клієнт, ймовірно, ще купує|засинаючі клієнти, ймовірно, ще купують|засинаючих клієнтів, ймовірно, ще купують}',
    'model.check.error.split':
      'Перевірка моделі: дата розділення має бути пізніше першої покупки ({first}) і раніше дати розрахунку ({asOf}); вказано {split}',
    'model.check.error.splitAfterLastOrder':
      'Перевірка моделі: дата розділення має бути не пізніше дати останнього замовлення ({last}), щоб у контрольному періоді було з чим порівнювати; вказано {split}',
    'model.check.error.fit': 'Перевірка моделі: модель не вдається навчити на покупках до дати розділення. {reason}',
    'model.check.error.fitAll': 'Перевірка моделі: модель не вдається навчити на всіх покупках. {reason}',
  },
});

/** Russian texts of `till loyalty`: the keys of en-cli-loyalty.ts. */
const programs = (n: string) => `{${n}, plural, one {# программу} few {# программы} many {# программ} other {# программы}}`;
const customers = (n: string) => `{${n}, plural, one {# покупателю} few {# покупателям} many {# покупателям} other {# покупателям}}`;
const balances = (n: string) => `{${n}, plural, one {# счёт} few {# счёта} many {# счетов} other {# счёта}}`;
const points = (n: string) => `{${n}, plural, one {# балл} few {# балла} many {# баллов} other {# балла}}`;

export const ruCliLoyalty = {
  'cli.loyalty.usage': `Использование: till loyalty <подкоманда> [параметры] [--data ПАПКА]     (till loyalty <подкоманда> --help)

Подкоманды:
  program   программы, правила начисления, награды и грейды из JSON-файла; список; выгрузка
  adjust    начислить или списать баллы на карте, с причиной
  accrue    массовое начисление бонусов покупателям по фильтрам (партия без повторов)
  expire    списать сгоревшие баллы с истёкшим сроком
  tiers     пересмотр грейдов (повышение, и понижение, если включено)`,
  'cli.loyalty.help.program': `Использование: till loyalty program set ФАЙЛ.json [--dry-run]
       till loyalty program list [--json]
       till loyalty program export [ФАЙЛ.json]
«set» создаёт или заменяет программы из файла (по id) и, если в файле есть "tiers", лестницу грейдов;
программы, которых нет в файле, остаются как есть (остановить программу: "active": false). «export»
записывает текущие программы и грейды в том же формате — поправить и загрузить снова. «list --json»
выводит их так, как они хранятся в журнале: деньги в минимальных единицах, баллы в единицах, ставки в
ppm. Подробнее: docs/loyalty.md.`,
  'cli.loyalty.help.adjust': `Использование: till loyalty adjust КАРТА --points [+|-]N --reason ПРИЧИНА [--program ID] [--additional] [--operator ID]
Начисляет или списывает баллы вручную; причина остаётся в истории карты. Баланс не уходит ниже нуля.
--additional: дополнительные (акционные) баллы — начисление по акции или списание дополнительных баллов.`,
  'cli.loyalty.help.accrue': `Использование: till loyalty accrue --points N --reason ПРИЧИНА [фильтры] [--program ID] [--batch ID] [--dry-run]
                           [--additional [--expires-days N]]
Начисляет N баллов каждому покупателю, подходящему под фильтры (заблокированным картам — никогда).
--additional начисляет их как дополнительные (акционные) баллы: они списываются раньше основных и
сгорают через --expires-days N дней или через "additionalExpiryDays" программы (иначе "expiryDays"),
в чеках и в истории показываются отдельно.
  --spend-min СУММА  --spend-max СУММА     сумма покупок за всё время в этих пределах (включительно)
  --tier ID                                 покупатели этого грейда
  --last-purchase-before ДАТА  --last-purchase-after ДАТА
--dry-run показывает, скольким покупателям начислится, и несколько из них. Партия начисляется один
раз: тот же запрос в тот же день (или тот же --batch ID) никому не начислит дважды, а прерванный запуск
продолжится с места остановки.`,
  'cli.loyalty.help.expire': `Использование: till loyalty expire [--dry-run]
       till loyalty expire --dry-run --as-of ДАТА [--sample N]
Записывает сгорание баллов с истёкшим сроком (в программах с "expiryDays"). Первыми сгорают самые
старые баллы. --as-of ДАТА заранее показывает, что уже нельзя будет потратить в эту ДАТУ (баллы со сроком
до неё включительно), и первых N покупателей (по умолчанию 10) по дате — чтобы спланировать
напоминание или акцию. Ничего не записывается.`,
  'cli.loyalty.help.tiers': `Использование: till loyalty tiers review [--dry-run]
Переводит покупателей в грейд, который им положен сегодня: повышает всегда, понижает, только если у
лестницы грейдов "demotion": true. Запускайте с нужной магазину периодичностью (например, раз в месяц из cron).`,
  'cli.loyalty.unknownSub': 'у till loyalty нет подкоманды «{sub}»',
  // program
  'cli.loyalty.program.none': 'Бонусной программы пока нет. Создайте её: till loyalty program set ФАЙЛ.json',
  'cli.loyalty.program.exists': '{file} уже существует; укажите новый файл',
  'cli.loyalty.program.wrote': `В {file} записано: ${programs('n')}.`,
  'cli.loyalty.program.wroteTiers': `В {file} записано: ${programs('n')} и грейды.`,
  'cli.loyalty.program.expected': 'ожидается: till loyalty program set ФАЙЛ.json | list | export [ФАЙЛ]',
  'cli.loyalty.program.cannotRead': 'Не удалось прочитать {file}: {error}. Ничего не изменено.',
  'cli.loyalty.program.problem': '{file}: {key}: {message} [{code}]',
  'cli.loyalty.program.problemAt': '{file}, строка {line}, столбец {column}: {key}: {message} [{code}]',
  'cli.loyalty.program.problems': '{file}: {n, plural, one {# ошибка} few {# ошибки} many {# ошибок} other {# ошибки}}. Ничего не изменено.',
  'cli.loyalty.program.rewardMissing': 'внимание: награда {program}/{reward}: товара {sku} пока нет в каталоге',
  'cli.loyalty.program.dryRun': 'Пробный запуск: ничего не изменено.',
  'cli.loyalty.program.stray': 'внимание: {n, plural, one {у # покупателя} few {у # покупателей} many {у # покупателей} other {у # покупателя}} грейд, которого больше нет в лестнице; выполните: till loyalty tiers review',
  'cli.loyalty.program.saved': `Сохранено: ${programs('n')}.`,
  'cli.loyalty.program.savedTiers': `Сохранено: ${programs('n')} и грейды.`,
  'cli.loyalty.program.savedNoTiers': `Сохранено: ${programs('n')}; грейды удалены.`,
  // adjust
  'cli.loyalty.adjust.pointsNumber': '--points — число баллов, например +10 или -2{fraction}',
  'cli.loyalty.adjust.added': `Начислено ${points('points')}: {name} ({card}), баланс {balance}{extra}.`,
  'cli.loyalty.adjust.addedAdditional': `Начислено дополнительных: ${points('points')}: {name} ({card}), баланс {balance}{extra}.`,
  'cli.loyalty.adjust.removed': `Списано ${points('points')}: {name} ({card}), баланс {balance}{extra}.`,
  'cli.loyalty.adjust.removedAdditional': `Списано дополнительных: ${points('points')}: {name} ({card}), баланс {balance}{extra}.`,
  'cli.loyalty.adjust.extra': ' (из них дополнительных {points})',
  // accrue
  'cli.loyalty.accrue.pointsPositive': '--points — число баллов больше 0',
  'cli.loyalty.accrue.reasonRequired': 'нужна --reason: она сохраняется в истории каждой карты',
  'cli.loyalty.accrue.amount': '{what} — сумма в {cur}, а указано {got}',
  'cli.loyalty.date': '{what} — дата в виде ГГГГ-ММ-ДД',
  'cli.loyalty.accrue.noTier': 'Грейда «{tier}» нет.',
  'cli.loyalty.accrue.expiresWithout': '--expires-days указывается вместе с --additional (у дополнительных баллов свой срок)',
  'cli.loyalty.accrue.expiresDays': '--expires-days — целое число дней от 1 до 36500',
  'cli.loyalty.accrue.what': `${points('points')} ({program}) ${customers('n')}, партия {batch}`,
  'cli.loyalty.accrue.whatUntil': `дополнительные ${points('points')} ({program}) ${customers('n')}, партия {batch}, сгорят {date}`,
  'cli.loyalty.accrue.whatForever': `дополнительные ${points('points')} ({program}) ${customers('n')}, партия {batch}, без срока`,
  'cli.loyalty.accrue.dryRun': 'Пробный запуск: будет начислено {what}.',
  'cli.loyalty.accrue.dryRunAlready': 'Пробный запуск: будет начислено {what}; этой партией уже начислено: {done}.',
  'cli.loyalty.accrue.alreadyDone': 'Делать нечего: партия {batch} уже начислена ({n, plural, one {# покупатель} few {# покупателя} many {# покупателей} other {# покупателя}}).',
  'cli.loyalty.accrue.noMatch': 'Под фильтры не подходит ни один покупатель.',
  'cli.loyalty.accrue.crediting': 'Начисление',
  'cli.loyalty.accrue.credited': 'Начислено {what}.',
  // expire
  'cli.loyalty.expire.none': 'На {date} сгорающих баллов нет.',
  'cli.loyalty.expire.dryRun': `Пробный запуск: сгорит {summary} на ${balances('n')}.`,
  'cli.loyalty.expire.expired': `Сгорело {summary} на ${balances('n')}.`,
  'cli.loyalty.expire.part': `${points('points')} программы {program}`,
  'cli.loyalty.expire.asOfDry': '--as-of заранее показывает, что сгорит к дате: добавьте --dry-run (баллы сгорают в свой день по till loyalty expire)',
  'cli.loyalty.expire.asOfAhead': '--as-of смотрит вперёд: укажите сегодняшнюю дату ({today}) или более позднюю',
  'cli.loyalty.expire.sample': '--sample — целое число покупателей в списке',
  'cli.loyalty.expire.previewNone': 'Пробный запуск: к {date} баллы не сгорают.',
  'cli.loyalty.expire.preview': `Пробный запуск: к {date} сгорит {summary} на ${balances('n')}.`,
  'cli.loyalty.expire.previewToday': `Пробный запуск: к {date} сгорит {summary} на ${balances('n')} (у {today} из них срок истёк уже сегодня).`,
  'cli.loyalty.expire.previewRow': `  {who}  |  ${points('points')} программы {program} с {date}`,
  'cli.loyalty.expire.previewMore': '  … и ещё {n} (--sample N покажет больше)',
  'cli.loyalty.expire.previewEnd': 'Баллы, потраченные до этого, списываются с самых старых и не сгорят. Ничего не изменено.',
  // tiers
  'cli.loyalty.tiers.expected': 'ожидается: till loyalty tiers review [--dry-run]',
  'cli.loyalty.tiers.counts': '{up, plural, one {# повышение} few {# повышения} many {# повышений} other {# повышения}}, {down, plural, one {# понижение} few {# понижения} many {# понижений} other {# понижения}}',
  'cli.loyalty.tiers.none': 'Грейды: {text}.',
  'cli.loyalty.tiers.dryRun': 'Пробный запуск: {text}.',
  'cli.loyalty.tiers.recorded': 'Записано: {text}.',
  // the program and tier-ladder lines of program list/set (src/domain/loyalty/admin-view.ts)
  'cli.loyalty.view.active': "действует",
  'cli.loyalty.view.stopped': "остановлена",
  'cli.loyalty.view.dates': " с {start} по {end}",
  'cli.loyalty.view.program': "{id}: {name} [{state}]{dates}; знаков после запятой в баллах: {decimals}, округление вниз до {step}{expiry}{additional}",
  'cli.loyalty.view.expiry': "; сгорают через {days} дн.",
  'cli.loyalty.view.additionalExpiry': "; дополнительные баллы сгорают через {days} дн.",
  'cli.loyalty.view.perAmount': "{points} б. за каждые {amount}",
  'cli.loyalty.view.perUnit': "{points} б. за штуку",
  'cli.loyalty.view.perOrder': "{points} б. за чек",
  'cli.loyalty.view.onSku': " на товар {sku}",
  'cli.loyalty.view.onCategory': " на категорию {category}",
  'cli.loyalty.view.cumulative': " (сверх базового)",
  'cli.loyalty.view.replaces': " (вместо базового)",
  'cli.loyalty.view.minQty': "от {n} шт.",
  'cli.loyalty.view.minAmount': "от {amount}",
  'cli.loyalty.view.minAmountExcl': "от {amount} без НДС",
  'cli.loyalty.view.rule': "  правило {id}: {parts}{on}{min}{additional}",
  'cli.loyalty.view.ruleAdditional': " (дополнительные баллы)",
  'cli.loyalty.view.reward': "  награда {text}",
  'cli.loyalty.view.cost': "{points} б.",
  'cli.loyalty.view.costNeeds': "{points} б., нужно иметь {min}",
  'cli.loyalty.view.cashback': "{id}: {name} — {amount} за {points} б., шагами по {step}{max}",
  'cli.loyalty.view.cashbackMax': ", не больше {percent}% чека",
  'cli.loyalty.view.fixed': "{id}: {name} — скидка {amount} за {cost}",
  'cli.loyalty.view.percent': "{id}: {name} — скидка {percent}%{target}{max} за {cost}",
  'cli.loyalty.view.percentMax': " (не больше {amount})",
  'cli.loyalty.view.free': "{id}: {name} — бесплатно {sku} за {cost}",
  'cli.loyalty.view.tiersBySpend': "грейды по сумме покупок{period}{demotion}:",
  'cli.loyalty.view.tiersByPoints': "грейды по баллам, начисленным в {program}{period}{demotion}:",
  'cli.loyalty.view.period': "{n, plural, one { за последний # месяц} few { за последние # месяца} many { за последние # месяцев} other { за последние # месяца}}",
  'cli.loyalty.view.lifetime': " (за всё время)",
  'cli.loyalty.view.demotion': ", с понижением при пересмотре",
  'cli.loyalty.view.tier': "  {id}: {name} от {threshold}{perks}",
  'cli.loyalty.view.thresholdPoints': "{points} б.",
  'cli.loyalty.view.discount': "скидка {percent}%",
  'cli.loyalty.view.multiplier': "баллы x{n}",
  'cli.loyalty.view.tierCashback': "возврат {percent}% баллами {program}",
  'cli.loyalty.view.price': "    цена {what}: {price}",
  'cli.loyalty.view.priceSku': "товар {sku}",
  'cli.loyalty.view.priceCategory': "категория {category}",
  'cli.loyalty.view.priceOff': "скидка {percent}%",
  'cli.loyalty.view.minPart': "; {min}",
  'cli.loyalty.view.list': ", ",
  // the refusals of the customer and program lookups (shared with till customer and till giftcard)
  'cli.loyalty.nameCustomer': "укажите покупателя: номер карты, телефон или id",
  'cli.error.CUSTOMER_AMBIGUOUS': "Телефон {ref} у {n, plural, one {# покупателя} few {# покупателей} many {# покупателей} other {# покупателя}}; укажите номер карты.",
  'cli.error.CUSTOMER_UNKNOWN': "Покупателя с картой, телефоном или id «{ref}» нет. Попробуйте: till customer find {ref}",
  'cli.loyalty.noProgram': "Программы «{id}» нет (программы: {programs}).",
  'cli.loyalty.none': "нет",
  'cli.loyalty.noPrograms': "В магазине пока нет бонусной программы: till loyalty program set ФАЙЛ.json",
  'cli.loyalty.severalPrograms': "в магазине несколько программ: выберите одну через --program ({programs})",
};

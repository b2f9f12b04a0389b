/** Russian texts of `till sync` and the chain's refusals in the back office: the keys of en-cli-sync.ts. */
const events = (n: string) => `{${n}, plural, one {# событие} few {# события} many {# событий} other {# события}}`;
const sales = (n: string) => `{${n}, plural, one {# продажа} few {# продажи} many {# продаж} other {# продажи}}`;
const txs = (n: string) => `{${n}, plural, one {# транзакция} few {# транзакции} many {# транзакций} other {# транзакции}}`;

export const ruCliSync = {
  'cli.sync.usage': 'Использование: till sync setup [--data ПАПКА]\n               till sync status [--json] [--data ПАПКА]\n               till sync push [--json] [--data ПАПКА]\n\nsetup   Создаёт таблицы общего реестра в базе данных chain.url (один раз на сеть; повтор безопасен:\n        актуальная база остаётся как есть).\nstatus  на связи, или «нет связи с ЧЧ:ММ, к отправке N продаж», и последнее событие, подтверждённое базой.\npush    Сразу отправляет по порядку все события журнала, которых ещё нет в базе (повторная отправка\n        ничего не меняет), и выводит записанные базой предупреждения о перерасходе.\nБаза данных — chain.url в till.config.json, например postgres://till@db:5432/till (пароль — в\nPGPASSWORD или ~/.pgpass). Работает при открытой кассе: блокировку не берёт.',
  'cli.sync.needsSub': 'till sync: нужна одна из команд setup, status, push, pull, join',
  'cli.sync.needsSubGot': 'till sync: нужна одна из команд setup, status, push, pull, join, получено «{got}»',
  'cli.sync.created': 'Реестр till создан в {where}.',
  'cli.sync.upgraded': 'Реестр till в {where} обновлён до версии схемы {version}.',
  'cli.sync.current': 'Реестр till в {where} в актуальном состоянии.',
  'cli.sync.sent': `Отправлено ${events('inserted')} (${sales('sales')}) в {where}; уже было там: {duplicates}. Подтверждено до события {acked}.`,
  'cli.sync.alertCard': 'ВНИМАНИЕ {kind}: подарочная карта ****{last4} без связи ушла в минус на {amount}; остаток сейчас {balance}. Управляющий должен урегулировать это с покупателем.',
  'cli.sync.alertPoints': 'ВНИМАНИЕ {kind}: баллы {customer} без связи перерасходованы на {amount}; остаток сейчас {balance}. Управляющий должен урегулировать это с покупателем.',
  'cli.sync.online': 'на связи: всё отправлено в {where} (подтверждено до события {acked}).',
  'cli.sync.offlineSince': `нет связи с {time}, к отправке ${sales('sales')} (${txs('transactions')} после события {acked}).`,
  'cli.sync.offline': `нет связи, к отправке ${sales('sales')} (${txs('transactions')} после события {acked}).`,
  'cli.sync.alertsHead': 'Предупреждений о перерасходе для этой кассы: {count} (списания сверх остатка без связи; управляющий урегулирует каждое с покупателем):',
  'cli.sync.alertLineCard': '  {at}  подарочная карта ****{last4} ушла в минус на {amount}, остаток тогда {balance}; {told}',
  'cli.sync.alertLinePoints': '  {at}  баллы {customer} перерасходованы на {amount}, остаток тогда {balance}; {told}',
  'cli.sync.alertTold': 'показано на этой кассе',
  'cli.sync.alertUntold': 'будет показано на этой кассе при следующей отправке',
  'cli.sync.alertMovedBy': 'обнаружено, когда касса {register} отправила продажу с резервом',
  'cli.error.CHAIN_NOT_CONFIGURED': 'Касса работает сама по себе: в till.config.json нет chain.url. Укажите chain.url вида postgres://ПОЛЬЗОВАТЕЛЬ@СЕРВЕР:5432/БАЗА, чтобы подарочные карты и баллы были общими (docs/chain.md).',
  'cli.error.CHAIN_UNREACHABLE': 'База данных сети {where} недоступна ({detail}). Касса продолжает продавать и отправит продажи, когда связь вернётся.',
  'cli.error.CHAIN_AUTH': 'База данных сети {where} не приняла вход этой кассы ({detail}). Проверьте пользователя в chain.url и пароль в PGPASSWORD или ~/.pgpass (docs/chain.md).',
  'cli.error.CHAIN_NO_DATABASE': 'Базы данных {where} нет. Создайте её (createdb) и выполните: till sync setup',
  'cli.error.CHAIN_TLS': 'Не удалось установить TLS-соединение с базой сети {where}: {detail}. Проверьте sslmode и сертификат сервера (docs/chain.md).',
  'cli.error.CHAIN_ERROR': 'База данных сети {where} ответила ошибкой: {detail}.',
  'cli.error.CHAIN_SCHEMA_MISSING': 'В базе {where} ещё нет реестра till. Создайте его один раз: till sync setup',
  'cli.error.CHAIN_SCHEMA_OLD': 'Реестр в {where} имеет версию схемы {have}, а этой кассе нужна {need}. Обновите его: till sync setup',
  'cli.error.CHAIN_SCHEMA_NEW': 'Реестр в {where} имеет версию схемы {have} — новее, чем знает эта касса ({need}). Обновите till на этой кассе.',
  'cli.error.SYNC_REGISTER_TAKEN': 'Номер кассы «{register}» уже занят в сети другим журналом. Дайте этой кассе свой номер (register.id в till.config.json); касса на замену подключается под новым номером (docs/chain.md).',
  'cli.error.SYNC_CHAIN_MISMATCH': 'Журнал кассы «{register}» не продолжает то, что хранит для неё сеть (в сети есть событие {acked}; событие {next} этого журнала за ним не следует). Папку данных подменили? Ничего не отправлено (docs/chain.md, «A register that joins later»).',
};

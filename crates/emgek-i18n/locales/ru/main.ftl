# emgek: сообщения на русском языке.

## Layout
skip-to-content = Перейти к содержанию
nav-label = Главное меню
nav-households = Домохозяйства
nav-import = Импорт
nav-api = API для программ
lang-label = Язык
footer = emgek — программы занятости и доходов: от бизнес-плана до выхода из бедности.
back-to-list = К списку домохозяйств
unit-som = сом
given = указано: { $value }

## Errors
error-not-found-title = Не найдено
error-not-found = Такой записи нет, или она вам недоступна.
error-forbidden-title = Нет доступа
error-forbidden = Ваша роль не позволяет это действие.
error-bad-request-title = Запрос не прочитан
error-bad-request = Не удалось прочитать форму или файл. Попробуйте ещё раз.
error-internal-title = Что-то пошло не так
error-internal = Произошла ошибка на сервере. Ничего не сохранено. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.
error-prefix = Ошибка:
form-has-errors = Пожалуйста, исправьте следующее

## Forms
household = Домохозяйство
household-head = Глава домохозяйства
member = Член семьи
save = Сохранить
cancel = Отмена
choose = — выберите —
yes = Да
no = Нет
household-new = Зарегистрировать домохозяйство
household-edit = Изменить домохозяйство
member-new = Добавить члена семьи в домохозяйство
member-edit = Изменить
saved = Сохранено.
edit = Изменить

## Household list
households-title = Домохозяйства
filter-q = ПИН, номер домохозяйства или ФИО
filter-q-placeholder = например, 21503198512345 или Асанов
any = Любой
filter-place = Айыл окмоту или село
benefit = Пособие малообеспеченным
filter-disability = Есть член семьи с инвалидностью
filter-review = Есть записи для проверки
search = Найти
clear = Сбросить
households-found = { $n ->
    [one] { $shown } домохозяйство
    [few] { $shown } домохозяйства
   *[other] { $shown } домохозяйств
}
export = Скачать этот список
households-none = По этому запросу домохозяйств нет.
place = Место
facts-size = Членов семьи
facts-children = Детей до 18 лет
facts-disability = С инвалидностью
needs-review = проверить
pages = Страницы
previous = Назад
next = Далее
page-of = Страница { $page } из { $pages }

## Household page
registered = Зарегистрировано
by-import = импорт № { $n }
since = с
facts = В цифрах
members = Члены семьи
history = История изменений
history-none = Изменений нет.
age-years = { $n ->
    [one] { $shown } год
    [few] { $shown } года
   *[other] { $shown } лет
}
change-household-create = Зарегистрировано
change-household-update = Изменено домохозяйство
change-member-create = Добавлен член семьи
change-member-update = Изменён член семьи

## Fields
field-household-ref = Номер домохозяйства
field-oblast = Область
field-rayon = Район
field-aiyl-okmotu = Айыл окмоту
field-village = Село
field-phone = Телефон
field-benefit-since = Пособие с
field-benefit-monthly-som = Пособие в месяц, сом
field-consent = Согласие на обработку данных
field-pin = ПИН
field-full-name = ФИО (кириллицей)
field-full-name-latin = ФИО (латиницей)
field-birth-date = Дата рождения
field-sex = Пол
field-relation = Отношение к главе
field-disability = Инвалидность
field-members = Члены семьи

hint-household-ref = Номер домохозяйства в реестре соцзащиты: буквы, цифры, - _ /.
hint-pin = 14 цифр: первая — 1 у женщин, 2 у мужчин; далее дата рождения ДДММГГГГ.
hint-full-name = Фамилия, имя, отчество — как в паспорте.
hint-full-name-latin = Необязательно: ФИО латинскими буквами.
hint-phone = +996 и девять цифр, например +996 555 12 34 56.
hint-benefit-since = Только если семья получает пособие малообеспеченным (үй-бүлөгө көмөк).
hint-benefit-monthly-som = Сумма в месяц в сомах, например 1200 или 1200,50.
hint-birth-date = Не позже сегодняшнего дня.

sex-f = Женский
sex-m = Мужской
relation-head = Глава
relation-spouse = Супруг(а)
relation-child = Ребёнок
relation-parent = Родитель
relation-sibling = Брат или сестра
relation-grandchild = Внук или внучка
relation-other-relative = Другой родственник
relation-non-relative = Не родственник
disability-none = Нет
disability-i = I группа
disability-ii = II группа
disability-iii = III группа
disability-child = Ребёнок с инвалидностью

## Rules
rule-pin-length = ПИН состоит ровно из 14 цифр
rule-pin-digits = ПИН состоит только из цифр
rule-pin-sex-digit = первая цифра ПИН — 1 (женщина) или 2 (мужчина)
rule-pin-taken = человек с таким ПИН уже зарегистрирован
rule-pin-duplicate-in-file = этот ПИН уже встречался выше в файле
rule-pin-date-invalid = цифры даты в ПИН не образуют дату: проверьте ПИН
rule-pin-birth-date-mismatch = в ПИН другая дата рождения: проверьте ПИН и дату
rule-pin-sex-mismatch = в ПИН указан другой пол: проверьте ПИН и пол
rule-household-ref-required = номер домохозяйства обязателен
rule-household-ref-format = не более 40 букв, цифр, знаков - _ или /
rule-household-ref-taken = у другого домохозяйства уже есть такой номер
rule-household-members-required = в домохозяйстве должен быть хотя бы один человек
rule-oblast-unknown = это не код области, например KG-C
rule-rayon-unknown = это не код района, например KG-C-SOK
rule-rayon-oblast-mismatch = этот район находится в другой области
rule-text-too-long = не более 100 знаков
rule-phone-format = укажите +996 и девять цифр
rule-benefit-incomplete = укажите и дату начала пособия, и сумму в месяц
rule-date-invalid = такой даты нет: пишите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ
rule-date-future = дата ещё не наступила
rule-money-format = укажите сумму, например 1200 или 1200,50
rule-consent-format = ответьте «да» или «нет»
rule-full-name-required = ФИО обязательно
rule-full-name-cyrillic = пишите ФИО кириллицей; для латиницы есть отдельное поле
rule-full-name-latin-latin = только латинские буквы
rule-birth-date-too-early = дата рождения раньше 1900 года не может быть верной
rule-sex-unknown = укажите F (женский) или M (мужской)
rule-relation-unknown = такого родства нет в списке
rule-disability-unknown = укажите none, I, II, III или child
rule-disability-child-adult = «ребёнок с инвалидностью» — только до 18 лет: проверьте

## Import
import-title = Импорт домохозяйств
import-intro = Загрузите файл CSV или XLSX: строка заголовков, далее одна строка на человека. Каждая строка проверяется; строки с ошибками попадают в файл отказов с причиной, остальные сохраняются вместе. Повторный импорт того же файла не создаёт дублей.
import-file = Файл
import-file-hint = CSV (UTF-8) или XLSX со столбцами, перечисленными ниже.
import-all-or-nothing = Ничего не сохранять, если хоть одна строка отклонена
import-start = Начать импорт
import-template = Шаблон со всеми столбцами
import-columns = Столбцы
column = Столбец
meaning = Значение
required = Обязателен
rule = Правило
import-recent = Последние импорты
import-none = Импортов ещё не было.
when = Когда
who = Кто
import-outcome = Итог
import-read = Прочитано строк
import-rejected = Отклонено строк
import-households-created = Создано домохозяйств
import-members-created = Добавлено людей
import-members-updated = Обновлено людей
import-warnings = Сохранено строк с замечаниями для проверки
import-committed = Сохранено
import-rolled-back = Ничего не сохранено
import-running = Идёт импорт. Страница обновляется сама.
import-progress = Ход импорта
import-failed = Импорт остановлен; ничего не сохранено
import-rejected-by-rule = Отклонённые строки по правилам
import-download-rejects = Скачать файл отказов
import-another = Импортировать другой файл
import-wrong-type = Выберите файл с расширением .csv или .xlsx.
import-no-file = Выберите файл для импорта.
export-format = формат должен быть csv или xlsx.

column-household-ref = Один и тот же номер во всех строках домохозяйства.
column-oblast = Код ISO: KG-B, KG-C, KG-J, KG-N, KG-O, KG-T, KG-Y, KG-GB, KG-GO.
column-rayon = Код района, например KG-C-SOK (список: /api/v1/oblasts).
column-aiyl-okmotu = Текст, не более 100 знаков.
column-village = Текст, не более 100 знаков.
column-phone = +996 и девять цифр; можно оставить пустым.
column-benefit-since = ГГГГ-ММ-ДД или ДД.ММ.ГГГГ; пусто, если пособия нет.
column-benefit-monthly-som = Сумма в сомах, например 1200.00; вместе с benefit_since.
column-consent = yes или no (да или нет).
column-pin = 14 цифр; ключ человека: уже известный ПИН обновляет запись.
column-full-name = Кириллицей.
column-full-name-latin = Латиницей; можно оставить пустым.
column-birth-date = ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, не в будущем.
column-sex = F (женский) или M (мужской).
column-relation = head (глава), spouse (супруг), child (ребёнок), parent (родитель), sibling (брат/сестра), grandchild (внук), other_relative (другой родственник), non_relative (не родственник).
column-disability = none (нет), I, II, III или child (ребёнок); пусто — нет.

## Access
nav-users = Пользователи
nav-audit = Журнал аудита
logout = Выйти
login-title = Вход
login-submit = Войти
login-failed = Неверное имя пользователя или пароль.
login-locked = Слишком много неудачных попыток входа. Попробуйте через 15 минут или обратитесь к администратору.
logged-out = Вы вышли из системы.
username = Имя пользователя
password = Пароль
password-again = Пароль ещё раз
display-name = ФИО
demo-title = Демонстрационные учётные записи
demo-intro = Это демонстрационная установка с вымышленными людьми. У всех учётных записей ниже пароль
role = Роль
scope = Где
setup-title = Создание первого администратора
setup-intro = В эту новую установку пока никто не может войти. Создайте администратора, который добавит остальных.
setup-submit = Создать администратора
setup-done = Администратор создан. Войдите.
hint-username = От 3 до 40 строчных латинских букв, цифр, точек, дефисов.
hint-password = Не менее 12 знаков; не имя пользователя; не распространённый пароль.
account-title = Моя учётная запись
account-roles = Роли
account-no-roles = Ролей пока нет: обратитесь к администратору.
password-title = Смена пароля
password-current = Текущий пароль
password-new = Новый пароль
password-forced = Ваш пароль задан другим человеком. Придумайте свой, прежде чем продолжить.
password-changed = Сохранено. Другие ваши сеансы завершены.
tokens-title = Токены API
tokens-intro = Токен позволяет программе работать с API с вашими правами. Храните его в тайне и отзовите, когда он не нужен.
tokens-new = Ваш новый токен, он показывается только один раз:
tokens-name = Название
tokens-create = Создать токен
tokens-prefix = Начинается с
tokens-created = Создан
tokens-last-used = Последнее использование
tokens-revoke = Отозвать
tokens-revoked = Отозван
users-title = Пользователи
users-new = Новый пользователь
users-status = Состояние
users-disabled = отключён
users-active = активен
users-initial-password = Начальный пароль (сменить при первом входе)
users-reset = Задать новый начальный пароль
users-enable = Включить учётную запись
users-disable = Отключить учётную запись
audit-title = Журнал аудита
audit-export = Скачать в CSV
audit-verify = Проверить цепочку
audit-broken = Цепочка нарушена в строке
audit-intact = { $n ->
    [one] Цепочка цела: проверена { $shown } строка.
    [few] Цепочка цела: проверены { $shown } строки.
   *[other] Цепочка цела: проверено { $shown } строк.
}
audit-action = Действие
audit-from = Откуда
audit-object = Запись
audit-detail = Подробности
audit-older = Более ранние записи
hidden = скрыто
scope-country = вся страна
scope-facility = учреждение
scope-oblasts = Области
role-admin = Администратор
role-case-worker = Специалист соцзащиты
role-commission-member = Член комиссии
role-enterprise-manager = Руководитель предприятия
role-hq-analyst = Аналитик центрального аппарата
role-auditor = Аудитор или донор
error-unauthorized = Сначала войдите или передайте действующий токен API.
error-csrf-title = Форма устарела
error-csrf = Форма отправлена без защитного кода или с другого сайта. Обновите страницу и попробуйте ещё раз.
error-setup = Администратора ещё нет: откройте веб-страницу, чтобы создать его.
error-throttled-title = Слишком много попыток
error-throttled = Подождите несколько минут и попробуйте снова.
rule-scope-outside = это место вне вашей зоны работы
rule-password-too-short = пароль — не менее 12 знаков
rule-password-contains-username = пароль не должен содержать имя пользователя
rule-password-common = этот пароль слишком легко угадать
rule-password-too-simple = используйте не менее 5 разных знаков
rule-password-mismatch = пароли не совпадают
rule-password-current-wrong = текущий пароль неверен
rule-password-unchanged = новый пароль совпадает со старым
rule-username-format = от 3 до 40 строчных латинских букв, цифр, точек или дефисов
rule-username-taken = это имя пользователя занято
rule-grant-incomplete = у каждой роли должно быть место, у каждого места — роль
rule-token-name = дайте токену название не длиннее 60 знаков
rule-user-self-disable = нельзя отключить собственную учётную запись

## Social Contract
field-activity = Вид деятельности
field-lines = Статьи бюджета
field-item = Наименование
field-quantity = Количество
field-projection = Прогноз на 12 месяцев
field-own-contribution = Собственный вклад
field-ovop-category = Категория «Одно село – один продукт»
field-livestock = Скот
field-equipment = Оборудование
field-materials = Материалы
field-premises = Помещения
field-seeds = Семена
field-training = Обучение
field-other = Прочее
field-call = Приём заявок
field-title = Название
field-opens = Открывается
field-closes = Закрывается
field-held-on = Дата проведения
field-code = Код
field-kind = Вид
field-name-ky = Название на кыргызском
field-name-ru = Название на русском
field-name-en = Название на английском
field-reason = Причина
field-rules = Правила
rule-programme-code-format = используйте строчные латинские буквы, цифры и дефисы
rule-programme-kind-unknown = emgek не ведёт программы такого вида
rule-programme-name-required = название обязательно
rule-programme-code-taken = этот код уже у другой программы
rule-programme-tranches-not-whole = транши должны составлять в сумме 100%
rule-programme-window-backwards = приём заявок заканчивается раньше, чем начинается
rule-programme-cap-over-budget = один грант не может превышать весь бюджет
rule-programme-spending-cap-over-whole = предел расходов не может превышать 100%
rule-rules-version-exists = правила с этой даты уже есть; изменение оформите с новой даты
rule-call-title-required = название обязательно
rule-call-closes-before-opening = приём заявок закрывается раньше, чем открывается
rule-call-no-rules = у программы нет правил, действующих сегодня
rule-call-closed = сегодня заявки не принимаются
rule-training-title-required = название обязательно
rule-application-open-exists = у этого домохозяйства уже есть открытая заявка в этом приёме
rule-application-not-editable = изменить можно только черновик или заявку, возвращённую на доработку
rule-application-transition = состояние заявки не позволяет этот шаг
rule-application-submission-missing = для подачи нужны сведения о домохозяйстве и оценка
rule-application-reason-required = укажите причину
rule-plan-activity-required = опишите вид деятельности
rule-plan-lines-required = в плане должна быть хотя бы одна статья бюджета
rule-plan-item-required = укажите, что покупается
rule-plan-quantity-zero = количество — не меньше 1
rule-plan-projection-months = прогноз охватывает ровно 12 месяцев
rule-plan-contribution-over-budget = собственный вклад больше бюджета
rule-plan-grant-over-cap = запрошенный грант больше предела программы
rule-plan-ovop-required = программа требует категорию «Одно село – один продукт»
rule-plan-category-over-cap = на эту статью приходится большая доля бюджета, чем позволяет программа

## Review and allocation
field-quorum = Кворум
field-commission = Комиссия
field-status = Состояние
field-conflict = Конфликт интересов
field-recommendation = Рекомендация
field-reviews = Оценки
field-viability = Жизнеспособность
field-market = Рынок сбыта
field-local-resources = Местные ресурсы
field-jobs = Рабочие места
rule-commission-quorum-zero = кворум комиссии — не меньше 1
rule-commission-exists = для этого района в этом приёме комиссия уже есть
rule-commission-already-member = этот пользователь уже член комиссии
rule-review-no-commission = заявки этого района в этом приёме не рассматривает ни одна комиссия
rule-review-not-member = вы не член комиссии, которая рассматривает эту заявку
rule-review-not-under-review = заявка не на рассмотрении
rule-review-conflict-of-interest = вы живёте в айыл окмоту этой семьи: заявите о конфликте интересов
rule-review-recommendation-required = дайте рекомендацию
rule-review-quorum = для решения недостаточно оценок без конфликта интересов
rule-review-score-missing = оцените каждый критерий
rule-review-score-over-max = оценка выше максимума критерия
rule-review-criterion-unknown = такого критерия нет в программе
rule-review-already-given = вы уже оценили эту заявку
rule-allocation-stale = заявка изменилась во время распределения: запустите его снова
rule-ledger-insufficient = на это не хватает средств

## Contracts and payments
field-idempotency-key = Ключ запроса
field-tranche = Транш
field-contract = Контракт
field-on = Дата
field-amount-som = Сумма, сом
field-months = Месяцев
rule-payment-key-required = укажите ключ запроса (не длиннее 100 знаков), чтобы повтор никогда не оплачивался дважды
rule-payment-contract-not-signed = транш выплачивается только по подписанному или действующему контракту
rule-payment-tranche-unknown = в программе нет такого транша
rule-payment-first-tranche-first = сначала выплачивается первый транш
rule-payment-key-reused = этот ключ уже использован для другой выплаты
rule-payment-tranche-ordered = этот транш уже заказан
rule-payment-already-settled = банк уже исполнил это поручение
rule-contract-transition = состояние контракта не позволяет этот шаг
rule-contract-extension-too-long = срок можно продлить не более чем на половину
rule-contract-too-early = срок ещё не истёк
rule-contract-graduated = эта семья уже завершила программу
rule-ledger-not-positive = сумма должна быть больше нуля
rule-refund-more-than-due = это больше, чем семья ещё должна вернуть

## Monitoring
field-month = Месяц
field-revenue-som = Выручка, сом
field-costs-som = Расходы, сом
field-line = Статья бюджета
field-visited-on = Дата посещения
field-reasons = Причины
rule-report-line-unknown = в плане нет такой статьи бюджета
rule-report-month-outside = месяц вне срока контракта и сопровождения или ещё не наступил
rule-report-not-started = контракт ещё не начался
rule-report-month-exists = за этот месяц отчёт уже есть
rule-visit-reasons-required = укажите, почему дело испытывает трудности или закрыто

## Social Contract pages
nav-programmes = Социальный контракт
programmes-title = Программы и приёмы заявок
programmes-none = Программ пока нет.
calls-none = Приёмов заявок пока нет.
call = Приём заявок
application = Заявка
application-new = Новая заявка
applications-found = { $n ->
    [one] { $shown } заявка
    [few] { $shown } заявки
   *[other] { $shown } заявок
}
priority = Приоритет
business-plan = Бизнес-план
sector = Отрасль
local-resources = Используемые местные ресурсы
green-project = Зелёный проект
category = Статья
unit-price = Цена за единицу, сом
save-draft = Сохранить черновик
assessment = Соответствие и приоритет
eligible-yes = Соответствует условиям
eligible-no = Не соответствует условиям
assessment-after-submission = Оценка проводится при подаче заявки по сведениям на этот день.
next-steps = Следующие шаги
step-submit = Подать
step-start-review = Взять на рассмотрение
step-return = Вернуть на доработку
step-withdraw = Отозвать
review-title = Ваша оценка
review-declare-conflict = У меня конфликт интересов, я не оцениваю
recommendation-approve = Одобрить
recommendation-reject = Отклонить
recommendation-return = Вернуть на доработку
recommendation-none = нет
comment = Комментарий
review-give = Дать оценку
decision = Решение комиссии
reviews-none = Оценок пока нет.
commission-member = Член комиссии
points = Баллы
review-conflict = конфликт интересов
plan-total = Всего
plan-grant = Запрошенный грант
plan-revenue = Выручка за 12 месяцев
plan-costs = Расходы за 12 месяцев
plan-profit = Прибыль за 12 месяцев
plan-margin = Рентабельность
plan-payback = Окупаемость
months-count = { $n ->
    [one] { $shown } месяц
    [few] { $shown } месяца
   *[other] { $shown } месяцев
}
status-draft = черновик
status-submitted = подана
status-returned = возвращена на доработку
status-under-review = на рассмотрении
status-approved = одобрена
status-rejected = отклонена
status-funded = профинансирована
status-waiting-list = в листе ожидания
status-withdrawn = отозвана
sector-agriculture = Сельское хозяйство
sector-manufacturing = Производство
sector-trade = Торговля
sector-services = Услуги
check-eligibility-benefit = получает пособие малообеспеченным
check-eligibility-working-age-adult = есть трудоспособный член семьи
check-eligibility-no-active-contract = нет действующего контракта
check-eligibility-not-funded-recently = не финансировалась в течение срока программы
check-eligibility-training = прошла обучение бизнес-планированию
check-priority-three-or-more-children = трое и более детей
check-priority-member-with-disability = член семьи с инвалидностью
check-priority-ovop-product = продукт «Одно село – один продукт»
check-priority-green-project = зелёный проект
check-priority-profitable-plan = прибыльный план
rule-application-household-unknown = в ваших районах нет домохозяйства с таким номером

## Contract page
contract-title = Социальный контракт
contract-parties-office = Управление социальной защиты:
contract-parties-and = , и семья в лице
contract-parties-agree = , договорились о следующем.
contract-subject = Предмет
contract-subject-text = Государство предоставляет семье безвозвратный грант на её бизнес-план:
contract-grant = Грант
contract-payment = Выплата
contract-after-months = { $n ->
    [0] при начале контракта
    [one] через { $shown } месяц после начала
    [few] через { $shown } месяца после начала
   *[other] через { $shown } месяцев после начала
}
contract-term = Срок
contract-obligations = Обязательства семьи
contract-obligation-plan = Расходовать грант по статьям бюджета своего бизнес-плана.
contract-obligation-report = Ежемесячно, до 5-го числа следующего месяца, отчитываться о выручке, расходах, покупках и рабочих местах.
contract-obligation-receipts = Хранить чеки каждой покупки и предъявлять их.
contract-obligation-visits = Допускать социального работника на место работы.
contract-obligation-refund = Вернуть грант, если контракт нарушен без уважительной причины.
contract-sign-office = От управления социальной защиты
contract-payments = Выплаты
contract-reports = Ежемесячные отчёты
contract-visits = Посещения на месте
none-yet = Пока нет.
bank-reference = Референс банка
payment-ordered = заказана
payment-sent = отправлена в банк
payment-paid = выплачена
payment-failed = отклонена банком
visit-operating = работает
visit-struggling = испытывает трудности
visit-closed = закрыто
contract-status-draft = проект
contract-status-signed = подписан
contract-status-active = действует
contract-status-completed = исполнен
contract-status-terminated = расторгнут

## Allocation page
allocation-title = Распределение
allocation-intro = Одобренные заявки и лист ожидания по порядку: приоритет, затем оценка комиссии, затем очерёдность подачи. Заявка финансируется, если бюджет и все квоты ещё позволяют; иначе ждёт с указанием причины. Пока вы не подтвердите, ничего не меняется.
allocation-funded = Будут профинансированы
allocation-waiting = Будут ждать
allocation-spent = Сумма грантов
allocation-left = Останется бюджета
allocation-commit = Подтвердить распределение
allocation-none = Одобренных заявок, ожидающих средств, нет.
allocation-committed = { $n ->
    [one] Подтверждено: составлен { $shown } контракт.
    [few] Подтверждено: составлено { $shown } контракта.
   *[other] Подтверждено: составлено { $shown } контрактов.
}
reason-allocation-funded = финансируется
reason-allocation-budget = ждёт: не хватает бюджета
reason-allocation-quota-total = ждёт: общая квота исчерпана
reason-allocation-quota-oblast = ждёт: квота области исчерпана
reason-allocation-quota-rayon = ждёт: квота района исчерпана

## Contract actions
contract-sign = Подписать контракт
contract-order-tranche = Заказать транш
contract-completed-on = Срок исполнен
contract-complete = Завершить и выпустить из программы
contract-extend = Продлить по уважительной причине
contract-violation = Нарушение без уважительной причины (выплаченный грант взыскивается)
contract-terminate = Расторгнуть
contract-refund-due = Осталось вернуть
contract-repay = Записать погашение
report-title = Ежемесячный отчёт
hint-month = Месяц отчёта; срок — до 5-го числа следующего месяца.
receipts = Чеки (номера или заметки)
report-send = Отправить отчёт
visit-title = Посещение на месте
visit-record = Записать посещение

## Overdue and payments pages
overdue-title = Просроченные отчёты
overdue-intro = Контракты, по которым ежемесячный отчёт должен был поступить до 5-го числа следующего месяца и отсутствует — в течение срока и сопровождения.
overdue-none = Просроченных отчётов нет.
overdue-months = Месяцы без отчёта
payments-title = Выплаты
payments-bank-file = Платёжный файл для банка
payments-bank-file-intro = Все заказанные и ещё не отправленные транши в CSV для банка; они отмечаются как отправленные.
payments-download = Скачать платёжный файл
payments-confirmations = Подтверждения банка
payments-confirmations-label = Вставьте CSV банка
payments-apply = Применить подтверждения
rule-csv-malformed = строку невозможно прочитать
rule-payment-order-unknown = такого платёжного поручения нет
rule-payment-status-unknown = состояние — paid или failed
rule-review-not-eligible = при подаче заявки семья не выполнила все условия: одобрить нельзя

## Trainings
trainings-title = Обучение
trainings-attending = Домохозяйств присутствовало
trainings-new = Записать обучение
trainings-attendance = Отметить присутствие
trainings-which = Обучение
trainings-record = Отметить
rule-training-unknown = в этом приёме такого обучения нет

## Minutes
minutes-title = Протокол
minutes-members = Члены комиссии
minutes-decisions = Решения
minutes-chair = Председатель
minutes-secretary = Секретарь
field-purchases = Потрачено по статьям бюджета плана, сом
rule-number-whole = укажите целое число, например 3
hint-purchases = Только статьи, по которым в этом месяце что-то куплено.
hint-receipts = Несколько чеков разделите знаком ;

## Programme administration
rules-title = Правила
rules-explain = Правила программы никогда не переписываются: каждая редакция действует со своей даты до следующей, и каждая заявка, решение и контракт хранят редакцию, по которой приняты.
rules-versions = Редакции
rules-none = Правил пока нет: запишите первую редакцию ниже.
rules-in-force = действует
rules-in-force-since = правила действуют с
rules-none-in-force = сегодня правила не действуют
rules-window = Приём заявок
rules-version-from = Редакция, действующая с
rules-new = Новая редакция правил
hint-rules-new = Форма заполнена по последней редакции. Укажите дату вступления изменений в силу; уже принятые решения сохраняют свои правила.
rules-save = Сохранить новую редакцию
rules-budget = Бюджет и грант
rules-tranches = Транши
hint-rules-tranches = Доли гранта, в сумме 100%, выплачиваемые через указанное число месяцев после начала контракта. Лишние строки оставьте пустыми.
rules-quotas = Квоты
hint-rules-quotas = Сколько семей можно профинансировать всего и не больше чем в области или районе. Пусто — без своей квоты.
rules-eligibility = Право на участие
rules-priority = Баллы приоритета
hint-rules-priority = Баллы, которые семья получает для приоритета; наибольшие суммы финансируются первыми.
rules-spending-caps = «Одно село – один продукт» и пределы расходов
hint-rules-spending-caps = Наибольшая доля бюджета плана на категорию, в %. Пусто — без предела.
rules-term = Срок и приём заявок
rules-criteria = Критерии оценки
hint-rules-criteria = По чему члены комиссии оценивают план, каждый от 0 до своего максимума. Коды — строчными латинскими буквами.
programme-new = Новая программа
programme-create = Создать программу
hint-programme-code = Строчные латинские буквы, цифры и дефисы, например social-contract-2025. Затем — её правила.
call-new = Объявить приём заявок
call-open = Объявить
field-programme = Программа
field-effective-from = Действует с
field-budget-som = Бюджет, сом
field-grant-cap-som = Наибольший грант, сом
field-share-pct = доля, %
field-after-months = Через месяцев
field-tranches = Транши
field-quota-total = Всего семей
field-require-benefit = Семья получает пособие малообеспеченным семьям
field-require-working-age-adult = Член семьи трудоспособного возраста без инвалидности I группы
field-working-age-min = Трудоспособный возраст от, лет
field-working-age-max = Трудоспособный возраст до, лет
field-no-active-contract = Нет действующего контракта
field-not-funded-within-years = Не финансировалась в течение, лет
field-require-training = Прошла обучение по бизнес-плану
field-three-or-more-children = Трое и более детей
field-member-with-disability = Член семьи с инвалидностью
field-ovop-product = Продукт «Одно село – один продукт»
field-green-project = Зелёный проект
field-profitable-plan = Прибыльный план
field-profitable-margin-pct = Рентабельность, при которой план прибыльный, %
field-spending-caps = Пределы расходов
field-require-ovop = Заявка должна указать категорию «Одно село – один продукт»
field-contract-months = Срок контракта, месяцев
field-follow-up-months = Сопровождение после контракта, месяцев
field-benefit-limitation-years = Ограничение пособия после выпуска, лет
field-window-opens = Заявки с
field-window-closes = Заявки до
field-criterion-code = Критерий
field-max-points = Наибольший балл
field-criteria = Критерии оценки
rule-scope-national = программы задаются для всей страны: менять их может только администратор всей страны
rule-percent-format = укажите процент от 0 до 100, например 70 или 33,33
rule-number-at-least-one = должно быть не меньше 1
rule-programme-age-range = верхний возраст меньше нижнего
rule-programme-criterion-code = используйте строчные латинские буквы и подчёркивания
rule-programme-criteria-required = укажите хотя бы один критерий
rules-quotas-by-oblast = Квоты по областям
rules-quotas-by-rayon = Квоты по районам
receipts-column = Чеки
receipt-attach-label = Фото или скан чека за
receipt-attach = Прикрепить
field-receipt = Чек
rule-receipt-empty = выберите файл
rule-receipt-too-large = файл больше 8 МБ: сделайте фото с меньшим разрешением
rule-receipt-type = прикрепите фото (JPEG или PNG) или скан в PDF
contract-term-from-payment = со дня выплаты первого транша
commissions-title = Районные комиссии
commissions-intro = Заявки каждого района в этом приёме рассматривает его районная комиссия: члены оценивают планы, а для решения нужен кворум оценок без конфликта интересов.
commissions-none = Комиссий пока нет.
commission-no-members = Членов пока нет.
commission-no-candidates = Все пользователи, которые могут рассматривать заявки этого района, уже в комиссии. Чтобы включить ещё одного, дайте ему роль члена комиссии для района на странице пользователей.
commission-seat = Включить в комиссию
commission-new = Создать комиссию
commission-create = Создать комиссию
hint-commission-name = Если оставить пустым, комиссия будет названа по району.
hint-quorum = Сколько оценок без конфликта интересов нужно для решения.
conflict-rule-none = учитываются только заявленные конфликты
conflict-rule-same-aiyl-okmotu = член комиссии не рассматривает семью из своего айыл окмоту
field-name = Название
field-conflict-rule = Правило о конфликте интересов
field-user-id = Член комиссии
rule-commission-conflict-rule-unknown = выберите одно из правил о конфликте интересов
rule-commission-member-unknown = такого пользователя нет
rule-commission-member-cannot-review = этот пользователь не может рассматривать заявки района комиссии

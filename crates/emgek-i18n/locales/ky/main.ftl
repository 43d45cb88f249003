# emgek: кыргыз тилиндеги билдирүүлөр.

## Layout
skip-to-content = Мазмунга өтүү
nav-label = Башкы меню
nav-households = Үй чарбалар
nav-import = Импорттоо
nav-api = Программалар үчүн API
lang-label = Тил
footer = emgek — бизнес-пландан жакырчылыктан чыгууга чейинки эмгек жана киреше программалары.
back-to-list = Үй чарбалардын тизмесине кайтуу
unit-som = сом
given = берилген: { $value }

## Errors
error-not-found-title = Табылган жок
error-not-found = Мындай жазуу жок, же аны көрүүгө укугуңуз жок.
error-forbidden-title = Уруксат жок
error-forbidden = Ролуңуз бул аракетке уруксат бербейт.
error-bad-request-title = Суроо окулган жок
error-bad-request = Форма же файл окулган жок. Кайра аракет кылыңыз.
error-internal-title = Бир нерсе туура эмес болду
error-internal = Серверде ката кетти. Эч нерсе сакталган жок. Кайра аракет кылыңыз; ката кайталанса, администраторго кабарлаңыз.
error-prefix = Ката:
form-has-errors = Төмөнкүлөрдү оңдоңуз

## Forms
household = Үй чарба
household-head = Үй чарбанын башчысы
member = Үй-бүлө мүчөсү
save = Сактоо
cancel = Жокко чыгаруу
choose = — тандаңыз —
yes = Ооба
no = Жок
household-new = Үй чарбаны каттоо
household-edit = Үй чарбаны өзгөртүү
member-new = Үй чарбага адам кошуу
member-edit = Өзгөртүү
saved = Сакталды.
edit = Өзгөртүү

## Household list
households-title = Үй чарбалар
filter-q = ПИН, үй чарбанын номери же аты-жөнү
filter-q-placeholder = мисалы, 21503198512345 же Асанов
any = Баары
filter-place = Айыл өкмөтү же айыл
benefit = Үй-бүлөгө көмөк
filter-disability = Мүмкүнчүлүгү чектелген мүчөсү бар
filter-review = Текшерүүчү жазуулары бар
search = Издөө
clear = Тазалоо
households-found = { $n ->
    [one] { $shown } үй чарба
   *[other] { $shown } үй чарба
}
export = Бул тизмени жүктөп алуу
households-none = Бул издөө боюнча үй чарба табылган жок.
place = Жайгашкан жери
facts-size = Мүчөлөрү
facts-children = 18 жашка чейинки балдар
facts-disability = Мүмкүнчүлүгү чектелгендер
needs-review = текшерүү керек
pages = Барактар
previous = Мурунку
next = Кийинки
page-of = { $pages } барактын { $page }-барагы

## Household page
registered = Катталган
by-import = № { $n } импорт аркылуу
since = башталышы
facts = Сандар менен
members = Үй-бүлө мүчөлөрү
history = Өзгөртүүлөрдүн тарыхы
history-none = Өзгөртүүлөр жок.
age-years = { $n ->
    [one] { $shown } жаш
   *[other] { $shown } жаш
}
change-household-create = Катталды
change-household-update = Үй чарба өзгөртүлдү
change-member-create = Адам кошулду
change-member-update = Адамдын маалыматы өзгөртүлдү

## Fields
field-household-ref = Үй чарбанын номери
field-oblast = Облус
field-rayon = Район
field-aiyl-okmotu = Айыл өкмөтү
field-village = Айыл
field-phone = Телефон
field-benefit-since = Көмөк башталган күн
field-benefit-monthly-som = Айлык көмөк, сом
field-consent = Маалыматты иштетүүгө макулдук
field-pin = ПИН
field-full-name = Аты-жөнү (кириллица)
field-full-name-latin = Аты-жөнү (латын тамгалары)
field-birth-date = Туулган күнү
field-sex = Жынысы
field-relation = Башчыга туугандыгы
field-disability = Майыптуулук
field-members = Мүчөлөрү

hint-household-ref = Социалдык коргоо реестриндеги үй чарбанын номери: тамгалар, сандар, - _ /.
hint-pin = 14 сан: биринчиси аялдарда 1, эркектерде 2; андан кийин туулган күнү ККААЖЖЖЖ.
hint-full-name = Фамилиясы, аты, атасынын аты — паспорттогудай.
hint-full-name-latin = Милдеттүү эмес: аты-жөнү латын тамгалары менен.
hint-phone = +996 жана тогуз сан, мисалы +996 555 12 34 56.
hint-benefit-since = Үй-бүлө үй-бүлөгө көмөк алса гана толтурулат.
hint-benefit-monthly-som = Айлык сумма сом менен, мисалы 1200 же 1200,50.
hint-birth-date = Келечектеги күн болбошу керек.

sex-f = Аял
sex-m = Эркек
relation-head = Башчы
relation-spouse = Жубайы
relation-child = Баласы
relation-parent = Ата-энеси
relation-sibling = Бир тууганы
relation-grandchild = Небереси
relation-other-relative = Башка тууганы
relation-non-relative = Тууганы эмес
disability-none = Жок
disability-i = I топ
disability-ii = II топ
disability-iii = III топ
disability-child = Мүмкүнчүлүгү чектелген бала

## Rules
rule-pin-length = ПИН так 14 сандан турат
rule-pin-digits = ПИН сандардан гана турат
rule-pin-sex-digit = ПИНдин биринчи саны 1 (аял) же 2 (эркек)
rule-pin-taken = бул ПИН менен адам мурда катталган
rule-pin-duplicate-in-file = бул ПИН файлдын мурунку сабында бар
rule-pin-date-invalid = ПИНдеги күн чыныгы күн эмес: ПИНди текшериңиз
rule-pin-birth-date-mismatch = ПИНде башка туулган күн жазылган: ПИНди жана күндү текшериңиз
rule-pin-sex-mismatch = ПИНде башка жыныс жазылган: ПИНди жана жынысты текшериңиз
rule-household-ref-required = үй чарбанын номери милдеттүү
rule-household-ref-format = 40тан ашпаган тамга, сан, - _ же / колдонуңуз
rule-household-ref-taken = бул номер башка үй чарбага берилген
rule-household-members-required = үй чарбада жок дегенде бир адам болушу керек
rule-oblast-unknown = бул облустун коду эмес, мисалы KG-C
rule-rayon-unknown = бул райондун коду эмес, мисалы KG-C-SOK
rule-rayon-oblast-mismatch = бул район башка облуста жайгашкан
rule-text-too-long = 100 белгиден ашпашы керек
rule-phone-format = +996 жана тогуз сан жазыңыз
rule-benefit-incomplete = көмөктүн башталган күнүн да, айлык суммасын да жазыңыз
rule-date-invalid = мындай күн жок: ЖЖЖЖ-АА-КК же КК.АА.ЖЖЖЖ түрүндө жазыңыз
rule-date-future = бул күн али келе элек
rule-money-format = сумманы жазыңыз, мисалы 1200 же 1200,50
rule-consent-format = «ооба» же «жок» деп жооп бериңиз
rule-full-name-required = аты-жөнү милдеттүү
rule-full-name-cyrillic = аты-жөнүн кириллица менен жазыңыз; латынча жазылышы үчүн өзүнчө талаа бар
rule-full-name-latin-latin = латын тамгалары гана
rule-birth-date-too-early = 1900-жылга чейинки туулган күн туура болушу мүмкүн эмес
rule-sex-unknown = F (аял) же M (эркек) деп жазыңыз
rule-relation-unknown = мындай туугандык тизмеде жок
rule-disability-unknown = none, I, II, III же child деп жазыңыз
rule-disability-child-adult = «мүмкүнчүлүгү чектелген бала» 18 жашка чейин гана: текшериңиз

## Import
import-title = Үй чарбаларды импорттоо
import-intro = CSV же XLSX файлын жүктөңүз: биринчи сап — аталыштар, андан кийин ар бир адамга бир сап. Ар бир сап текшерилет; эрежени бузган саптар себеби менен четке кагылгандар файлына түшөт, калгандары бирге сакталат. Ошол эле файлды кайра импорттоо кайталанган жазууларды түзбөйт.
import-file = Файл
import-file-hint = Төмөндө көрсөтүлгөн мамычалары бар CSV (UTF-8) же XLSX.
import-all-or-nothing = Бир да сап четке кагылса, эч нерсе сактабоо
import-start = Импортту баштоо
import-template = Бардык мамычалары бар үлгү
import-columns = Мамычалар
column = Мамыча
meaning = Мааниси
required = Милдеттүү
rule = Эреже
import-recent = Акыркы импорттор
import-none = Импорт азырынча болгон жок.
when = Качан
who = Ким
import-outcome = Жыйынтыгы
import-read = Окулган саптар
import-rejected = Четке кагылган саптар
import-households-created = Түзүлгөн үй чарбалар
import-members-created = Кошулган адамдар
import-members-updated = Жаңыланган адамдар
import-warnings = Текшерүү үчүн эскертүүсү менен сакталган саптар
import-committed = Сакталды
import-rolled-back = Эч нерсе сакталган жок
import-running = Импорт жүрүп жатат. Бул барак өзү жаңыланат.
import-progress = Импорттун жүрүшү
import-failed = Импорт токтоду; эч нерсе сакталган жок
import-rejected-by-rule = Четке кагылган саптар эрежелер боюнча
import-download-rejects = Четке кагылгандар файлын жүктөп алуу
import-another = Башка файлды импорттоо
import-wrong-type = .csv же .xlsx менен аяктаган файлды тандаңыз.
import-no-file = Импорттоо үчүн файл тандаңыз.
export-format = формат csv же xlsx болушу керек.

column-household-ref = Бир үй чарбанын бардык саптарында бир эле номер.
column-oblast = ISO коду: KG-B, KG-C, KG-J, KG-N, KG-O, KG-T, KG-Y, KG-GB, KG-GO.
column-rayon = Райондун коду, мисалы KG-C-SOK (тизме: /api/v1/oblasts).
column-aiyl-okmotu = Текст, 100 белгиден ашпайт.
column-village = Текст, 100 белгиден ашпайт.
column-phone = +996 жана тогуз сан; бош калышы мүмкүн.
column-benefit-since = ЖЖЖЖ-АА-КК же КК.АА.ЖЖЖЖ; көмөк жок болсо бош.
column-benefit-monthly-som = Сумма сом менен, мисалы 1200.00; benefit_since менен бирге.
column-consent = yes (ооба) же no (жок).
column-pin = 14 сан; адамдын ачкычы: мурда белгилүү ПИН ошол адамдын жазуусун жаңылайт.
column-full-name = Кириллица менен.
column-full-name-latin = Латын тамгалары менен; бош калышы мүмкүн.
column-birth-date = ЖЖЖЖ-АА-КК же КК.АА.ЖЖЖЖ, келечектеги күн эмес.
column-sex = F (аял) же M (эркек).
column-relation = head (башчы), spouse (жубайы), child (баласы), parent (ата-энеси), sibling (бир тууганы), grandchild (небереси), other_relative (башка тууганы), non_relative (тууганы эмес).
column-disability = none (жок), I, II, III же child (бала); бош болсо — жок.

## Access
nav-users = Колдонуучулар
nav-audit = Аудит журналы
logout = Чыгуу
login-title = Кирүү
login-submit = Кирүү
login-failed = Колдонуучунун аты же сырсөз туура эмес.
login-locked = Ийгиликсиз кирүү аракеттери өтө көп. 15 мүнөттөн кийин кайра аракет кылыңыз же администраторго кайрылыңыз.
logged-out = Сиз системадан чыктыңыз.
username = Колдонуучунун аты
password = Сырсөз
password-again = Сырсөздү кайталаңыз
display-name = Аты-жөнү
demo-title = Демонстрациялык эсептер
demo-intro = Бул ойдон чыгарылган адамдар менен демонстрациялык орнотуу. Төмөнкү бардык эсептердин сырсөзү
role = Ролу
scope = Кайда
setup-title = Биринчи администраторду түзүү
setup-intro = Бул жаңы орнотууга азырынча эч ким кире албайт. Калгандарды кошо турган администраторду түзүңүз.
setup-submit = Администраторду түзүү
setup-done = Администратор түзүлдү. Кириңиз.
hint-username = 3төн 40ка чейин кичине латын тамгалары, сандар, чекиттер, дефистер.
hint-password = Кеминде 12 белги; колдонуучунун аты эмес; кеңири таралган сырсөз эмес.
account-title = Менин эсебим
account-roles = Ролдор
account-no-roles = Азырынча ролдор жок: администраторго кайрылыңыз.
password-title = Сырсөздү өзгөртүү
password-current = Учурдагы сырсөз
password-new = Жаңы сырсөз
password-forced = Сырсөзүңүздү башка адам койгон. Улантуудан мурун өзүңүздүн сырсөзүңүздү ойлоп табыңыз.
password-changed = Сакталды. Башка сеанстарыңыз аяктады.
tokens-title = API токендери
tokens-intro = Токен программага API менен сиздин укуктарыңыз менен иштөөгө мүмкүндүк берет. Аны жашыруун сактаңыз; керек болбой калганда жокко чыгарыңыз.
tokens-new = Жаңы токениңиз, ал бир гана жолу көрсөтүлөт:
tokens-name = Аталышы
tokens-create = Токен түзүү
tokens-prefix = Башталышы
tokens-created = Түзүлгөн
tokens-last-used = Акыркы колдонулушу
tokens-revoke = Жокко чыгаруу
tokens-revoked = Жокко чыгарылган
users-title = Колдонуучулар
users-new = Жаңы колдонуучу
users-status = Абалы
users-disabled = өчүрүлгөн
users-active = активдүү
users-initial-password = Баштапкы сырсөз (биринчи киргенде өзгөртүлөт)
users-reset = Жаңы баштапкы сырсөз коюу
users-enable = Эсепти күйгүзүү
users-disable = Эсепти өчүрүү
audit-title = Аудит журналы
audit-export = CSV катары жүктөп алуу
audit-verify = Чынжырды текшерүү
audit-broken = Чынжыр бул сапта бузулган:
audit-intact = { $n ->
    [one] Чынжыр бүтүн: { $shown } сап текшерилди.
   *[other] Чынжыр бүтүн: { $shown } сап текшерилди.
}
audit-action = Аракет
audit-from = Кайдан
audit-object = Жазуу
audit-detail = Кененирээк
audit-older = Мурунку жазуулар
hidden = жашырылган
scope-country = бүт өлкө
scope-facility = мекеме
scope-oblasts = Облустар
role-admin = Администратор
role-case-worker = Социалдык кызматкер
role-commission-member = Комиссиянын мүчөсү
role-enterprise-manager = Ишкананын жетекчиси
role-hq-analyst = Борбордук аппараттын аналитиги
role-auditor = Аудитор же донор
error-unauthorized = Адегенде кириңиз же жарактуу API токенин жибериңиз.
error-csrf-title = Форманын мөөнөтү бүттү
error-csrf = Форма коргоо кодусуз же башка сайттан жөнөтүлдү. Баракты жаңылап, кайра аракет кылыңыз.
error-setup = Администратор азырынча жок: аны түзүү үчүн веб-баракты ачыңыз.
error-throttled-title = Аракеттер өтө көп
error-throttled = Бир нече мүнөт күтүп, кайра аракет кылыңыз.
rule-scope-outside = бул жер сиз иштеген жерлерге кирбейт
rule-password-too-short = сырсөз кеминде 12 белгиден турат
rule-password-contains-username = сырсөздө колдонуучунун аты болбошу керек
rule-password-common = бул сырсөздү табуу өтө оңой
rule-password-too-simple = кеминде 5 ар башка белги колдонуңуз
rule-password-mismatch = эки сырсөз дал келбейт
rule-password-current-wrong = учурдагы сырсөз туура эмес
rule-password-unchanged = жаңы сырсөз эскиси менен бирдей
rule-username-format = 3төн 40ка чейин кичине латын тамгаларын, сандарды, чекиттерди же дефистерди колдонуңуз
rule-username-taken = бул колдонуучунун аты бош эмес
rule-grant-incomplete = ар бир ролдун жери, ар бир жердин ролу болушу керек
rule-token-name = токенге 60 белгиден ашпаган ат бериңиз
rule-user-self-disable = өз эсебиңизди өчүрө албайсыз

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

## Social Contract
field-activity = Иштин түрү
field-lines = Бюджеттин беренелери
field-item = Аталышы
field-quantity = Саны
field-projection = 12 айга болжол
field-own-contribution = Өз салымы
field-ovop-category = «Бир айыл – бир продукт» категориясы
field-livestock = Мал
field-equipment = Жабдуулар
field-materials = Материалдар
field-premises = Жайлар
field-seeds = Үрөндөр
field-training = Окуу
field-other = Башка
field-call = Арыз кабыл алуу
field-title = Аталышы
field-opens = Ачылат
field-closes = Жабылат
field-held-on = Өткөрүлгөн күнү
field-code = Коду
field-kind = Түрү
field-name-ky = Кыргызча аталышы
field-name-ru = Орусча аталышы
field-name-en = Англисче аталышы
field-reason = Себеби
field-rules = Эрежелер
rule-programme-code-format = кичине латын тамгаларын, сандарды жана дефистерди колдонуңуз
rule-programme-kind-unknown = emgek мындай түрдөгү программаны жүргүзбөйт
rule-programme-name-required = аталышы милдеттүү
rule-programme-code-taken = бул код башка программада бар
rule-programme-tranches-not-whole = транштардын суммасы 100% болушу керек
rule-programme-window-backwards = арыз кабыл алуу башталганга чейин аяктап калат
rule-programme-cap-over-budget = бир грант бүт бюджеттен ашпашы керек
rule-programme-spending-cap-over-whole = чыгымдын чеги 100% дан ашпашы керек
rule-rules-version-exists = бул күндөн баштап эрежелер бар; өзгөртүүнү жаңы күндөн баштап жазыңыз
rule-call-title-required = аталышы милдеттүү
rule-call-closes-before-opening = арыз кабыл алуу ачылганга чейин жабылып калат
rule-call-no-rules = программанын бүгүн күчүндө турган эрежелери жок
rule-call-closed = бүгүн арыз кабыл алынбайт
rule-training-title-required = аталышы милдеттүү
rule-application-open-exists = бул үй чарбанын бул кабыл алууда ачык арызы бар
rule-application-not-editable = долбоорду же кайра иштетүүгө кайтарылган арызды гана өзгөртүүгө болот
rule-application-transition = арыздын абалы бул кадамга жол бербейт
rule-application-submission-missing = тапшыруу үчүн үй чарбанын маалыматтары жана баалоо керек
rule-application-reason-required = себебин жазыңыз
rule-plan-activity-required = иштин түрүн сүрөттөңүз
rule-plan-lines-required = планда жок дегенде бир бюджет беренеси болушу керек
rule-plan-item-required = эмне сатылып алынарын жазыңыз
rule-plan-quantity-zero = саны кеминде 1 болушу керек
rule-plan-projection-months = болжол так 12 айды камтыйт
rule-plan-contribution-over-budget = өз салымы бюджеттен ашып кетти
rule-plan-grant-over-cap = суралган грант программанын чегинен ашат
rule-plan-ovop-required = программа «Бир айыл – бир продукт» категориясын талап кылат
rule-plan-category-over-cap = бул беренеге программа уруксат бергенден көбүрөөк үлүш туура келет

## Review and allocation
field-quorum = Кворум
field-commission = Комиссия
field-status = Абалы
field-conflict = Кызыкчылыктардын кагылышуусу
field-recommendation = Сунуш
field-reviews = Баалоолор
field-viability = Туруктуулугу
field-market = Сатуу рыногу
field-local-resources = Жергиликтүү ресурстар
field-jobs = Жумуш орундары
rule-commission-quorum-zero = комиссиянын кворуму кеминде 1 болушу керек
rule-commission-exists = бул кабыл алууда бул райондун комиссиясы мурунтан бар
rule-commission-already-member = бул колдонуучу мурунтан эле мүчө
rule-review-no-commission = бул кабыл алууда бул райондун арыздарын эч бир комиссия карабайт
rule-review-not-member = сиз бул арызды караган комиссиянын мүчөсү эмессиз
rule-review-not-under-review = арыз каралып жаткан жок
rule-review-conflict-of-interest = сиз бул үй-бүлөнүн айыл өкмөтүндө жашайсыз: кызыкчылыктардын кагылышуусун билдириңиз
rule-review-recommendation-required = сунуш бериңиз
rule-review-quorum = чечим үчүн кызыкчылыктардын кагылышуусу жок баалоолор жетишсиз
rule-review-score-missing = ар бир критерийди баалаңыз
rule-review-score-over-max = баа критерийдин эң жогорку чегинен ашат
rule-review-criterion-unknown = программада мындай критерий жок
rule-review-already-given = сиз бул арызды мурунтан баалагансыз
rule-allocation-stale = бөлүштүрүү учурунда арыз өзгөрдү: аны кайра иштетиңиз
rule-ledger-insufficient = буга каражат жетишсиз

## Contracts and payments
field-idempotency-key = Суроонун ачкычы
field-tranche = Транш
field-contract = Келишим
field-on = Күнү
field-amount-som = Суммасы, сом
field-months = Ай
rule-payment-key-required = кайталанган суроо эч качан эки жолу төлөнбөшү үчүн суроого ачкыч бериңиз (100 белгиден ашпасын)
rule-payment-contract-not-signed = транш кол коюлган же иштеп жаткан келишим боюнча гана төлөнөт
rule-payment-tranche-unknown = программада мындай транш жок
rule-payment-first-tranche-first = адегенде биринчи транш төлөнөт
rule-payment-key-reused = бул ачкыч башка төлөм үчүн колдонулган
rule-payment-tranche-ordered = бул транш мурунтан буйрутма кылынган
rule-payment-already-settled = банк бул буйрутманы мурунтан аткарган
rule-contract-transition = келишимдин абалы бул кадамга жол бербейт
rule-contract-extension-too-long = мөөнөттү жарымынан ашык узартууга болбойт
rule-contract-too-early = мөөнөт али бүтө элек
rule-contract-graduated = бул үй-бүлө программаны мурунтан аяктаган
rule-ledger-not-positive = сумма нөлдөн чоң болушу керек
rule-refund-more-than-due = бул үй-бүлөнүн кайтаруу боюнча калган карызынан көп

## Monitoring
field-month = Ай
field-revenue-som = Түшкөн каражат, сом
field-costs-som = Чыгымдар, сом
field-line = Бюджеттин беренеси
field-visited-on = Барган күнү
field-reasons = Себептери
rule-report-line-unknown = планда мындай бюджет беренеси жок
rule-report-month-outside = ай келишимдин жана коштоонун мөөнөтүнөн тышкары же али келе элек
rule-report-not-started = келишим али башталган жок
rule-report-month-exists = бул айдын отчету мурунтан бар
rule-visit-reasons-required = иш эмне үчүн кыйынчылыкта же жабылганын жазыңыз

## Social Contract pages
nav-programmes = Социалдык келишим
programmes-title = Программалар жана арыз кабыл алуулар
programmes-none = Азырынча программа жок.
calls-none = Азырынча арыз кабыл алуу жок.
call = Арыз кабыл алуу
application = Арыз
application-new = Жаңы арыз
applications-found = { $n ->
    [one] { $shown } арыз
   *[other] { $shown } арыз
}
priority = Артыкчылык
business-plan = Бизнес-план
sector = Тармак
local-resources = Колдонулган жергиликтүү ресурстар
green-project = Жашыл долбоор
category = Берене
unit-price = Бирдигинин баасы, сом
save-draft = Долбоор катары сактоо
assessment = Шайкештик жана артыкчылык
eligible-yes = Шарттарга туура келет
eligible-no = Шарттарга туура келбейт
assessment-after-submission = Баалоо арыз тапшырылганда ошол күндүн маалыматтары боюнча жүргүзүлөт.
next-steps = Кийинки кадамдар
step-submit = Тапшыруу
step-start-review = Кароого алуу
step-return = Кайра иштетүүгө кайтаруу
step-withdraw = Кайтарып алуу
review-title = Сиздин баалооңуз
review-declare-conflict = Менде кызыкчылыктардын кагылышуусу бар, мен баалабайм
recommendation-approve = Жактыруу
recommendation-reject = Четке кагуу
recommendation-return = Кайра иштетүүгө кайтаруу
recommendation-none = жок
comment = Пикир
review-give = Баа берүү
decision = Комиссиянын чечими
reviews-none = Азырынча баалоо жок.
commission-member = Комиссиянын мүчөсү
points = Упайлар
review-conflict = кызыкчылыктардын кагылышуусу
plan-total = Бардыгы
plan-grant = Суралган грант
plan-revenue = 12 айдагы түшкөн каражат
plan-costs = 12 айдагы чыгымдар
plan-profit = 12 айдагы пайда
plan-margin = Кирешелүүлүк
plan-payback = Өзүн актоо мөөнөтү
months-count = { $n ->
    [one] { $shown } ай
   *[other] { $shown } ай
}
status-draft = долбоор
status-submitted = тапшырылды
status-returned = кайра иштетүүгө кайтарылды
status-under-review = каралууда
status-approved = жактырылды
status-rejected = четке кагылды
status-funded = каржыланды
status-waiting-list = күтүү тизмесинде
status-withdrawn = кайтарылып алынды
sector-agriculture = Айыл чарбасы
sector-manufacturing = Өндүрүш
sector-trade = Соода
sector-services = Кызмат көрсөтүү
check-eligibility-benefit = үй-бүлөгө көмөк алат
check-eligibility-working-age-adult = эмгекке жарамдуу мүчөсү бар
check-eligibility-no-active-contract = иштеп жаткан келишими жок
check-eligibility-not-funded-recently = программанын мөөнөтүндө каржыланган эмес
check-eligibility-training = бизнес-план боюнча окуудан өттү
check-priority-three-or-more-children = үч жана андан көп бала
check-priority-member-with-disability = мүмкүнчүлүгү чектелген мүчөсү бар
check-priority-ovop-product = «Бир айыл – бир продукт» продуктусу
check-priority-green-project = жашыл долбоор
check-priority-profitable-plan = кирешелүү план
rule-application-household-unknown = сиздин райондордо мындай номери бар үй чарба жок

## Contract page
contract-title = Социалдык келишим
contract-parties-office = Социалдык коргоо башкармалыгы:
contract-parties-and = , жана үй-бүлөнүн атынан
contract-parties-agree = , төмөнкүлөр боюнча макулдашышты.
contract-subject = Келишимдин предмети
contract-subject-text = Мамлекет үй-бүлөгө анын бизнес-планы үчүн кайтарылбас грант берет:
contract-grant = Грант
contract-payment = Төлөм
contract-after-months = { $n ->
    [0] келишим башталганда
   *[other] башталгандан { $shown } ай өткөндө
}
contract-term = Мөөнөтү
contract-obligations = Үй-бүлөнүн милдеттери
contract-obligation-plan = Грантты бизнес-планынын бюджет беренелери боюнча жумшоо.
contract-obligation-report = Ар ай сайын, кийинки айдын 5ине чейин түшкөн каражат, чыгымдар, сатып алуулар жана жумуш орундары тууралуу отчет берүү.
contract-obligation-receipts = Ар бир сатып алуунун чектерин сактоо жана көрсөтүү.
contract-obligation-visits = Социалдык кызматкерге иш ордуна барууга уруксат берүү.
contract-obligation-refund = Келишим жүйөлүү себепсиз бузулса, грантты кайтаруу.
contract-sign-office = Социалдык коргоо башкармалыгынын атынан
contract-payments = Төлөмдөр
contract-reports = Айлык отчеттор
contract-visits = Жерине баруулар
none-yet = Азырынча жок.
bank-reference = Банктын референси
payment-ordered = буйрутма кылынды
payment-sent = банкка жөнөтүлдү
payment-paid = төлөндү
payment-failed = банк четке какты
visit-operating = иштеп жатат
visit-struggling = кыйынчылыкта
visit-closed = жабылган
contract-status-draft = долбоор
contract-status-signed = кол коюлган
contract-status-active = күчүндө
contract-status-completed = аткарылды
contract-status-terminated = бузулду

## Allocation page
allocation-title = Бөлүштүрүү
allocation-intro = Жактырылган арыздар жана күтүү тизмеси тартип боюнча: артыкчылык, андан кийин комиссиянын баасы, андан кийин тапшыруу кезеги. Бюджет жана бардык квоталар уруксат берсе арыз каржыланат; болбосо себеби менен күтөт. Сиз ырастамайынча эч нерсе өзгөрбөйт.
allocation-funded = Каржыланат
allocation-waiting = Күтөт
allocation-spent = Гранттардын суммасы
allocation-left = Калган бюджет
allocation-commit = Бөлүштүрүүнү ырастоо
allocation-none = Каражат күткөн жактырылган арыз жок.
allocation-committed = { $n ->
    [one] Ырасталды: { $shown } келишим түзүлдү.
   *[other] Ырасталды: { $shown } келишим түзүлдү.
}
reason-allocation-funded = каржыланат
reason-allocation-budget = күтөт: бюджет жетишсиз
reason-allocation-quota-total = күтөт: жалпы квота толду
reason-allocation-quota-oblast = күтөт: облустун квотасы толду
reason-allocation-quota-rayon = күтөт: райондун квотасы толду

## Contract actions
contract-sign = Келишимге кол коюу
contract-order-tranche = Траншты буйрутма кылуу
contract-completed-on = Мөөнөт аткарылган күн
contract-complete = Аяктоо жана программадан чыгаруу
contract-extend = Жүйөлүү себеп менен узартуу
contract-violation = Жүйөлүү себепсиз бузуу (төлөнгөн грант кайтарылып алынат)
contract-terminate = Бузуу
contract-refund-due = Кайтарыла элек сумма
contract-repay = Төлөмдү каттоо
report-title = Айлык отчет
hint-month = Отчеттун айы; мөөнөтү — кийинки айдын 5ине чейин.
receipts = Чектер (номерлери же белгилер)
report-send = Отчетту жөнөтүү
visit-title = Жерине баруу
visit-record = Барууну жазуу

## Overdue and payments pages
overdue-title = Мөөнөтү өткөн отчеттор
overdue-intro = Айлык отчету кийинки айдын 5ине чейин келиши керек болуп, келбеген келишимдер — мөөнөтү жана коштоо учурунда.
overdue-none = Мөөнөтү өткөн отчет жок.
overdue-months = Отчету жок айлар
payments-title = Төлөмдөр
payments-bank-file = Банк үчүн төлөм файлы
payments-bank-file-intro = Буйрутма кылынган жана али жөнөтүлө элек бардык транштар банк үчүн CSV түрүндө; алар жөнөтүлдү деп белгиленет.
payments-download = Төлөм файлын жүктөп алуу
payments-confirmations = Банктын ырастоолору
payments-confirmations-label = Банктын CSV файлын бул жерге коюңуз
payments-apply = Ырастоолорду колдонуу
rule-csv-malformed = сапты окуу мүмкүн эмес
rule-payment-order-unknown = мындай төлөм буйрутмасы жок
rule-payment-status-unknown = абалы paid же failed болот
rule-review-not-eligible = арыз тапшырылганда үй-бүлө бардык шарттарды аткарган эмес: жактырууга болбойт

## Trainings
trainings-title = Окуулар
trainings-attending = Катышкан үй чарбалар
trainings-new = Окууну жазуу
trainings-attendance = Катышууну белгилөө
trainings-which = Окуу
trainings-record = Белгилөө
rule-training-unknown = бул кабыл алууда мындай окуу жок

## Minutes
minutes-title = Протокол
minutes-members = Комиссиянын мүчөлөрү
minutes-decisions = Чечимдер
minutes-chair = Төрага
minutes-secretary = Катчы
field-purchases = Бизнес-пландын бюджет саптарына жумшалды, сом
rule-number-whole = бүтүн сан жазыңыз, мисалы 3
hint-purchases = Ушул айда бир нерсе сатылып алынган саптарды гана толтуруңуз.
hint-receipts = Бир нече чекти ; менен бөлүңүз

# emgek: English messages. Every id here exists in ky/main.ftl and ru/main.ftl (a test checks).

## Layout
skip-to-content = Skip to content
nav-label = Main menu
nav-households = Households
nav-import = Import
nav-api = API
lang-label = Language
footer = emgek — livelihood programmes from business plan to graduation.
back-to-list = Back to the household list
unit-som = som
given = given: { $value }

## Errors
error-not-found-title = Not found
error-not-found = There is no such record, or it is not yours to see.
error-forbidden-title = Not allowed
error-forbidden = Your role does not allow this.
error-bad-request-title = The request could not be read
error-bad-request = The form or file sent could not be read. Please try again.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Nothing was saved. Please try again; if it happens again, tell the administrator.
error-prefix = Error:
form-has-errors = Please correct the following

## Forms
household = Household
household-head = Head of household
member = Person
save = Save
cancel = Cancel
choose = — choose —
yes = Yes
no = No
household-new = Register a household
household-edit = Edit household
member-new = Add a person to household
member-edit = Edit
saved = Saved.
edit = Edit

## Household list
households-title = Households
filter-q = PIN, household number or name
filter-q-placeholder = e.g. 21503198512345 or Asanov
any = Any
filter-place = Aiyl okmotu or village
benefit = Need-based benefit
filter-disability = With a member with a disability
filter-review = With records to review
search = Search
clear = Clear
households-found = { $n ->
    [one] { $shown } household
   *[other] { $shown } households
}
export = Download this list
households-none = No household matches this search.
place = Place
facts-size = Members
facts-children = Children under 18
facts-disability = With a disability
needs-review = to review
pages = Pages
previous = Previous
next = Next
page-of = Page { $page } of { $pages }

## Household page
registered = Registered
by-import = by import no. { $n }
since = since
facts = In numbers
members = Members
history = History of changes
history-none = No changes recorded.
age-years = { $n ->
    [one] { $shown } year
   *[other] { $shown } years
}
change-household-create = Registered
change-household-update = Household changed
change-member-create = Person added
change-member-update = Person changed

## Fields
field-household-ref = Household number
field-oblast = Oblast
field-rayon = Rayon
field-aiyl-okmotu = Aiyl okmotu
field-village = Village
field-phone = Phone
field-benefit-since = Benefit since
field-benefit-monthly-som = Monthly benefit, som
field-consent = Consent to data processing
field-pin = PIN
field-full-name = Full name (Cyrillic)
field-full-name-latin = Full name (Latin letters)
field-birth-date = Date of birth
field-sex = Sex
field-relation = Relation to the head
field-disability = Disability
field-members = Members

hint-household-ref = The household's number in the social-protection registry: letters, digits, - _ /.
hint-pin = 14 digits: the first is 1 for a woman, 2 for a man; then the date of birth as DDMMYYYY.
hint-full-name = Surname, given name, patronymic, as in the passport.
hint-full-name-latin = Optional: the name as written in Latin letters.
hint-phone = +996 and nine digits, e.g. +996 555 12 34 56.
hint-benefit-since = Only if the household receives the need-based benefit (үй-бүлөгө көмөк).
hint-benefit-monthly-som = Monthly amount in som, e.g. 1200 or 1200.50.
hint-birth-date = Not in the future.

sex-f = Female
sex-m = Male
relation-head = Head
relation-spouse = Spouse
relation-child = Child
relation-parent = Parent
relation-sibling = Brother or sister
relation-grandchild = Grandchild
relation-other-relative = Other relative
relation-non-relative = Not related
disability-none = None
disability-i = Group I
disability-ii = Group II
disability-iii = Group III
disability-child = Child with a disability

## Rules
rule-pin-length = a PIN has exactly 14 digits
rule-pin-digits = a PIN has digits only
rule-pin-sex-digit = the first digit of a PIN is 1 (woman) or 2 (man)
rule-pin-taken = a person with this PIN is already registered
rule-pin-duplicate-in-file = this PIN already appears in an earlier row of the file
rule-pin-date-invalid = the date digits of the PIN are not a real date: please check the PIN
rule-pin-birth-date-mismatch = the PIN says another date of birth: please check the PIN and the date
rule-pin-sex-mismatch = the PIN says the other sex: please check the PIN and the sex
rule-household-ref-required = the household number is required
rule-household-ref-format = use at most 40 letters, digits, - _ or /
rule-household-ref-taken = another household already has this number
rule-household-members-required = a household needs at least one person
rule-oblast-unknown = not an oblast code such as KG-C
rule-rayon-unknown = not a rayon code such as KG-C-SOK
rule-rayon-oblast-mismatch = this rayon is in another oblast
rule-text-too-long = at most 100 characters
rule-phone-format = write +996 and nine digits
rule-benefit-incomplete = give both the benefit's start date and its monthly amount
rule-date-invalid = not a real date: write YYYY-MM-DD or DD.MM.YYYY
rule-date-future = the date is in the future
rule-money-format = write an amount such as 1200 or 1200.50
rule-consent-format = answer yes or no
rule-full-name-required = the name is required
rule-full-name-cyrillic = write the name in Cyrillic letters; the Latin spelling has its own field
rule-full-name-latin-latin = use Latin letters only
rule-birth-date-too-early = a date of birth before 1900 cannot be right
rule-sex-unknown = write F (female) or M (male)
rule-relation-unknown = not one of the relations listed
rule-disability-unknown = write none, I, II, III or child
rule-disability-child-adult = "child with a disability" is for people under 18: please check

## Import
import-title = Import households
import-intro = Upload a CSV or XLSX file with one row per person and a header row. Every row is checked; rows that break a rule go to a reject file with the reason, the rest are saved together. Importing the same file again creates no duplicates.
import-file = File
import-file-hint = CSV (UTF-8) or XLSX, with the columns listed below.
import-all-or-nothing = Save nothing if any row is rejected
import-start = Start import
import-template = Template with every column
import-columns = Columns
column = Column
meaning = Meaning
required = Required
rule = Rule
import-recent = Recent imports
import-none = No imports yet.
when = When
who = Who
import-outcome = Outcome
import-read = Rows read
import-rejected = Rows rejected
import-households-created = Households created
import-members-created = People added
import-members-updated = People updated
import-warnings = Rows saved with something to review
import-committed = Saved
import-rolled-back = Nothing saved
import-running = The import is running. This page refreshes by itself.
import-progress = Import progress
import-failed = The import stopped; nothing was saved
import-rejected-by-rule = Rejected rows by rule
import-download-rejects = Download the reject file
import-another = Import another file
import-wrong-type = Choose a file ending in .csv or .xlsx.
import-no-file = Choose a file to import.
export-format = format must be csv or xlsx.

column-household-ref = Same number on every row of one household.
column-oblast = ISO code: KG-B, KG-C, KG-J, KG-N, KG-O, KG-T, KG-Y, KG-GB, KG-GO.
column-rayon = Rayon code, e.g. KG-C-SOK (see the API's /api/v1/oblasts).
column-aiyl-okmotu = Free text, at most 100 characters.
column-village = Free text, at most 100 characters.
column-phone = +996 and nine digits; may be empty.
column-benefit-since = YYYY-MM-DD or DD.MM.YYYY; empty if no benefit.
column-benefit-monthly-som = Amount in som, e.g. 1200.00; with benefit_since.
column-consent = yes or no.
column-pin = 14 digits; the key of a person: a PIN seen before updates that person.
column-full-name = Cyrillic letters.
column-full-name-latin = Latin letters; may be empty.
column-birth-date = YYYY-MM-DD or DD.MM.YYYY, not in the future.
column-sex = F or M.
column-relation = head, spouse, child, parent, sibling, grandchild, other_relative, non_relative.
column-disability = none, I, II, III or child; empty means none.

## Access
nav-users = Users
nav-audit = Audit log
logout = Sign out
login-title = Sign in
login-submit = Sign in
login-failed = Wrong user name or password.
login-locked = Too many failed sign-ins. Try again in 15 minutes, or ask an administrator.
logged-out = You have signed out.
username = User name
password = Password
password-again = The same password again
display-name = Full name
demo-title = Demonstration accounts
demo-intro = This is a demonstration installation with made-up people. Every account below has the password
role = Role
scope = Where
setup-title = Create the first administrator
setup-intro = Nobody can sign in to this new installation yet. Create the administrator who will add everyone else.
setup-submit = Create the administrator
setup-done = The administrator exists. Sign in.
hint-username = 3 to 40 lower-case Latin letters, digits, dots, hyphens.
hint-password = At least 12 characters; not your user name; not a common password.
account-title = My account
account-roles = Roles
account-no-roles = No roles yet: ask an administrator.
password-title = Change password
password-current = Current password
password-new = New password
password-forced = Your password was set by someone else. Choose your own before you go on.
password-changed = Saved. Your other sessions have ended.
tokens-title = API tokens
tokens-intro = A token lets a program use the API with your permissions. Keep it secret; revoke it when it is no longer needed.
tokens-new = Your new token, shown only this once:
tokens-name = Name
tokens-create = Create a token
tokens-prefix = Begins with
tokens-created = Created
tokens-last-used = Last used
tokens-revoke = Revoke
tokens-revoked = Revoked
users-title = Users
users-new = New user
users-status = Status
users-disabled = disabled
users-active = active
users-initial-password = Initial password (to be changed at first sign-in)
users-reset = Set a new initial password
users-enable = Enable the account
users-disable = Disable the account
audit-title = Audit log
audit-export = Download as CSV
audit-verify = Check the chain
audit-broken = The chain is broken at row
audit-intact = { $n ->
    [one] The chain holds: { $shown } row checked.
   *[other] The chain holds: { $shown } rows checked.
}
audit-action = Action
audit-from = From
audit-object = Record
audit-detail = Detail
audit-older = Older entries
hidden = hidden
scope-country = the whole country
scope-facility = facility
scope-oblasts = Oblasts
role-admin = Administrator
role-case-worker = Case worker
role-commission-member = Commission member
role-enterprise-manager = Enterprise manager
role-hq-analyst = HQ analyst
role-auditor = Auditor or donor
error-unauthorized = Sign in first, or send a valid API token.
error-csrf-title = The form has expired
error-csrf = This form was sent without its security token, or from another site. Reload the page and try again.
error-setup = No administrator exists yet: open the web page to create one.
error-throttled-title = Too many attempts
error-throttled = Wait a few minutes and try again.
rule-scope-outside = this place is outside the places you work in
rule-password-too-short = a password has at least 12 characters
rule-password-contains-username = a password must not contain the user name
rule-password-common = this password is too easy to guess
rule-password-too-simple = use at least 5 different characters
rule-password-mismatch = the two passwords differ
rule-password-current-wrong = the current password is wrong
rule-password-unchanged = the new password is the old one
rule-username-format = use 3 to 40 lower-case Latin letters, digits, dots or hyphens
rule-username-taken = this user name is taken
rule-grant-incomplete = every role needs a place, and every place a role
rule-token-name = give the token a name of at most 60 characters
rule-user-self-disable = you cannot disable your own account

## Social Contract
field-activity = Activity
field-lines = Budget lines
field-item = Item
field-quantity = Quantity
field-projection = 12-month projection
field-own-contribution = Own contribution
field-ovop-category = One Village – One Product category
field-livestock = Livestock
field-equipment = Equipment
field-materials = Materials
field-premises = Premises
field-seeds = Seeds
field-training = Training
field-other = Other
field-call = Call
field-title = Title
field-opens = Opens
field-closes = Closes
field-held-on = Held on
field-code = Code
field-kind = Kind
field-name-ky = Name in Kyrgyz
field-name-ru = Name in Russian
field-name-en = Name in English
field-reason = Reason
field-rules = Rules
rule-programme-code-format = use lower-case Latin letters, digits and hyphens
rule-programme-kind-unknown = not a kind of programme emgek runs
rule-programme-name-required = the name is required
rule-programme-code-taken = another programme has this code
rule-programme-tranches-not-whole = the tranches must add up to 100%
rule-programme-window-backwards = the application window closes before it opens
rule-programme-cap-over-budget = one grant cannot exceed the whole budget
rule-programme-spending-cap-over-whole = a spending cap cannot exceed 100%
rule-rules-version-exists = rules from this date exist already; give the change a new date
rule-call-title-required = the title is required
rule-call-closes-before-opening = the call closes before it opens
rule-call-no-rules = the programme has no rules in force today
rule-call-closed = the call does not take applications today
rule-training-title-required = the title is required
rule-application-open-exists = this household already has an open application in this call
rule-application-not-editable = only a draft or an application returned for revision can be changed
rule-application-transition = the application's status does not allow this step
rule-application-submission-missing = a submission needs the household's facts and assessment
rule-application-reason-required = say why
rule-plan-activity-required = describe the activity
rule-plan-lines-required = the plan needs at least one budget line
rule-plan-item-required = name what is bought
rule-plan-quantity-zero = the quantity must be at least 1
rule-plan-projection-months = the projection covers exactly 12 months
rule-plan-contribution-over-budget = the own contribution exceeds the budget
rule-plan-grant-over-cap = the grant asked for exceeds the programme's cap
rule-plan-ovop-required = the programme requires a One Village – One Product category
rule-plan-category-over-cap = this category takes more of the budget than the programme allows

## Review and allocation
field-quorum = Quorum
field-commission = Commission
field-status = Status
field-conflict = Conflict of interest
field-recommendation = Recommendation
field-reviews = Reviews
field-viability = Viability
field-market = Market
field-local-resources = Local resources
field-jobs = Jobs
rule-commission-quorum-zero = a commission needs a quorum of at least 1
rule-commission-exists = this call already has a commission for this rayon
rule-commission-already-member = this user is a member already
rule-review-no-commission = no commission reviews this rayon's applications in this call
rule-review-not-member = you are not a member of the commission that reviews this application
rule-review-not-under-review = the application is not under review
rule-review-conflict-of-interest = you live in the family's aiyl okmotu: declare the conflict of interest
rule-review-recommendation-required = give a recommendation
rule-review-quorum = not enough reviews without conflict of interest for a decision
rule-review-score-missing = score every criterion
rule-review-score-over-max = the score is above the criterion's maximum
rule-review-criterion-unknown = not a criterion of this programme
rule-review-already-given = you have reviewed this application already
rule-allocation-stale = an application changed while the allocation ran: run it again
rule-ledger-insufficient = not enough money left for this

## Contracts and payments
field-idempotency-key = Request key
field-tranche = Tranche
field-contract = Contract
field-on = Date
field-amount-som = Amount, som
field-months = Months
rule-payment-key-required = give the request a key (at most 100 characters), so that a retry never pays twice
rule-payment-contract-not-signed = a tranche is paid only on a signed or running contract
rule-payment-tranche-unknown = the programme has no such tranche
rule-payment-first-tranche-first = the first tranche is paid before the others
rule-payment-key-reused = this key was used for another payment
rule-payment-tranche-ordered = this tranche is ordered already
rule-payment-already-settled = the bank has settled this order already
rule-contract-transition = the contract's status does not allow this step
rule-contract-extension-too-long = the term may grow by at most half its length
rule-contract-too-early = the term is not over yet
rule-contract-graduated = this family has graduated already
rule-ledger-not-positive = the amount must be positive
rule-refund-more-than-due = this is more than the family still owes on its refund claim

## Monitoring
field-month = Month
field-revenue-som = Revenue, som
field-costs-som = Costs, som
field-line = Budget line
field-visited-on = Visited on
field-reasons = Reasons
rule-report-line-unknown = the plan has no such budget line
rule-report-month-outside = the month is outside the contract's term and follow-up, or still to come
rule-report-not-started = the contract has not started yet
rule-report-month-exists = this month has been reported already
rule-visit-reasons-required = say why the business is struggling or closed

## Social Contract pages
nav-programmes = Social Contract
programmes-title = Programmes and calls
programmes-none = No programme yet.
calls-none = No call yet.
call = Call
application = Application
application-new = New application
applications-found = { $n ->
    [one] { $shown } application
   *[other] { $shown } applications
}
priority = Priority
business-plan = Business plan
sector = Sector
local-resources = Local resources used
green-project = A green project
category = Category
unit-price = Unit price, som
save-draft = Save as a draft
assessment = Eligibility and priority
eligible-yes = Eligible
eligible-no = Not eligible
assessment-after-submission = Assessed when the application is submitted, with the facts of that day.
next-steps = Next steps
step-submit = Submit
step-start-review = Take into review
step-return = Return for revision
step-withdraw = Withdraw
review-title = Your review
review-declare-conflict = I have a conflict of interest and do not score
recommendation-approve = Approve
recommendation-reject = Reject
recommendation-return = Return for revision
recommendation-none = —
comment = Comment
review-give = Give the review
decision = The commission's decision
reviews-none = No review yet.
commission-member = Member
points = Points
review-conflict = conflict of interest
plan-total = Total
plan-grant = Grant asked for
plan-revenue = Revenue in 12 months
plan-costs = Costs in 12 months
plan-profit = Profit in 12 months
plan-margin = Margin
plan-payback = Payback
months-count = { $n ->
    [one] { $shown } month
   *[other] { $shown } months
}
status-draft = draft
status-submitted = submitted
status-returned = returned for revision
status-under-review = under review
status-approved = approved
status-rejected = rejected
status-funded = funded
status-waiting-list = on the waiting list
status-withdrawn = withdrawn
sector-agriculture = Agriculture
sector-manufacturing = Manufacturing
sector-trade = Trade
sector-services = Services
check-eligibility-benefit = receives the need-based benefit
check-eligibility-working-age-adult = has a member of working age able to work
check-eligibility-no-active-contract = has no contract under way
check-eligibility-not-funded-recently = was not funded within the programme's years
check-eligibility-training = attended the business-plan training
check-priority-three-or-more-children = three or more children
check-priority-member-with-disability = a member with a disability
check-priority-ovop-product = a One Village – One Product product
check-priority-green-project = a green project
check-priority-profitable-plan = a profitable plan
rule-application-household-unknown = no household with this number in your places

## Contract page
contract-title = Social contract
contract-parties-office = The social protection office of
contract-parties-and = , and the family represented by
contract-parties-agree = , agree as follows.
contract-subject = Subject
contract-subject-text = The state gives the family a non-repayable grant for its business plan:
contract-grant = The grant
contract-payment = Payment
contract-after-months = { $n ->
    [0] at the start of the contract
    [one] { $shown } month after the start
   *[other] { $shown } months after the start
}
contract-term = Term
contract-obligations = The family's obligations
contract-obligation-plan = To spend the grant on the budget lines of its business plan.
contract-obligation-report = To report every month, by the 5th of the next month, on revenue, costs, purchases and jobs.
contract-obligation-receipts = To keep the receipts of every purchase and show them.
contract-obligation-visits = To let the social worker visit the business.
contract-obligation-refund = To repay the grant if the contract is broken without a valid reason.
contract-sign-office = For the social protection office
contract-payments = Payments
contract-reports = Monthly reports
contract-visits = Field visits
none-yet = None yet.
bank-reference = Bank reference
payment-ordered = ordered
payment-sent = sent to the bank
payment-paid = paid
payment-failed = refused by the bank
visit-operating = operating
visit-struggling = struggling
visit-closed = closed
contract-status-draft = draft
contract-status-signed = signed
contract-status-active = running
contract-status-completed = completed
contract-status-terminated = terminated

## Allocation page
allocation-title = Allocation
allocation-intro = Approved applications and the waiting list, ranked by priority, then the commission's score, then the order of submission. Each is funded if the budget and every quota still allow it; otherwise it waits, with the reason. Nothing changes until you commit.
allocation-funded = Would be funded
allocation-waiting = Would wait
allocation-spent = Grants committed
allocation-left = Budget left after this run
allocation-commit = Commit this allocation
allocation-none = No approved application waits for money.
allocation-committed = { $n ->
    [one] Committed: { $shown } contract drawn up.
   *[other] Committed: { $shown } contracts drawn up.
}
reason-allocation-funded = funded
reason-allocation-budget = waits: not enough budget left
reason-allocation-quota-total = waits: the call's quota is full
reason-allocation-quota-oblast = waits: the oblast's quota is full
reason-allocation-quota-rayon = waits: the rayon's quota is full

## Contract actions
contract-sign = Sign the contract
contract-order-tranche = Order tranche
contract-completed-on = Term fulfilled on
contract-complete = Complete and graduate
contract-extend = Extend for a valid reason
contract-violation = A violation without a valid reason (the paid grant is claimed back)
contract-terminate = Terminate
contract-refund-due = Refund still owed
contract-repay = Record a repayment
report-title = Monthly report
hint-month = The month reported on; due by the 5th of the next month.
receipts = Receipts (numbers or notes)
report-send = Send the report
visit-title = Field visit
visit-record = Record the visit

## Overdue and payments pages
overdue-title = Overdue reports
overdue-intro = Contracts whose monthly report was due by the 5th of the next month and is missing, through the term and the follow-up months.
overdue-none = No report is overdue.
overdue-months = Months missing
payments-title = Payments
payments-bank-file = The bank's payment file
payments-bank-file-intro = Every ordered tranche not yet sent, as CSV for the bank; they are marked as sent.
payments-download = Download the payment file
payments-confirmations = The bank's confirmations
payments-confirmations-label = Paste the bank's CSV
payments-apply = Apply the confirmations
rule-csv-malformed = the line cannot be read
rule-payment-order-unknown = no such payment order
rule-payment-status-unknown = the status is paid or failed
rule-review-not-eligible = the household did not meet every eligibility rule when it applied: it cannot be approved

## Trainings
trainings-title = Trainings
trainings-attending = Households attending
trainings-new = Record a training
trainings-attendance = Record attendance
trainings-which = Training
trainings-record = Record
rule-training-unknown = no such training in this call

## Minutes
minutes-title = Minutes
minutes-members = Members
minutes-decisions = Decisions
minutes-chair = Chair
minutes-secretary = Secretary
field-purchases = Spent on the plan's budget lines, som
rule-number-whole = write a whole number such as 3
hint-purchases = Only the lines on which something was bought this month.
hint-receipts = Separate several receipts with ;

## Programme administration
rules-title = Rules
rules-explain = A programme's rules are never rewritten: each version is in force from its date until the next one, and every application, decision and contract keeps the version it was made under.
rules-versions = Versions
rules-none = No rules yet: write the first version below.
rules-in-force = in force
rules-in-force-since = rules in force since
rules-none-in-force = no rules in force today
rules-window = Application window
rules-version-from = Version in force from
rules-new = New version of the rules
hint-rules-new = The form starts from the latest version. Give the date the change takes effect; decisions already made keep the rules they used.
rules-save = Save the new version
rules-budget = Budget and grant
rules-tranches = Tranches
hint-rules-tranches = Shares of the grant, adding up to 100%, paid so many months after the contract starts. Leave unused rows empty.
rules-quotas = Quotas
hint-rules-quotas = How many families may be funded in all, and at most in an oblast or rayon. Leave empty for no quota of its own.
rules-eligibility = Eligibility
rules-priority = Priority points
hint-rules-priority = Points a family earns towards priority; the highest totals are funded first.
rules-spending-caps = One Village – One Product and spending caps
hint-rules-spending-caps = The most a plan may spend on a category, in % of its budget. Leave empty for no cap.
rules-term = Term and application window
rules-criteria = Scoring criteria
hint-rules-criteria = What commission members score a plan on, each from 0 to its maximum. Codes in lower-case Latin letters.
programme-new = New programme
programme-create = Create the programme
hint-programme-code = Lower-case Latin letters, digits and hyphens, e.g. social-contract-2025. Its rules come next.
call-new = Open a call
call-open = Open the call
field-programme = Programme
field-effective-from = In force from
field-budget-som = Budget, som
field-grant-cap-som = Largest grant, som
field-share-pct = share, %
field-after-months = After months
field-tranches = Tranches
field-quota-total = Families in all
field-require-benefit = The family receives the need-based benefit
field-require-working-age-adult = A member of working age without a group I disability
field-working-age-min = Working age from, years
field-working-age-max = Working age to, years
field-no-active-contract = No contract under way
field-not-funded-within-years = Not funded within, years
field-require-training = Attended the business-plan training
field-three-or-more-children = Three or more children
field-member-with-disability = A member with a disability
field-ovop-product = A One Village – One Product product
field-green-project = A green project
field-profitable-plan = A profitable plan
field-profitable-margin-pct = Margin that counts as profitable, %
field-spending-caps = Spending caps
field-require-ovop = An application must name its One Village – One Product category
field-contract-months = Contract term, months
field-follow-up-months = Follow-up after the contract, months
field-benefit-limitation-years = Benefit limited after graduation, years
field-window-opens = Applications from
field-window-closes = Applications until
field-criterion-code = Criterion
field-max-points = Most points
field-criteria = Scoring criteria
rule-scope-national = programmes are set for the whole country: only an administrator for the whole country may change them
rule-percent-format = write a percentage from 0 to 100, such as 70 or 33.33
rule-number-at-least-one = must be at least 1
rule-programme-age-range = the upper age is below the lower one
rule-programme-criterion-code = use lower-case Latin letters and underscores
rule-programme-criteria-required = give at least one criterion
rules-quotas-by-oblast = Quotas by oblast
rules-quotas-by-rayon = Quotas by rayon

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

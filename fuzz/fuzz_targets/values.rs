//! Any text through every parser of a value typed by a person or read from a file: PIN, phone,
//! dates and months, money and shares as typed in Kyrgyz, Russian or English, yes/no, places,
//! names and their search keys, and a whole member and household record.
#![no_main]

use emgek_domain::household::{HouseholdInput, MemberInput};
use emgek_domain::money::{Currency, Money};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = emgek_domain::pin::Pin::parse(text).map(|p| (p.birth_date(), p.sex(), p.as_u64()));
    let _ = emgek_domain::phone::Phone::parse(text);
    let _ = emgek_domain::household::parse_date(text);
    let _ = emgek_domain::social_contract::monitoring::parse_month(text);
    let _ = emgek_domain::household::parse_yes_no(text);
    let _ = emgek_domain::money::parse_hundredths(text);
    let _ = Money::parse_major(text, Currency::KGS).map(|m| m.grouped("\u{202f}", ","));
    let _ = emgek_domain::access::Scope::parse(text);
    let _ = emgek_domain::names::search_key(text);
    let _ = emgek_domain::names::transliterate(text);
    let today = time::macros::date!(2026 - 12 - 01);
    let member = MemberInput {
        pin: text.into(),
        full_name: text.into(),
        full_name_latin: text.into(),
        birth_date: text.into(),
        sex: text.into(),
        relation: text.into(),
        disability: text.into(),
    };
    let _ = member.validate(today);
    let household = HouseholdInput {
        household_ref: text.into(),
        oblast: text.into(),
        rayon: text.into(),
        aiyl_okmotu: text.into(),
        village: text.into(),
        phone: text.into(),
        benefit_since: text.into(),
        benefit_monthly_som: text.into(),
        consent: text.into(),
        language: text.into(),
    };
    let _ = household.validate(today);
    let _ = emgek_domain::household::parse_language(text);
});

//! Any bytes as a form body or a JSON body, decoded as the pages and the API decode them into
//! a household and a member, then checked: decoding refuses or checks, never panics.
#![no_main]

use emgek_domain::household::{HouseholdInput, MemberInput};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = time::macros::date!(2026 - 12 - 01);
    let _: Result<Vec<(String, String)>, _> = serde_urlencoded::from_bytes(data);
    if let Ok(h) = serde_urlencoded::from_bytes::<HouseholdInput>(data) {
        let _ = h.validate(today);
    }
    if let Ok(m) = serde_urlencoded::from_bytes::<MemberInput>(data) {
        let _ = m.validate(today);
    }
    if let Ok(m) = serde_json::from_slice::<MemberInput>(data) {
        let _ = m.validate(today);
    }
});

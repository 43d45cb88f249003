//! Demonstration data: a synthetic registry small enough to load in seconds, large enough that
//! every page has realistic content in every oblast.

use emgek_store::{Actor, Source, Store};
use time::Date;

use crate::import::ImportError;
use crate::synth::{Synth, SynthOptions};

/// Households the demonstration registry holds.
pub const DEMO_HOUSEHOLDS: u64 = 3_000;

/// Fills an empty database with the demonstration registry; leaves a non-empty one alone.
/// Returns the number of households loaded.
pub async fn load_if_empty(store: &Store, households: u64, today: Date) -> Result<u64, ImportError> {
    if store.count_households().await? > 0 {
        return Ok(0);
    }
    let actor = Actor::new("demo", Source::Demo);
    let mut tx = store.begin_import(&actor, emgek_domain::access::Areas::everywhere()).await?;
    let mut synth = Synth::new(SynthOptions { households, seed: 2024, defects: false });
    let mut rows = 0i64;
    while let Some(household) = synth.next_household() {
        for row in household {
            let h = row.household.validate(today).map_err(|e| demo_bug(&e))?;
            let m = row.member.validate(today).map_err(|e| demo_bug(&e))?;
            rows += 1;
            tx.apply(rows.unsigned_abs(), h, m).await?;
        }
    }
    tx.commit("demonstration data", true, rows, 0).await?;
    Ok(households)
}

fn demo_bug(errors: &[emgek_domain::FieldError]) -> ImportError {
    ImportError::Spreadsheet(format!("demonstration data broke a rule: {errors:?}"))
}

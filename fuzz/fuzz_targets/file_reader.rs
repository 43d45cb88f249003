//! Any bytes as a household file: the first byte chooses CSV or XLSX, the rest is the file.
//! Reading and checking it must end with rows or an error, never a panic, a hang or unbounded
//! memory.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

static DEFAULT_PANIC_HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libFuzzer's panic hook aborts on every panic, even one the reader catches on purpose (it
    // refuses a workbook that crashes calamine): the default hook lets a caught panic be caught,
    // and a panic that escapes still ends the run as a crash.
    DEFAULT_PANIC_HOOK.call_once(|| drop(std::panic::take_hook()));
    let Some((kind, content)) = data.split_first() else { return };
    let ext = if kind % 2 == 0 { "csv" } else { "xlsx" };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(format!("file.{ext}"));
    std::fs::write(&path, content).expect("write");
    let today = time::macros::date!(2026 - 12 - 01);
    let _ = emgek_exchange::check_file(&path, today);
});

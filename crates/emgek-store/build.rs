// `sqlx::migrate!` embeds the migrations when the crate compiles: rebuild it when one is added
// or changed, as `sqlx migrate build-script` would have it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}

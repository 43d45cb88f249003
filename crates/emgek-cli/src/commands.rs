use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use emgek_app::records::{self, RecordsFile};
use emgek_app::registry::import::{self, ImportFile};
use emgek_exchange::{ExportFormat, synth};
use emgek_i18n::{Lang, Tr};
use emgek_store::{HouseholdFilter, Source, Store};
use indicatif::{ProgressBar, ProgressStyle};
use time::OffsetDateTime;

use crate::{AuditWhat, Cli, Command, ExportWhat, ImportWhat};

/// Filters of an export, as on the household list.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// A PIN (or its first digits), a household number, or a name in either script.
    #[arg(long)]
    q: Option<String>,
    /// Oblast code, e.g. KG-C.
    #[arg(long)]
    oblast: Option<String>,
    /// Rayon code, e.g. KG-C-SOK.
    #[arg(long)]
    rayon: Option<String>,
    /// Aiyl okmotu or village, in either script.
    #[arg(long)]
    place: Option<String>,
    /// yes: households on the need-based benefit; no: households not on it.
    #[arg(long)]
    benefit: Option<String>,
    /// Only households with a member with a disability.
    #[arg(long)]
    disability: bool,
    /// Only households with a record flagged for review.
    #[arg(long)]
    review: bool,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<HouseholdFilter> {
        let benefit = match self.benefit.as_deref() {
            None => None,
            Some(b) => Some(emgek_domain::household::parse_yes_no(b).context("--benefit takes yes or no")?),
        };
        Ok(HouseholdFilter {
            q: self.q.clone(),
            oblast: self.oblast.as_ref().map(|o| o.to_uppercase()),
            rayon: self.rayon.as_ref().map(|r| r.to_uppercase()),
            place: self.place.clone(),
            benefit,
            disability: self.disability.then_some(true),
            review: self.review.then_some(true),
            areas: None,
            sensitive: None,
        }
        .normalized())
    }
}

pub async fn open(url: &str) -> anyhow::Result<Store> {
    let store = Store::connect(url).await.with_context(|| format!("cannot open the database {}", redact(url)))?;
    store.migrate().await.context("cannot migrate the database")?;
    // An import whose process was killed half-way is undone before anything reads the database.
    store.undo_abandoned_imports().await.context("cannot undo an import left half-way")?;
    Ok(store)
}

/// The outbox's gateways as the command line names them.
fn gateways_of(
    args: &crate::GatewayArgs,
    listen: std::net::SocketAddr,
) -> anyhow::Result<emgek_app::notices::sender::Gateways> {
    use emgek_app::notices::sender::{Gateways, Kannel, Smtp};
    let kannel = match &args.kannel_sendsms {
        None => None,
        Some(url) => {
            let key = args.gateway_key.clone().filter(|k| k.len() >= 16).context(
                "--kannel-sendsms needs --gateway-key (EMGEK_GATEWAY_KEY) of at least 16 characters: Kannel's delivery reports carry it",
            )?;
            let base = args.gateway_url.clone().unwrap_or_else(|| format!("http://{listen}"));
            Some(Kannel {
                sendsms_url: url.clone(),
                username: args.kannel_user.clone(),
                password: args.kannel_password.clone(),
                from: args.sms_from.clone(),
                report_url: format!("{}/gateway/kannel/dlr", base.trim_end_matches('/')),
                key,
            })
        }
    };
    let smtp = match &args.smtp {
        None => None,
        Some(relay) => {
            let (host, port) = relay.rsplit_once(':').context("--smtp takes HOST:PORT")?;
            let port = port.parse().context("--smtp takes HOST:PORT")?;
            if emgek_domain::notice::email(&args.smtp_from).is_none() {
                anyhow::bail!("--smtp-from {:?} is not an e-mail address", args.smtp_from);
            }
            Some(Smtp { host: host.to_string(), port, from: args.smtp_from.clone() })
        }
    };
    let mut gateways = Gateways::new(kannel, smtp);
    gateways.lease = std::time::Duration::from_secs(args.notice_lease_secs.max(1));
    gateways.sms_grace = std::time::Duration::from_secs(args.sms_report_grace_secs);
    Ok(gateways)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn operator() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "cli".into())
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { listen, demo, insecure_cookies, figures_wait_ms, trusted_proxies, gateways } => {
            let outbox = gateways_of(&gateways, listen)?;
            let store = open(&cli.database_url).await?;
            if demo {
                let now = OffsetDateTime::now_utc();
                let today = now.date();
                // The demonstration's country is built through the use cases, all at this moment.
                let demo = emgek_app::App::new(store.clone()).with_clock(emgek_app::Clock::Fixed(now));
                let loaded = emgek_exchange::demo::load_if_empty(&store, emgek_exchange::demo::DEMO_HOUSEHOLDS, today)
                    .await
                    .context("cannot load the demonstration data")?;
                if loaded > 0 {
                    eprintln!("loaded {loaded} demonstration households");
                }
                let users = emgek_app::demo::create_users_if_none(&demo)
                    .await
                    .context("cannot create the demonstration accounts")?;
                if users > 0 {
                    eprintln!("created {users} demonstration accounts (password {})", emgek_app::demo::DEMO_PASSWORD);
                }
                let applications = emgek_app::demo::create_social_contract_if_none(&demo)
                    .await
                    .context("cannot create the demonstration Social Contract")?;
                if applications > 0 {
                    eprintln!("created the 2024 Social Contract with {applications} demonstration applications");
                }
                let inmates = emgek_app::demo::prison::create_prison_enterprises_if_none(&demo)
                    .await
                    .context("cannot create the demonstration prison enterprises")?;
                if inmates > 0 {
                    eprintln!("created the demonstration prison enterprises with {inmates} inmates' records");
                }
                let products = emgek_app::demo::ovop::create_ovop_if_none(&demo)
                    .await
                    .context("cannot create the demonstration One Village – One Product")?;
                if products > 0 {
                    eprintln!("created One Village – One Product with {products} products and their export contracts");
                }
                let grievances = emgek_app::demo::grievances::create_grievances_if_none(&demo)
                    .await
                    .context("cannot create the demonstration's grievances")?;
                if grievances > 0 {
                    eprintln!("registered {grievances} demonstration grievances (Kara-Suu, and Stepnoe's inmates)");
                }
                let families =
                    emgek_app::demo::history::create_history_if_none(&demo, emgek_app::demo::history::BLOCKS)
                        .await
                        .context("cannot create the demonstration's earlier Social Contract years")?;
                if families > 0 {
                    eprintln!("carried over {families} families funded by the Social Contract in 2019–2023");
                }
            }
            // An import run by another process (`emgek import`) and killed half-way is undone
            // within a minute, while this server runs.
            let watched = store.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    if let Err(e) = watched.undo_abandoned_imports().await {
                        tracing::warn!(error = %e, "cannot undo an import left half-way");
                    }
                }
            });
            // Grievances past their deadline go a level up, and those near it are marked, by
            // themselves: a minute after start, then every ten minutes.
            tokio::spawn(emgek_app::grievances::sweep_every(
                emgek_app::App::new(store.clone()),
                std::time::Duration::from_secs(60),
                std::time::Duration::from_secs(600),
            ));
            // The outbox's sender: notices written with their events go out from here, never
            // from a request.
            if !outbox.is_empty() {
                let sending = emgek_app::App::new(store.clone());
                tokio::spawn(emgek_app::notices::sender::run(sending, outbox));
            }
            let state = emgek_web::AppState::new(store)
                .await
                .context("cannot read the reference data")?
                .with_gateway_key(gateways.gateway_key.clone())
                .with_demo(demo)
                .with_secure_cookies(!insecure_cookies)
                .with_trusted_proxies(trusted_proxies)
                .with_figures_wait(std::time::Duration::from_millis(figures_wait_ms));
            if state.needs_setup() {
                eprintln!(
                    "no user exists yet: open http://{listen}/setup to create the first administrator, or run `emgek user add`"
                );
            }
            eprintln!("emgek serves on http://{listen} (Ctrl-C stops)");
            emgek_web::serve(state, listen).await.with_context(|| format!("cannot serve on {listen}"))?;
        }
        Command::Synth { households, seed, out, clean } => {
            let options = synth::SynthOptions { households, seed, defects: !clean };
            let summary = tokio::task::spawn_blocking(move || synth::write_country(options, &out).map(|s| (s, out)))
                .await?
                .context("cannot write the synthetic data")?;
            let (s, out) = summary;
            println!(
                "wrote {} households, {} rows ({} invalid, {} duplicate people) to {}",
                s.households,
                s.rows,
                s.invalid_rows,
                s.duplicates,
                out.join("households.csv").display()
            );
            let p = s.programme;
            println!(
                "wrote {} applications, {} commissions' decisions, {} contracts, {} payments ({} waiting for the bank) and {} monthly reports beside them",
                p.applications, p.decisions, p.contracts, p.payments, p.waiting, p.reports
            );
            let j = s.prison;
            println!(
                "wrote {} prison facilities, {} workshops, {} inmates, {} months of output, {} orders, {} sales and {} timesheet lines beside them",
                j.facilities, j.workshops, j.inmates, j.production, j.orders, j.sales, j.timesheets
            );
            let o = s.ovop;
            println!(
                "wrote {} OVOP producers, {} products, {} certifications, {} export contracts and {} official rates beside them",
                o.producers, o.products, o.certifications, o.exports, o.rates
            );
            println!("wrote {} days of the calendar of working days beside them", s.calendar_days);
        }
        Command::Import(ImportWhat::Households { path, sheet, profile, rejects, all_or_nothing, lang }) => {
            let store = open(&cli.database_url).await?;
            let lang = Lang::parse(&lang).context("--lang takes ky, ru or en")?;
            let done = import(&store, &path, (sheet, profile), rejects, all_or_nothing, lang).await;
            // Closed, SQLite's last connection copies the log back into the database file
            // before the command ends (its connections leave checkpoints to a task that would
            // otherwise end with the process).
            store.close().await;
            return done;
        }
        Command::Import(ImportWhat::Country { dir, lang }) => {
            let store = open(&cli.database_url).await?;
            let lang = Lang::parse(&lang).context("--lang takes ky, ru or en")?;
            let done = import_country(&store, &dir, lang).await;
            store.close().await;
            return done;
        }
        Command::Import(
            what @ (ImportWhat::Rates(_)
            | ImportWhat::Calendar(_)
            | ImportWhat::Grievances(_)
            | ImportWhat::OvopProducers(_)
            | ImportWhat::OvopProducts(_)
            | ImportWhat::OvopCertifications(_)
            | ImportWhat::OvopExports(_)
            | ImportWhat::OvopOutlets(_)
            | ImportWhat::ScProgrammes(_)
            | ImportWhat::ScCalls(_)
            | ImportWhat::ScApplications(_)
            | ImportWhat::ScDecisions(_)
            | ImportWhat::ScContracts(_)
            | ImportWhat::ScPayments(_)
            | ImportWhat::ScReports(_)
            | ImportWhat::ScVisits(_)
            | ImportWhat::ScExtensions(_)
            | ImportWhat::ScGraduations(_)
            | ImportWhat::ScTerminations(_)
            | ImportWhat::ScRepayments(_)
            | ImportWhat::PrisonFacilities(_)
            | ImportWhat::PrisonWorkshops(_)
            | ImportWhat::PrisonInmates(_)
            | ImportWhat::PrisonProduction(_)
            | ImportWhat::PrisonHeadcounts(_)
            | ImportWhat::PrisonOrders(_)
            | ImportWhat::PrisonSales(_)
            | ImportWhat::PrisonTimesheets(_)
            | ImportWhat::PrisonTraining(_)
            | ImportWhat::PrisonReleases(_)
            | ImportWhat::PrisonFollowUps(_)),
        ) => {
            let (kind, args) = what.records().context("a kind of records")?;
            let store = open(&cli.database_url).await?;
            let lang = Lang::parse(&args.lang).context("--lang takes ky, ru or en")?;
            let file = RecordsFile {
                kind,
                path: args.path,
                all_or_nothing: args.all_or_nothing,
                rejects: args.rejects,
                tr: Tr::new(lang),
                sheet: args.sheet,
                mapping: None,
            };
            let done = import_records(&store, file, args.profile.as_deref()).await;
            store.close().await;
            return done.map(|committed| if committed { ExitCode::SUCCESS } else { ExitCode::from(2) });
        }
        Command::Import(ImportWhat::Profile { name, kind, maps }) => {
            let Some(kind) = emgek_app::profiles::FileKind::parse(&kind) else {
                bail!("--kind {kind:?}: write households or a kind of records (see `emgek import --help`)")
            };
            let store = open(&cli.database_url).await?;
            let mut mapping = Vec::new();
            for m in &maps {
                let Some((heading, column)) = m.rsplit_once('=') else {
                    bail!("--map {m:?}: write the file's heading, '=', and the column (or '-' to ignore it)")
                };
                let column = Some(column.trim()).filter(|c| !c.is_empty() && *c != "-").map(String::from);
                mapping.push(import::MappedHeading { heading: heading.trim().to_string(), column });
            }
            let app = emgek_app::App::new(store.clone());
            let caller = emgek_app::Caller::operator(operator());
            let saved = emgek_app::profiles::save_profile(&app, &caller, kind, &name, &import::Mapping(mapping)).await;
            store.close().await;
            saved.map_err(|e| told(&Tr::new(Lang::En), e))?;
            println!("saved the import profile {name:?} for {} files: use it with --profile {name:?}", kind.code());
        }
        Command::Export(ExportWhat::Households { format, out, filter }) => {
            let store = open(&cli.database_url).await?;
            let Some(format) = ExportFormat::parse(&format) else { bail!("--format takes csv or xlsx") };
            let app = emgek_app::App::new(store.clone());
            let rows = emgek_app::registry::export(
                &app,
                &emgek_app::Caller::operator(operator()),
                &filter.filter()?,
                format,
                &out,
            )
            .await?;
            println!("wrote {rows} rows to {}", out.display());
        }
        Command::Backup { path } => {
            if path.exists() {
                bail!("{} exists already: choose a new file for the backup", path.display());
            }
            let store = open(&cli.database_url).await?;
            let target = path.to_str().context("the backup path must be valid UTF-8")?;
            store.backup_sqlite(target).await?;
            println!("backed up to {}", path.display());
        }
        Command::User(cmd) => return crate::users::run(&cli.database_url, cmd).await,
        Command::Audit(AuditWhat::Verify) => {
            let store = open(&cli.database_url).await?;
            let check = store.verify_audit().await?;
            return Ok(match check.first_broken {
                None => {
                    println!("the audit log is intact: {} rows, every link checked", check.rows);
                    ExitCode::SUCCESS
                }
                Some((row, reason)) => {
                    println!("the audit log is BROKEN at row {row}: {reason}");
                    ExitCode::from(3)
                }
            });
        }
        Command::Migrate => {
            let store = open(&cli.database_url).await?;
            println!("the {} database is up to date", store.backend());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A use case's refusal as a sentence in the operator's language.
fn told(tr: &Tr, e: emgek_app::AppError) -> anyhow::Error {
    match e {
        emgek_app::AppError::Invalid(errors) => {
            anyhow::anyhow!("{}", errors.iter().map(|e| tr.labelled_error(e)).collect::<Vec<_>>().join("; "))
        }
        other => anyhow::anyhow!("{other}"),
    }
}

/// How the file was read, for people: "windows-1251, `;`, header on row 3" or
/// "sheet Лист1 (of Лист1, Лист2), header on row 1".
fn shape_text(shape: &emgek_exchange::import::FileShape) -> String {
    let mut parts = Vec::new();
    if let Some(encoding) = shape.encoding {
        parts.push(encoding.to_string());
    }
    if let Some(d) = shape.delimiter {
        parts.push(match d {
            '\t' => "tab-separated".to_string(),
            other => format!("'{other}'-separated"),
        });
    }
    if let Some(sheet) = &shape.sheet {
        parts.push(format!("sheet {sheet:?} (of {})", shape.sheets.join(", ")));
    }
    parts.push(format!("header on row {}", shape.header_row));
    parts.join(", ")
}

async fn import(
    store: &Store,
    path: &Path,
    (sheet, profile): (Option<String>, Option<String>),
    rejects: Option<std::path::PathBuf>,
    all_or_nothing: bool,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let app = emgek_app::App::new(store.clone());
    // Whoever runs the command line holds the database itself: she imports anywhere.
    let mut caller = emgek_app::Caller::operator(operator());
    caller.source = Source::Import;
    let mapping = match profile {
        Some(name) => Some(
            emgek_app::profiles::profile(&app, &caller, emgek_app::profiles::FileKind::Households, &name)
                .await
                .map_err(|e| told(&Tr::new(lang), e))?,
        ),
        None => None,
    };
    let file = ImportFile {
        path: path.to_path_buf(),
        file_name: None,
        all_or_nothing,
        rejects,
        tr: Tr::new(lang),
        sheet,
        mapping,
    };
    let (bar, mut progress) = progress_bar();
    let started = std::time::Instant::now();
    let report = import::run(&app, &caller, &file, &mut progress)
        .await
        .with_context(|| format!("cannot import {}", path.display()))?;
    bar.finish_and_clear();
    let log = &report.log;
    println!(
        "{} {}: {}",
        path.display(),
        if log.committed { "imported" } else { "rolled back, nothing saved" },
        format_args!("{:.1} s", started.elapsed().as_secs_f64())
    );
    println!("  rows read            {:>10}", report.rows_read);
    println!("  rows rejected        {:>10}", report.rows_rejected);
    println!("  rows with warnings   {:>10}", report.rows_with_warnings);
    println!("  households created   {:>10}", log.households_created);
    println!("  people added         {:>10}", log.members_created);
    println!("  people updated       {:>10}", log.members_updated);
    print_tail(&report.rejected_by_rule, report.rejects_path.as_deref(), &report.ignored_columns, &report.shape);
    Ok(if log.committed { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// The end of an import's summary, the same for every kind: rows rejected by rule, the reject
/// file, the headings ignored and how the file was read.
fn print_tail(
    by_rule: &std::collections::BTreeMap<String, u64>,
    rejects: Option<&Path>,
    ignored: &[String],
    shape: &emgek_exchange::import::FileShape,
) {
    for (rule, n) in by_rule {
        println!("  rejected: {rule:<24} {n:>6}");
    }
    if let Some(rejects) = rejects {
        println!("  reject file: {}", rejects.display());
    }
    if !ignored.is_empty() {
        println!("  ignored columns: {}", ignored.join(", "));
    }
    println!("  read as: {}", shape_text(shape));
}

/// A progress bar on the terminal, told (done, total).
fn progress_bar() -> (ProgressBar, impl FnMut(u64, u64) + Send) {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {percent}% ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let told = bar.clone();
    (bar, move |done: u64, total: u64| {
        told.set_length(total);
        told.set_position(done);
    })
}

/// Imports one file of records as the operator; answers whether its rows were written.
async fn import_records(store: &Store, mut file: RecordsFile, profile: Option<&str>) -> anyhow::Result<bool> {
    let app = emgek_app::App::new(store.clone());
    let mut caller = emgek_app::Caller::operator(operator());
    caller.source = Source::Import;
    if let Some(name) = profile {
        let kind = emgek_app::profiles::FileKind::Records(file.kind);
        let mapping = emgek_app::profiles::profile(&app, &caller, kind, name).await;
        file.mapping = Some(mapping.map_err(|e| told(&file.tr, e))?);
    }
    let file = &file;
    let (bar, mut progress) = progress_bar();
    let started = std::time::Instant::now();
    let report = records::import(&app, &caller, file, &mut progress).await.map_err(|e| match e {
        records::RecordsError::App(e) => told(&file.tr, e),
        other => anyhow::Error::new(other),
    });
    let report = report.with_context(|| format!("cannot import {}", file.path.display()))?;
    bar.finish_and_clear();
    println!(
        "{} ({}) {}: {:.1} s",
        file.path.display(),
        report.kind,
        if report.committed { "imported" } else { "refused, nothing saved" },
        started.elapsed().as_secs_f64()
    );
    println!("  rows read            {:>10}", report.rows_read);
    println!("  rows rejected        {:>10}", report.rows_rejected);
    println!("  records added        {:>10}", report.added);
    println!("  held already         {:>10}", report.already_held);
    print_tail(&report.rejected_by_rule, report.rejects_path.as_deref(), &report.ignored_columns, &report.shape);
    Ok(report.committed)
}

/// Imports a folder in emgek's layouts: the households, then every kind of records whose file
/// is there, in the order that lets each row find what it names. Exit status 2 if any file's
/// rows were not all written.
async fn import_country(store: &Store, dir: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let households = dir.join("households.csv");
    let mut clean = true;
    if households.exists() {
        let code = import(store, &households, (None, None), None, false, lang).await?;
        clean &= code == ExitCode::SUCCESS;
    }
    for kind in records::Kind::ALL {
        let path = dir.join(kind.synth_file());
        if !path.exists() {
            continue;
        }
        let file = RecordsFile {
            kind,
            path,
            all_or_nothing: false,
            rejects: None,
            tr: Tr::new(lang),
            sheet: None,
            mapping: None,
        };
        clean &= import_records(store, file, None).await?;
    }
    println!("{} imported in {:.1} s", dir.display(), started.elapsed().as_secs_f64());
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn a_database_password_is_never_printed() {
        assert_eq!(redact("postgres://emgek:s3cret@db:5432/emgek"), "postgres://emgek:***@db:5432/emgek");
        assert_eq!(redact("postgres://postgres@127.0.0.1/test"), "postgres://postgres@127.0.0.1/test");
        assert_eq!(redact("sqlite:emgek.db"), "sqlite:emgek.db");
    }
}

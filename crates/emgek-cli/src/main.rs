//! `emgek`: the one binary. Serves the web application and does everything else from the
//! command line: synthetic data, imports, exports, backups, migrations.

mod commands;
mod users;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "emgek", version, about = "State livelihood programmes, from business plan to graduation")]
struct Cli {
    /// The database: `sqlite:PATH` (created on first use) or `postgres://USER@HOST/DB`.
    /// Migrations run on start-up for both.
    #[arg(long, env = "EMGEK_DATABASE_URL", default_value = "sqlite:emgek.db", global = true)]
    database_url: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "EMGEK_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Load the demonstration data and accounts into an empty database first.
        #[arg(long)]
        demo: bool,
        /// Send the session cookie over plain HTTP too. Only for installations without HTTPS
        /// on a closed network; by default the cookie is Secure (browsers treat
        /// http://localhost and 127.0.0.1 as secure).
        #[arg(long, env = "EMGEK_INSECURE_COOKIES")]
        insecure_cookies: bool,
        /// Milliseconds a dashboard waits for figures that count the latest writes, when the
        /// last were counted within that time; otherwise, or past it, it shows those computed
        /// earlier (stamped with their time) while the new ones are counted.
        #[arg(long, env = "EMGEK_FIGURES_WAIT_MS", default_value_t = 1000)]
        figures_wait_ms: u64,
        /// The address of a reverse proxy (HAProxy, nginx) in front of emgek, repeatable or
        /// comma-separated: only a request from one of them has its client's address taken
        /// from `X-Forwarded-For`, for throttling sign-ins and for the audit log. Without it
        /// the header is ignored, so nobody can pretend to come from elsewhere.
        #[arg(long = "trusted-proxy", env = "EMGEK_TRUSTED_PROXIES", value_delimiter = ',')]
        trusted_proxies: Vec<std::net::IpAddr>,
        #[command(flatten)]
        gateways: GatewayArgs,
    },
    /// Write a synthetic country as CSV, with the truth about its defects in OUT/truth/.
    Synth {
        /// How many households.
        #[arg(long)]
        households: u64,
        /// The same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write to (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Leave out the ~1% invalid rows and ~2% duplicate people.
        #[arg(long)]
        clean: bool,
    },
    /// Import a file.
    #[command(subcommand)]
    Import(ImportWhat),
    /// Export a filtered list.
    #[command(subcommand)]
    Export(ExportWhat),
    /// Write a consistent copy of a live SQLite database to PATH.
    Backup {
        /// The copy to write; it must not exist yet.
        path: PathBuf,
    },
    /// Manage users: add, list, disable, enable, set a password.
    #[command(subcommand)]
    User(users::UserCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditWhat),
    /// Apply the database migrations, then stop.
    Migrate,
}

#[derive(Debug, Subcommand)]
enum AuditWhat {
    /// Check the hash chain; exit status 3 and the first broken row if any row was edited,
    /// deleted or reordered.
    Verify,
}

#[derive(Debug, Subcommand)]
enum ImportWhat {
    /// Households and their members from CSV or XLSX, one row per person.
    Households {
        /// The file (.csv or .xlsx) with a header row (title and blank rows above it are passed
        /// over; a CSV's encoding and delimiter are found).
        path: PathBuf,
        /// The sheet of a workbook to read (default: the first that has a header row).
        #[arg(long)]
        sheet: Option<String>,
        /// An import profile: how an office's files name their columns (`emgek import profile`,
        /// or the import page).
        #[arg(long)]
        profile: Option<String>,
        /// Where rejected rows go (default: beside the file, as NAME.rejects.csv).
        #[arg(long)]
        rejects: Option<PathBuf>,
        /// Commit nothing if any row is rejected.
        #[arg(long)]
        all_or_nothing: bool,
        /// Language of the reject file's messages: ky, ru or en.
        #[arg(long, env = "EMGEK_LANG", default_value = "en")]
        lang: String,
    },
    /// The National Bank's official rates: currency, rate_on, rate (som for one unit).
    Rates(RecordsArgs),
    /// The year's calendar as published: day, kind (holiday, day_off, working_day), name.
    Calendar(RecordsArgs),
    /// Grievances taken in another register (a hotline's), keyed by their number there.
    Grievances(RecordsArgs),
    /// One Village – One Product producers, by their register number (docs/import.md).
    OvopProducers(RecordsArgs),
    /// One Village – One Product products, each naming its producer's register number.
    OvopProducts(RecordsArgs),
    /// Brand certificates issued before emgek, each naming its product's register number.
    OvopCertifications(RecordsArgs),
    /// Export contracts, valued at the official rates of the day each was signed.
    OvopExports(RecordsArgs),
    /// Where products are sold: a product's register number and an outlet a row.
    OvopOutlets(RecordsArgs),
    /// Programmes and versions of their rules; a blank cell keeps the version before.
    ScProgrammes(RecordsArgs),
    /// Calls for applications, each naming its programme's code.
    ScCalls(RecordsArgs),
    /// Applications decided before emgek, by application number (docs/import.md).
    ScApplications(RecordsArgs),
    /// Commissions' decisions on applications held, from their minutes: day, score, reason.
    ScDecisions(RecordsArgs),
    /// Contracts signed on funded applications, by contract number.
    ScContracts(RecordsArgs),
    /// Tranches paid: a contract's number and a tranche a row.
    ScPayments(RecordsArgs),
    /// The Social Contract's monthly reports, each naming its contract by number.
    ScReports(RecordsArgs),
    /// Field visits: a contract's number and a day a row.
    ScVisits(RecordsArgs),
    /// The months contracts' terms were extended by, and why.
    ScExtensions(RecordsArgs),
    /// Contracts completed and their families graduated, on the day each graduated.
    ScGraduations(RecordsArgs),
    /// Contracts ended early; after a violation, what was paid is claimed back on that day.
    ScTerminations(RecordsArgs),
    /// Refunds repaid, by contract and bank reference.
    ScRepayments(RecordsArgs),
    /// Prison facilities by code, with a headcount on a day.
    PrisonFacilities(RecordsArgs),
    /// Prison workshops, each naming its facility's code.
    PrisonWorkshops(RecordsArgs),
    /// Inmates by register number, with the work each starts in a workshop of his facility.
    PrisonInmates(RecordsArgs),
    /// Workshops' output: a month and a product a row.
    PrisonProduction(RecordsArgs),
    /// Facilities' headcounts: a facility's code, a day and how many inmates.
    PrisonHeadcounts(RecordsArgs),
    /// Customers' orders to workshops by the workshop's order number, with what was delivered.
    PrisonOrders(RecordsArgs),
    /// Workshops' sales outside any order, by the workshop's number of the sale (a receipt).
    PrisonSales(RecordsArgs),
    /// Inmates' days at work: a workshop's month and an inmate a row, as its timesheet holds them.
    PrisonTimesheets(RecordsArgs),
    /// Trainees' places on courses, a row each; a course is added when not held.
    PrisonTraining(RecordsArgs),
    /// Inmates released: a facility's code, a register number and a day a row.
    PrisonReleases(RecordsArgs),
    /// What released inmates were doing 3, 6 or 12 months on.
    PrisonFollowUps(RecordsArgs),
    /// A whole country from a folder of files in emgek's layouts, as `emgek synth` writes
    /// them: households.csv, then each kind of records whose file is there, in order.
    Country {
        /// The folder.
        dir: PathBuf,
        /// Language of the reject files' messages: ky, ru or en.
        #[arg(long, env = "EMGEK_LANG", default_value = "en")]
        lang: String,
    },
    /// Saves how an office's files name their columns as a named import profile, used again by
    /// `--profile NAME`, the import page and the API (`?profile=NAME`).
    Profile {
        /// The profile's name.
        name: String,
        /// The kind of file it reads: `households` (the default) or a kind of records
        /// (`sc-contracts`, `prison-inmates`, …: the names of these subcommands).
        #[arg(long, default_value = "households")]
        kind: String,
        /// A heading of the office's files and the column it holds: `--map "Аймак=rayon"`;
        /// `--map "Эскертүү=-"` ignores a column. Repeat for each heading.
        #[arg(long = "map", required = true)]
        maps: Vec<String>,
    },
}

/// A file of one kind of programme records.
#[derive(Debug, clap::Args)]
struct RecordsArgs {
    /// The file (.csv or .xlsx) with a header row (title and blank rows above it are passed
    /// over; a CSV's encoding and delimiter are found).
    path: PathBuf,
    /// The sheet of a workbook to read (default: the first that has a header row).
    #[arg(long)]
    sheet: Option<String>,
    /// An import profile of this kind: how an office's files name their columns (`emgek
    /// import profile --kind KIND`, or the kind's import page).
    #[arg(long)]
    profile: Option<String>,
    /// Where rejected rows go (default: beside the file, as NAME.rejects.csv).
    #[arg(long)]
    rejects: Option<PathBuf>,
    /// Write nothing if any row is rejected (the whole file is checked first).
    #[arg(long)]
    all_or_nothing: bool,
    /// Language of the reject file's messages: ky, ru or en.
    #[arg(long, env = "EMGEK_LANG", default_value = "en")]
    lang: String,
}

impl ImportWhat {
    /// The kind of records and the file's arguments, for the kinds of records.
    fn records(self) -> Option<(emgek_exchange::records::Kind, RecordsArgs)> {
        use emgek_exchange::records::Kind;
        Some(match self {
            ImportWhat::Rates(a) => (Kind::Rates, a),
            ImportWhat::Calendar(a) => (Kind::Calendar, a),
            ImportWhat::Grievances(a) => (Kind::Grievances, a),
            ImportWhat::OvopProducers(a) => (Kind::OvopProducers, a),
            ImportWhat::OvopProducts(a) => (Kind::OvopProducts, a),
            ImportWhat::OvopCertifications(a) => (Kind::OvopCertifications, a),
            ImportWhat::OvopExports(a) => (Kind::OvopExports, a),
            ImportWhat::OvopOutlets(a) => (Kind::OvopOutlets, a),
            ImportWhat::ScProgrammes(a) => (Kind::ScProgrammes, a),
            ImportWhat::ScCalls(a) => (Kind::ScCalls, a),
            ImportWhat::ScApplications(a) => (Kind::ScApplications, a),
            ImportWhat::ScDecisions(a) => (Kind::ScDecisions, a),
            ImportWhat::ScContracts(a) => (Kind::ScContracts, a),
            ImportWhat::ScPayments(a) => (Kind::ScPayments, a),
            ImportWhat::ScReports(a) => (Kind::ScReports, a),
            ImportWhat::ScVisits(a) => (Kind::ScVisits, a),
            ImportWhat::ScExtensions(a) => (Kind::ScExtensions, a),
            ImportWhat::ScGraduations(a) => (Kind::ScGraduations, a),
            ImportWhat::ScTerminations(a) => (Kind::ScTerminations, a),
            ImportWhat::ScRepayments(a) => (Kind::ScRepayments, a),
            ImportWhat::PrisonFacilities(a) => (Kind::PrisonFacilities, a),
            ImportWhat::PrisonWorkshops(a) => (Kind::PrisonWorkshops, a),
            ImportWhat::PrisonInmates(a) => (Kind::PrisonInmates, a),
            ImportWhat::PrisonProduction(a) => (Kind::PrisonProduction, a),
            ImportWhat::PrisonHeadcounts(a) => (Kind::PrisonHeadcounts, a),
            ImportWhat::PrisonOrders(a) => (Kind::PrisonOrders, a),
            ImportWhat::PrisonSales(a) => (Kind::PrisonSales, a),
            ImportWhat::PrisonTimesheets(a) => (Kind::PrisonTimesheets, a),
            ImportWhat::PrisonTraining(a) => (Kind::PrisonTraining, a),
            ImportWhat::PrisonReleases(a) => (Kind::PrisonReleases, a),
            ImportWhat::PrisonFollowUps(a) => (Kind::PrisonFollowUps, a),
            ImportWhat::Households { .. } | ImportWhat::Profile { .. } | ImportWhat::Country { .. } => return None,
        })
    }
}

#[derive(Debug, Subcommand)]
enum ExportWhat {
    /// Households and their members, one row per person, in the import's columns.
    Households {
        /// `csv` (any size) or `xlsx` (at most 1,048,575 rows).
        #[arg(long, default_value = "csv")]
        format: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: commands::FilterArgs,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("EMGEK_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}

/// Where notices go out (the outbox's gateways) and how the SMS gateway calls back. Without a
/// gateway, notices wait in the outbox, to be sent once one is set.
#[derive(clap::Args, Debug, Clone)]
pub struct GatewayArgs {
    /// Kannel's `sendsms` address (its smsbox), e.g. http://127.0.0.1:13013/cgi-bin/sendsms:
    /// notices by SMS go through it.
    #[arg(long, env = "EMGEK_KANNEL_SENDSMS")]
    pub kannel_sendsms: Option<String>,
    /// The `sendsms-user` of Kannel's configuration.
    #[arg(long, env = "EMGEK_KANNEL_USER", default_value = "emgek")]
    pub kannel_user: String,
    /// Its password: give it in the environment, not on the command line.
    #[arg(long, env = "EMGEK_KANNEL_PASSWORD", default_value = "", hide_env_values = true)]
    pub kannel_password: String,
    /// The programme's short number, the sender of its SMS.
    #[arg(long, env = "EMGEK_SMS_FROM", default_value = "1414")]
    pub sms_from: String,
    /// emgek's address as Kannel reaches it, for its delivery reports (by default
    /// http://LISTEN).
    #[arg(long, env = "EMGEK_GATEWAY_URL")]
    pub gateway_url: Option<String>,
    /// The secret Kannel's calls to emgek carry (`key=`); needed with --kannel-sendsms. Give
    /// it in the environment.
    #[arg(long, env = "EMGEK_GATEWAY_KEY", hide_env_values = true)]
    pub gateway_key: Option<String>,
    /// An SMTP relay, HOST:PORT, for notices by e-mail (no TLS: a relay on this host or
    /// network).
    #[arg(long, env = "EMGEK_SMTP")]
    pub smtp: Option<String>,
    /// The sender of notices by e-mail.
    #[arg(long, env = "EMGEK_SMTP_FROM", default_value = "emgek@localhost.localdomain")]
    pub smtp_from: String,
    /// Seconds a server holds a notice it is sending before another may take it as unsure.
    #[arg(long, env = "EMGEK_NOTICE_LEASE_SECS", default_value_t = 60)]
    pub notice_lease_secs: u64,
    /// Seconds an unsure SMS waits for its delivery report before it is sent again.
    #[arg(long, env = "EMGEK_SMS_REPORT_GRACE_SECS", default_value_t = 300)]
    pub sms_report_grace_secs: u64,
}

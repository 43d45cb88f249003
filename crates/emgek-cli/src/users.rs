//! `emgek user …`: the administrator's door for when no web page can be used (the first
//! administrator, a locked-out one).

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use emgek_app::accounts::{self, NewAccount};
use emgek_app::{App, AppError, Caller};
use emgek_domain::access::{Grant, Role, Scope, check_password, check_username};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user with one or more role–scope grants.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "")]
        display_name: String,
        /// A grant as ROLE@SCOPE, e.g. admin@country or case_worker@rayon:KG-C-SOK. Repeat for
        /// more. Roles: admin, case_worker, commission_member, enterprise_manager, hq_analyst,
        /// auditor.
        #[arg(long = "grant", required = true)]
        grants: Vec<String>,
        /// Read the password from standard input instead of asking for it.
        #[arg(long)]
        password_stdin: bool,
        /// The user must choose her own password at first sign-in.
        #[arg(long)]
        temporary: bool,
    },
    /// List users with their grants.
    List,
    /// Disable a user: she can no longer sign in and her sessions end.
    Disable { username: String },
    /// Enable a disabled user.
    Enable { username: String },
    /// Open sign-in again for a user shut out by failed attempts (her password unchanged).
    Unlock { username: String },
    /// Set a user's password (her sessions end; sign-in opens again if failed attempts shut it).
    SetPassword {
        username: String,
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        temporary: bool,
    },
}

/// Who runs the command, for the audit log.
fn operator_name() -> String {
    std::env::var("USER").unwrap_or_else(|_| "cli".into())
}

fn read_password(from_stdin: bool, username: &str) -> anyhow::Result<String> {
    let password = if from_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("cannot read the password from standard input")?;
        s.trim_end_matches(['\r', '\n']).to_string()
    } else {
        let first = rpassword::prompt_password("password: ").context("cannot read the password")?;
        let again = rpassword::prompt_password("again: ").context("cannot read the password")?;
        if first != again {
            bail!("the two passwords differ");
        }
        first
    };
    if let Err(rule) = check_password(&password, username) {
        bail!("the password breaks the rule {rule}: at least 12 characters, not the user name, not a common one");
    }
    Ok(password)
}

fn parse_grant(text: &str) -> anyhow::Result<Grant> {
    let (role, scope) = text.split_once('@').with_context(|| format!("{text}: write a grant as ROLE@SCOPE"))?;
    let role = Role::parse(role).with_context(|| format!("{role}: not a role"))?;
    let scope = Scope::parse(scope)
        .with_context(|| format!("{scope}: not a scope (country, oblast:KG-C, rayon:KG-C-SOK, facility:NAME)"))?;
    Ok(Grant { role, scope })
}

/// A use case's refusal, told as the command line tells it.
fn explain(e: AppError, username: &str) -> anyhow::Error {
    match e {
        AppError::NotFound => anyhow::anyhow!("no user {username}"),
        AppError::Invalid(errors) => {
            let told: Vec<String> = errors
                .iter()
                .map(|e| match e.rule {
                    "username.format" => {
                        format!("{username}: use 3 to 40 lower-case Latin letters, digits, dots or hyphens")
                    }
                    "username.taken" => format!("the user name {username} is taken"),
                    rule if rule.starts_with("password.") => format!(
                        "the password breaks the rule {rule}: at least 12 characters, not the user name, not a common one"
                    ),
                    rule => format!("{}: {rule} ({})", e.field, e.value),
                })
                .collect();
            anyhow::anyhow!(told.join("; "))
        }
        other => other.into(),
    }
}

pub async fn run(url: &str, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open(url).await?;
    let app = App::new(store);
    let caller = Caller::operator(operator_name());
    match cmd {
        UserCommand::Add { username, display_name, grants, password_stdin, temporary } => {
            let username = username.to_lowercase();
            if check_username(&username).is_err() {
                bail!("{username}: use 3 to 40 lower-case Latin letters, digits, dots or hyphens");
            }
            let grants = grants.iter().map(|g| parse_grant(g)).collect::<anyhow::Result<Vec<_>>>()?;
            let password = read_password(password_stdin, &username)?;
            let new = NewAccount { username: username.clone(), display_name, password, grants, temporary };
            let id = accounts::add_user(&app, &caller, new).await.map_err(|e| explain(e, &username))?;
            println!("added user {username} (id {id})");
        }
        UserCommand::List => {
            for u in app.store.list_users().await? {
                let grants: Vec<String> =
                    u.access.grants.iter().map(|g| format!("{}@{}", g.role.code(), g.scope.code())).collect();
                let state = if u.disabled { "disabled" } else { "active" };
                println!("{:<20} {:<8} {}", u.username, state, grants.join(" "));
            }
        }
        UserCommand::Disable { username } => {
            let user =
                accounts::managed_user_named(&app, &caller, &username).await.map_err(|e| explain(e, &username))?;
            accounts::set_disabled(&app, &caller, user.id, true).await.map_err(|e| explain(e, &username))?;
            println!("disabled {username}");
        }
        UserCommand::Enable { username } => {
            let user =
                accounts::managed_user_named(&app, &caller, &username).await.map_err(|e| explain(e, &username))?;
            accounts::set_disabled(&app, &caller, user.id, false).await.map_err(|e| explain(e, &username))?;
            println!("enabled {username}");
        }
        UserCommand::Unlock { username } => {
            let user =
                accounts::managed_user_named(&app, &caller, &username).await.map_err(|e| explain(e, &username))?;
            let forgotten = accounts::unlock(&app, &caller, user.id).await.map_err(|e| explain(e, &username))?;
            println!("opened sign-in for {username} ({forgotten} failed attempts forgotten)");
        }
        UserCommand::SetPassword { username, password_stdin, temporary } => {
            let user =
                accounts::managed_user_named(&app, &caller, &username).await.map_err(|e| explain(e, &username))?;
            let password = read_password(password_stdin, &user.username)?;
            accounts::set_password(&app, &caller, user.id, &password, temporary)
                .await
                .map_err(|e| explain(e, &username))?;
            println!("set the password of {username}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

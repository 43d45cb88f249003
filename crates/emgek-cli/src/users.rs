//! `emgek user …`: the administrator's door for when no web page can be used (the first
//! administrator, a locked-out one).

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use emgek_domain::access::{Grant, Role, Scope, check_password, check_username};
use emgek_store::{Actor, NewUser, Source};

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

fn operator() -> Actor {
    Actor::new(std::env::var("USER").unwrap_or_else(|_| "cli".into()), Source::Cli)
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

fn hash(password: String) -> anyhow::Result<String> {
    emgek_web::auth::secrets::hash_password(&password).map_err(|e| anyhow::anyhow!(e))
}

pub async fn run(url: &str, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let store = crate::commands::open(url).await?;
    match cmd {
        UserCommand::Add { username, display_name, grants, password_stdin, temporary } => {
            let username = username.to_lowercase();
            if check_username(&username).is_err() {
                bail!("{username}: use 3 to 40 lower-case Latin letters, digits, dots or hyphens");
            }
            let grants = grants.iter().map(|g| parse_grant(g)).collect::<anyhow::Result<Vec<_>>>()?;
            let password_hash = hash(read_password(password_stdin, &username)?)?;
            let user = NewUser {
                username: username.clone(),
                display_name,
                password_hash,
                must_change_password: temporary,
                grants,
            };
            let id = store.create_user(&operator(), &user).await.map_err(|e| match e {
                emgek_store::StoreError::Conflict(_) => anyhow::anyhow!("the user name {username} is taken"),
                other => other.into(),
            })?;
            println!("added user {username} (id {id})");
        }
        UserCommand::List => {
            for u in store.list_users().await? {
                let grants: Vec<String> =
                    u.access.grants.iter().map(|g| format!("{}@{}", g.role.code(), g.scope.code())).collect();
                let state = if u.disabled { "disabled" } else { "active" };
                println!("{:<20} {:<8} {}", u.username, state, grants.join(" "));
            }
        }
        UserCommand::Disable { username } => {
            let user = store.user_by_username(&username).await?.with_context(|| format!("no user {username}"))?;
            store.set_disabled(&operator(), user.id, true).await?;
            println!("disabled {username}");
        }
        UserCommand::Enable { username } => {
            let user = store.user_by_username(&username).await?.with_context(|| format!("no user {username}"))?;
            store.set_disabled(&operator(), user.id, false).await?;
            println!("enabled {username}");
        }
        UserCommand::Unlock { username } => {
            let user = store.user_by_username(&username).await?.with_context(|| format!("no user {username}"))?;
            let forgotten = store.unlock_sign_in(&operator(), user.id).await?;
            println!("opened sign-in for {username} ({forgotten} failed attempts forgotten)");
        }
        UserCommand::SetPassword { username, password_stdin, temporary } => {
            let user = store.user_by_username(&username).await?.with_context(|| format!("no user {username}"))?;
            let password_hash = hash(read_password(password_stdin, &username)?)?;
            store.set_password(&operator(), user.id, &password_hash, temporary).await?;
            println!("set the password of {username}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

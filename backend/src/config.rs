//! Configuration from command-line flags and environment variables; the only place that reads
//! the environment. `backend --help` documents every setting.

use std::net::IpAddr;
use std::path::PathBuf;

use chrono_tz::Tz;

/// Settings of the Bürgerportal server.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "backend",
    version,
    about = "Bürgerportal: citizen-service portal server"
)]
pub struct Config {
    /// TCP port to listen on.
    #[arg(long, env = "BP_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Address to listen on; use 0.0.0.0 to accept connections from other hosts (normally a
    /// reverse proxy in front terminates TLS).
    #[arg(long, env = "BP_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Directory for the embedded SQLite database and uploaded files (`uploads/`). Created if
    /// missing. With several instances (PostgreSQL), `uploads/` must be shared storage.
    #[arg(long, env = "BP_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// PostgreSQL URL (`postgres://user:password@host/db`) for running several instances; when
    /// unset, SQLite in the data directory is used.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory of the built single-page app (Trunk's `dist/`).
    #[arg(long, env = "BP_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// A service catalogue (JSON, docs/editor-guide.md) to load at start; it replaces the stored
    /// one. Without it the stored catalogue stays.
    #[arg(long, env = "BP_CATALOGUE")]
    pub catalogue: Option<PathBuf>,

    /// Seed German demo content (forms, services and a staff account) if it is not there yet.
    #[arg(long, env = "BP_DEMO")]
    pub demo: bool,

    /// Password of the demo staff account created by `--demo`.
    #[arg(
        long,
        env = "BP_DEMO_PASSWORD",
        default_value = "Demo-Passwort-2026",
        hide_env_values = true
    )]
    pub demo_password: String,

    /// Create an administrator account with this e-mail address at start-up unless it exists
    /// (the first admin of an installation); its password comes from `BP_ADMIN_PASSWORD`.
    #[arg(long, env = "BP_CREATE_ADMIN", requires = "admin_password")]
    pub create_admin: Option<String>,

    /// Password of the account created by `--create-admin` (at least 12 characters).
    #[arg(long, env = "BP_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,

    /// Mark cookies `Secure` and use the `__Host-` prefix; set this when the portal is served over
    /// HTTPS (always in production).
    #[arg(long, env = "BP_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Largest file a citizen may upload, in bytes, whatever a form's field allows.
    #[arg(long, env = "BP_MAX_UPLOAD_BYTES", default_value_t = 20_000_000)]
    pub max_upload_bytes: u64,

    /// Most bytes of uploads that no submission has taken yet, across all citizens; above it new
    /// uploads are refused (503) until abandoned ones are purged. Guards the disk.
    #[arg(
        long,
        env = "BP_MAX_PENDING_UPLOAD_BYTES",
        default_value_t = 5_000_000_000
    )]
    pub max_pending_upload_bytes: u64,

    /// Account holder for fees paid by transfer (GiroCode), e.g. "Stadtkasse Musterstadt".
    #[arg(long, env = "BP_PAYMENT_RECIPIENT")]
    pub payment_recipient: Option<String>,

    /// IBAN of that account. Without recipient and IBAN, forms with a fee show no payment details.
    #[arg(long, env = "BP_PAYMENT_IBAN")]
    pub payment_iban: Option<String>,

    /// Addresses of the reverse proxies in front of the server (comma-separated). Requests from
    /// them are attributed to the client named in `X-Forwarded-For`, so limits per address (login,
    /// status look-up) apply per citizen instead of to everyone behind the proxy.
    #[arg(long, env = "BP_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,

    /// SMTP server for e-mail to citizens, e.g. `smtp://user:password@mail.example:587?tls=required`
    /// (STARTTLS), `smtps://mail.example` (TLS) or `smtp://127.0.0.1:25` (a local relay). Without
    /// it no e-mail is sent or queued.
    #[arg(long, env = "BP_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of e-mail to citizens, e.g. `Stadt Musterstadt <buergerportal@musterstadt.example>`.
    #[arg(
        long,
        env = "BP_MAIL_FROM",
        default_value = "Bürgerportal <noreply@localhost>"
    )]
    pub mail_from: String,

    /// The portal's public address (e.g. `https://buergerportal.musterstadt.de`), for links in
    /// e-mails; without it, e-mails name the page instead of linking it.
    #[arg(long, env = "BP_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The city's time zone: decides what "today" and "this year" mean.
    #[arg(long, env = "BP_TIME_ZONE", default_value = "Europe/Berlin")]
    pub time_zone: Tz,

    /// Minutes an appointment slot stays held while the citizen enters contact details.
    #[arg(long, env = "BP_BOOKING_HOLD_MINUTES", default_value_t = 10)]
    pub booking_hold_minutes: u32,

    /// Minutes the activation link of an appointment is valid; unconfirmed, the slot is freed.
    #[arg(long, env = "BP_BOOKING_ACTIVATION_MINUTES", default_value_t = 30)]
    pub booking_activation_minutes: u32,

    /// Days after an appointment after which its personal data is erased (statistics stay).
    #[arg(long, env = "BP_BOOKING_ANONYMISE_DAYS", default_value_t = 30)]
    pub booking_anonymise_days: u32,

    /// Leading zero bits the proof of work before a hold needs (each bit doubles the work; 16 is
    /// about a tenth of a second on a phone; at most 24).
    #[arg(long, env = "BP_BOOKING_POW_DIFFICULTY", default_value_t = 16)]
    pub booking_pow_difficulty: u8,

    /// Holds and unconfirmed appointments one client address may have at once.
    #[arg(long, env = "BP_BOOKING_HOLDS_PER_IP", default_value_t = 5)]
    pub booking_holds_per_ip: u32,

    /// Upcoming appointments (unconfirmed or booked) one e-mail address may have at once.
    #[arg(long, env = "BP_BOOKING_LIMIT_PER_EMAIL", default_value_t = 3)]
    pub booking_limit_per_email: u32,
}

impl Config {
    /// A configuration for tests: no demo content, plain cookies, Berlin time.
    pub fn for_tests() -> Self {
        Self {
            port: 0,
            bind: IpAddr::from([127, 0, 0, 1]),
            data_dir: PathBuf::from("data"),
            database_url: None,
            dist_dir: PathBuf::from("dist"),
            catalogue: None,
            demo: false,
            demo_password: String::new(),
            create_admin: None,
            admin_password: None,
            secure_cookies: false,
            max_upload_bytes: 20_000_000,
            trusted_proxies: Vec::new(),
            payment_recipient: None,
            payment_iban: None,
            max_pending_upload_bytes: 5_000_000_000,
            time_zone: chrono_tz::Europe::Berlin,
            smtp_url: None,
            mail_from: "Bürgerportal <noreply@localhost>".to_owned(),
            public_url: None,
            booking_hold_minutes: 10,
            booking_activation_minutes: 30,
            booking_anonymise_days: 30,
            // Tests solve challenges natively; the check is the same at any difficulty.
            booking_pow_difficulty: 4,
            booking_holds_per_ip: 5,
            booking_limit_per_email: 3,
        }
    }
}

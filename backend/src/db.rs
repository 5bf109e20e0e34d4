//! The only module that contains SQL.
//!
//! Queries are runtime-checked `sqlx::any` queries in the portable subset of SQL that SQLite and
//! PostgreSQL share (ARCHITECTURE.md); the API test suite runs on both engines to prove it.
//! Functions take validated types and return `sqlx::Result`; callers give errors meaning.

pub mod appointments;
pub(crate) mod audit;
pub(crate) mod catalogue;
pub(crate) mod editor;
pub(crate) mod figures;
pub mod forms;
pub(crate) mod inbox;
pub mod outbox;
pub(crate) mod privacy;
pub(crate) mod staff;
pub(crate) mod submissions;
pub(crate) mod uploads;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

/// Which database engine a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server (for several backend instances).
    Postgres,
}

/// The database handle: a single writer connection plus a read pool on SQLite (several SQLite
/// writers wreck tail latency, `performance.md`); one pool used for both on PostgreSQL.
#[derive(Debug, Clone)]
pub struct Db {
    engine: Engine,
    write: AnyPool,
    read: AnyPool,
}

/// Pool sizes; tests use small ones so many test databases fit into one server.
#[derive(Debug, Clone, Copy)]
pub struct PoolSizes {
    /// Read connections (SQLite) or all connections (PostgreSQL).
    pub max_connections: u32,
}

impl Default for PoolSizes {
    fn default() -> Self {
        Self { max_connections: 8 }
    }
}

impl Db {
    /// Opens the SQLite database file `path` (created if missing).
    pub async fn open_sqlite(path: &Path, sizes: PoolSizes) -> anyhow::Result<Self> {
        let url = format!("sqlite://{}?mode=rwc", path.display());
        Self::connect(&url, sizes).await
    }

    /// Connects to `url` (`sqlite:` or `postgres:`), without migrating.
    pub async fn connect(url: &str, sizes: PoolSizes) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url)
            .context("DATABASE_URL is not a valid sqlite: or postgres: URL")?
            .log_statements(tracing::log::LevelFilter::Debug)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:");
        };
        let pool_options = || {
            AnyPoolOptions::new()
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |connection, _meta| {
                    Box::pin(async move {
                        if engine == Engine::Sqlite {
                            // WAL lets readers run beside the writer; FULL keeps a commit durable
                            // across power loss (performance.md); the busy timeout covers the
                            // moment a reader and a checkpoint meet.
                            connection
                                .execute(
                                    "pragma journal_mode = wal; pragma synchronous = full; \
                                     pragma foreign_keys = on; pragma busy_timeout = 5000;",
                                )
                                .await?;
                        }
                        Ok(())
                    })
                })
        };
        let write = match engine {
            Engine::Sqlite => {
                pool_options()
                    .max_connections(1)
                    .connect_with(options.clone())
                    .await
            }
            Engine::Postgres => {
                pool_options()
                    .max_connections(sizes.max_connections)
                    .connect_with(options.clone())
                    .await
            }
        }
        .with_context(|| format!("cannot open the {engine:?} database"))?;
        let read = match engine {
            Engine::Sqlite => {
                pool_options()
                    .max_connections(sizes.max_connections)
                    .connect_with(options)
                    .await?
            }
            Engine::Postgres => write.clone(),
        };
        Ok(Self {
            engine,
            write,
            read,
        })
    }

    /// Applies all pending migrations.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        sqlx::migrate!("./migrations")
            .run(&self.write)
            .await
            .context("database migration failed")
    }

    /// The engine behind this handle.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The pool for statements that write. On SQLite it has exactly one connection, which
    /// serialises writers without busy-waiting.
    pub(crate) fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// The pool for read-only statements.
    pub(crate) fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// Closes all connections (graceful shutdown).
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }

    /// Checks that the database answers.
    pub(crate) async fn ping(&self) -> sqlx::Result<()> {
        sqlx::query("select 1")
            .execute(self.reader())
            .await
            .map(|_| ())
    }
}

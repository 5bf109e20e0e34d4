//! Entry point: parse configuration, then serve.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    backend::app::serve(backend::config::Config::parse()).await
}

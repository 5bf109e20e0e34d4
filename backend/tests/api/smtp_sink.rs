//! A small SMTP server for tests: it speaks real SMTP (RFC 5321) on a loopback port, so the
//! mailer is tested through its actual transport, and keeps what it receives.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// How the sink answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Accepts every message.
    Accept,
    /// Greets with `421` (service not available): a temporary failure.
    Unavailable,
    /// Rejects every recipient with `550` (mailbox unknown): a permanent failure.
    RejectRecipients,
}

/// One message as received.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) recipients: Vec<String>,
    /// The message as sent (headers and body), dot-unstuffed.
    pub(crate) data: String,
}

#[derive(Clone)]
pub(crate) struct SmtpSink {
    pub(crate) url: String,
    mode: Arc<Mutex<Mode>>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub(crate) async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Self {
            url: format!("smtp://127.0.0.1:{port}"),
            mode: Arc::new(Mutex::new(Mode::Accept)),
            received: Arc::default(),
        };
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = serving.clone();
                tokio::spawn(async move {
                    let _ = sink.converse(stream).await;
                });
            }
        });
        sink
    }

    pub(crate) fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    async fn converse(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (reader, mut writer) = stream.into_split();
        let mut lines = BufReader::new(reader).lines();
        let mode = *self.mode.lock().unwrap();
        if mode == Mode::Unavailable {
            writer
                .write_all(b"421 sink.test Service not available, try later\r\n")
                .await?;
            return Ok(());
        }
        writer.write_all(b"220 sink.test ESMTP\r\n").await?;
        let mut recipients = Vec::new();
        while let Some(line) = lines.next_line().await? {
            let command = line.to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") {
                b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
            } else if command.starts_with("HELO") || command.starts_with("MAIL FROM") {
                b"250 OK\r\n"
            } else if command.starts_with("RCPT TO") {
                if mode == Mode::RejectRecipients {
                    b"550 5.1.1 No such mailbox\r\n"
                } else {
                    let address = line[8..].trim().trim_start_matches('<');
                    let address = address.split('>').next().unwrap_or_default();
                    recipients.push(address.to_owned());
                    b"250 OK\r\n"
                }
            } else if command == "DATA" {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                while let Some(line) = lines.next_line().await? {
                    if line == "." {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push('\n');
                }
                self.received.lock().unwrap().push(Received {
                    recipients: std::mem::take(&mut recipients),
                    data,
                });
                b"250 OK queued\r\n"
            } else if command == "QUIT" {
                writer.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            } else if command == "RSET" || command == "NOOP" {
                b"250 OK\r\n"
            } else {
                b"502 Command not implemented\r\n"
            };
            writer.write_all(reply).await?;
        }
        Ok(())
    }
}

//! Throttling: after too many events for one key within a window (failed logins per account or
//! address, failed status look-ups, uploads per address), further attempts are refused with 429
//! until the window has passed. Kept in memory:
//! with several instances each enforces the limit on its own, which still bounds guessing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Failed attempts allowed per key within [`WINDOW_MS`] (Open Forms locks admins out after 10).
pub(crate) const MAX_FAILURES: usize = 10;
/// The window failures are counted in.
pub(crate) const WINDOW_MS: i64 = 15 * 60 * 1000;

/// Event times per key (`account:<email>`, `ip:<address>`, …), with the limit they are held to.
#[derive(Debug, Clone)]
pub(crate) struct Throttle {
    events: Arc<Mutex<HashMap<String, Vec<i64>>>>,
    max: usize,
    window_ms: i64,
}

impl Default for Throttle {
    /// The limit for failures: [`MAX_FAILURES`] within [`WINDOW_MS`].
    fn default() -> Self {
        Self::new(MAX_FAILURES, WINDOW_MS)
    }
}

impl Throttle {
    /// At most `max` events per key within `window_ms`.
    pub(crate) fn new(max: usize, window_ms: i64) -> Self {
        Self {
            events: Arc::default(),
            max,
            window_ms,
        }
    }

    /// Seconds until another attempt is allowed for any of `keys`, or `None` if allowed now.
    pub(crate) fn retry_after_secs(&self, keys: &[String], now_ms: i64) -> Option<u64> {
        let mut failures = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        keys.iter()
            .filter_map(|key| {
                let times = failures.get_mut(key)?;
                times.retain(|time| now_ms - time < self.window_ms);
                (times.len() >= self.max).then(|| {
                    let oldest = times.iter().min().copied().unwrap_or(now_ms);
                    u64::try_from((oldest + self.window_ms - now_ms + 999) / 1000)
                        .unwrap_or(1)
                        .max(1)
                })
            })
            .max()
    }

    /// Records an event (a failed attempt, an upload) for each of `keys`.
    pub(crate) fn record(&self, keys: &[String], now_ms: i64) {
        let mut failures = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        // Forget stale keys now and then so the map cannot grow without bound.
        if failures.len() > 10_000 {
            failures.retain(|_, times| times.iter().any(|time| now_ms - time < self.window_ms));
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push(now_ms);
        }
    }

    /// Forgets the failures of `keys` after a successful login.
    pub(crate) fn clear(&self, keys: &[String]) {
        let mut failures = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_until_the_window_passes() {
        let throttle = Throttle::default();
        let keys = vec!["account:a@example.org".to_owned()];
        for attempt in 0..MAX_FAILURES {
            assert_eq!(
                throttle.retry_after_secs(&keys, 1_000),
                None,
                "attempt {attempt}"
            );
            throttle.record(&keys, 1_000);
        }
        assert_eq!(throttle.retry_after_secs(&keys, 1_000), Some(900));
        assert_eq!(
            throttle.retry_after_secs(&keys, 1_000 + WINDOW_MS - 1),
            Some(1)
        );
        assert_eq!(throttle.retry_after_secs(&keys, 1_000 + WINDOW_MS), None);
    }
}

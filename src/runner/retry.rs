//! Sending a request again when it failed in a way that may pass on a second
//! try (`--retry`): a network error, and if asked a 5xx or a 429. Waits grow
//! exponentially from `--retry-delay`, a server's `Retry-After` is honoured
//! (up to a cap), and methods that are not idempotent are sent once unless
//! `--retry-unsafe` says otherwise: a POST that reached the server must not be
//! made twice behind the user's back.

use crate::http::{HttpResponse, RequestError};
use std::time::Duration;

/// The longest a single wait may be, whatever `Retry-After` or the backoff say.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// When and how to send a request again.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Extra attempts after the first (`--retry`); 0 turns retrying off.
    pub retries: u32,
    /// The first wait (`--retry-delay`); each later one doubles.
    pub delay: Duration,
    /// What is worth another try (`--retry-on`).
    pub on_network: bool,
    pub on_5xx: bool,
    pub on_429: bool,
    /// Retry POST, PATCH and other methods that are not idempotent (`--retry-unsafe`).
    pub unsafe_methods: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 0,
            delay: Duration::from_millis(500),
            on_network: true,
            on_5xx: false,
            on_429: false,
            unsafe_methods: false,
        }
    }
}

/// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
const IDEMPOTENT: &[&str] = &["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"];

impl RetryPolicy {
    pub fn enabled(&self) -> bool {
        self.retries > 0
    }

    /// Parses `--retry-on`: a comma-separated list of `network`, `5xx` and `429`.
    pub fn set_conditions(&mut self, list: &str) -> Result<(), String> {
        self.on_network = false;
        self.on_5xx = false;
        self.on_429 = false;
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part.to_ascii_lowercase().as_str() {
                "network" => self.on_network = true,
                "5xx" => self.on_5xx = true,
                "429" => self.on_429 = true,
                other => {
                    return Err(format!(
                        "'{other}': expected network, 5xx or 429 (comma-separated)"
                    ))
                }
            }
        }
        Ok(())
    }

    /// How long to wait before attempt `attempt + 1` (`attempt` from 1), or
    /// `None` when the result stands.
    pub fn wait_after(
        &self,
        attempt: u32,
        method: &str,
        result: &Result<HttpResponse, RequestError>,
    ) -> Option<Duration> {
        if attempt > self.retries {
            return None;
        }
        if !self.unsafe_methods && !IDEMPOTENT.contains(&method.to_ascii_uppercase().as_str()) {
            return None;
        }
        let backoff = self
            .delay
            .saturating_mul(2u32.saturating_pow(attempt - 1))
            .min(MAX_WAIT);
        match result {
            Err(e) if self.on_network && is_network(e) => Some(backoff),
            Err(_) => None,
            Ok(r) => {
                let retried =
                    (self.on_5xx && (500..600).contains(&r.code)) || (self.on_429 && r.code == 429);
                if !retried {
                    return None;
                }
                let asked = r
                    .header("retry-after")
                    .and_then(|v| retry_after(v, std::time::SystemTime::now()));
                Some(asked.unwrap_or(backoff).min(MAX_WAIT))
            }
        }
    }
}

/// Failures where nothing (or nothing usable) came back: the next try may work.
fn is_network(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::ConnectionRefused(_) | RequestError::Dns(_) | RequestError::Other(_)
    ) || matches!(e, RequestError::Network(f) if f.transient())
}

/// `Retry-After`: delay-seconds or an HTTP date.
pub fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = std::time::SystemTime::UNIX_EPOCH
        + Duration::from_millis(u64::try_from(at.timestamp_millis()).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<&str>) -> Result<HttpResponse, RequestError> {
        Ok(HttpResponse {
            code,
            headers: retry_after
                .map(|v| vec![("Retry-After".to_string(), v.to_string())])
                .unwrap_or_default(),
            ..Default::default()
        })
    }

    #[test]
    fn network_errors_only_by_default_with_exponential_waits() {
        let p = RetryPolicy {
            retries: 3,
            delay: Duration::from_millis(100),
            ..Default::default()
        };
        let refused = Err(RequestError::ConnectionRefused("h:1".into()));
        let ms = |a| p.wait_after(a, "GET", &refused).map(|d| d.as_millis());
        assert_eq!(
            [ms(1), ms(2), ms(3), ms(4)],
            [Some(100), Some(200), Some(400), None]
        );
        assert_eq!(p.wait_after(1, "GET", &status(503, None)), None);
        assert_eq!(p.wait_after(1, "POST", &refused), None);
        assert_eq!(p.wait_after(1, "PATCH", &refused), None);
        let invalid = Err(RequestError::InvalidUrl {
            url: "x".into(),
            reason: "y".into(),
        });
        assert_eq!(p.wait_after(1, "GET", &invalid), None);
        let unsafe_too = RetryPolicy {
            unsafe_methods: true,
            ..p.clone()
        };
        assert!(unsafe_too.wait_after(1, "POST", &refused).is_some());
    }

    #[test]
    fn statuses_when_asked_and_retry_after_honoured_and_capped() {
        let mut p = RetryPolicy {
            retries: 2,
            delay: Duration::from_millis(10),
            ..Default::default()
        };
        p.set_conditions("5xx,429").unwrap();
        assert!(!p.on_network);
        assert_eq!(
            p.wait_after(1, "GET", &status(503, None)),
            Some(Duration::from_millis(10))
        );
        assert_eq!(
            p.wait_after(1, "GET", &status(429, Some("2"))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.wait_after(1, "GET", &status(429, Some("86400"))),
            Some(MAX_WAIT)
        );
        assert_eq!(p.wait_after(1, "GET", &status(404, None)), None);
        assert_eq!(
            p.wait_after(
                1,
                "GET",
                &Err(crate::http::Fault::Timeout {
                    peer: "h:1".into(),
                    ms: 5,
                    progress: None
                }
                .into())
            ),
            None
        );
        assert!(p.set_conditions("network,sometimes").is_err());
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }
}

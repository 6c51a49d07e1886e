//! One line per request the mock answered.

use chrono::{DateTime, Utc};
use std::fmt;
use std::time::Duration;

/// Receives one [`MockLogLine`] per request, on the server's thread.
pub type MockLog = Box<dyn FnMut(&MockLogLine) + Send>;

/// One request the mock answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockLogLine {
    /// When the request arrived.
    pub time: DateTime<Utc>,
    pub method: String,
    /// The path as received, without the query string.
    pub path: String,
    /// The query string as received, without `?` (empty when there is none).
    pub query: String,
    pub status: u16,
    /// The example served; `None` when nothing matched (and the answer was a
    /// 404) or for a CORS preflight.
    pub example: Option<String>,
    /// The request item the example belongs to.
    pub item: Option<String>,
    /// A CORS preflight answered by the mock itself.
    pub preflight: bool,
    /// From the request's arrival to the response, `--delay` included.
    pub latency: Duration,
}

impl MockLogLine {
    /// The path with its query, as requested.
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// What `postie mock` prints: the time (UTC), the method, the path with its
    /// query, the example, the status and the latency:
    /// `2024-05-01T09:30:00.123Z GET /apps?x=1 → Get Apps (200) 0.4 ms`.
    pub fn detailed(&self) -> String {
        format!(
            "{} {} {} → {} ({}) {:.1} ms",
            self.time.format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            self.method,
            self.target(),
            self.answer(),
            self.status,
            self.latency.as_secs_f64() * 1000.0
        )
    }

    fn answer(&self) -> &str {
        match (&self.example, self.preflight) {
            (_, true) => "CORS preflight",
            (Some(name), false) => name,
            (None, false) => "no match",
        }
    }
}

impl fmt::Display for MockLogLine {
    /// The short form: `GET /apps → Get Apps (200)` or `GET /nope → no match (404)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} → {} ({})",
            self.method,
            self.path,
            self.answer(),
            self.status
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_detailed() {
        let mut line = MockLogLine {
            time: DateTime::parse_from_rfc3339("2024-05-01T09:30:00.123Z")
                .unwrap()
                .with_timezone(&Utc),
            method: "GET".into(),
            path: "/apps".into(),
            query: "x=1".into(),
            status: 200,
            example: Some("Get Apps".into()),
            item: None,
            preflight: false,
            latency: Duration::from_micros(1400),
        };
        assert_eq!(line.to_string(), "GET /apps → Get Apps (200)");
        assert_eq!(
            line.detailed(),
            "2024-05-01T09:30:00.123Z GET /apps?x=1 → Get Apps (200) 1.4 ms"
        );
        line.example = None;
        line.status = 404;
        assert_eq!(line.to_string(), "GET /apps → no match (404)");
    }
}

//! Network faults: what went wrong between postie and a server, in one line.
//!
//! Each message starts with the words newman (Node) uses for the fault, so a
//! search for `ECONNRESET` or `socket hang up` finds it in either tool's output,
//! and goes on with what newman leaves out: which host and port, how much of
//! the body had arrived, how long postie waited. No message holds the URL (its
//! query may carry a credential); the peer is `host:port`.
//!
//! The transport reports a [`Cause`] and how far the exchange had got; this
//! module turns the two into the request's error.

use super::types::RequestError;
use crate::setting::Setting;
use std::fmt;
use std::time::Duration;

/// Where an exchange had got to when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Connecting, TLS included, sending the request and waiting for the response head.
    Head,
    /// Reading the body.
    Body(Progress),
}

/// How much of a body had arrived: `received` bytes of the `declared` `Content-Length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub received: u64,
    pub declared: Option<u64>,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.declared {
            Some(total) => write!(f, "after {} of {total} body bytes", self.received),
            None => write!(f, "after {} body bytes", self.received),
        }
    }
}

/// A fault of the connection or of the server's answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    /// Closed before any response came (Node: `socket hang up`).
    #[error("socket hang up: {peer} closed the connection without answering")]
    HangUp { peer: String },
    /// Closed in the middle of the body (Node: `aborted`).
    #[error("aborted: {peer} closed the connection {progress}")]
    Aborted { peer: String, progress: Progress },
    /// A TCP reset (Node: `read ECONNRESET`).
    #[error("read ECONNRESET: {peer} reset the connection{}", after(.progress))]
    Reset {
        peer: String,
        progress: Option<Progress>,
    },
    /// The answer is not an HTTP response (Node: `Parse Error: …`).
    #[error("Parse Error: {peer} did not answer with HTTP ({detail})")]
    NotHttp { peer: String, detail: String },
    /// Nothing arrived for the request timeout (Node: `ESOCKETTIMEDOUT`).
    #[error("ESOCKETTIMEDOUT: {peer} sent {} for {ms} ms{} ({})", if .progress.is_some() { "nothing" } else { "no response" }, after(.progress), Setting::RequestTimeout)]
    Timeout {
        peer: String,
        ms: u64,
        progress: Option<Progress>,
    },
    /// The connection was not accepted within `--timeout-request` (Node: `ETIMEDOUT`):
    /// the host is down or a firewall drops the packets.
    #[error("ETIMEDOUT: {peer} did not accept the connection within {ms} ms (--timeout-request)")]
    ConnectTimeout { peer: String, ms: u64 },
    /// The name exists but could not be looked up now (Node: `getaddrinfo EAI_AGAIN`).
    #[error("getaddrinfo EAI_AGAIN {host}: temporary failure in name resolution")]
    DnsUnavailable { host: String },
    /// An `https` URL whose server speaks plain HTTP (Node: `write EPROTO … wrong version number`).
    #[error(
        "EPROTO: {peer} does not speak TLS; is the URL https:// where the server wants http://?"
    )]
    NotTls { peer: String },
    /// The server's certificate failed verification.
    #[error("untrusted certificate from {peer}: {reason}; {}", accept(.reason))]
    Untrusted { peer: String, reason: String },
}

/// How the user can accept the certificate: a CA they know of can be trusted;
/// anything else can only be let through.
fn accept(reason: &str) -> String {
    let skip = format!("skip the check with {}", Setting::Insecure);
    if reason.contains("UnknownIssuer") || reason.contains("CaUsedAsEndEntity") {
        format!("trust its CA with {}, or {skip}", Setting::ExtraCaCerts)
    } else {
        skip
    }
}

fn after(progress: &Option<Progress>) -> String {
    progress.map(|p| format!(" {p}")).unwrap_or_default()
}

impl Fault {
    /// Node's error code for the fault, for reports whose readers look at `code`.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Fault::HangUp { .. } | Fault::Aborted { .. } | Fault::Reset { .. } => {
                Some("ECONNRESET")
            }
            Fault::NotHttp { .. } => Some("HPE_INVALID_CONSTANT"),
            Fault::Timeout { .. } => Some("ESOCKETTIMEDOUT"),
            Fault::ConnectTimeout { .. } => Some("ETIMEDOUT"),
            Fault::DnsUnavailable { .. } => Some("EAI_AGAIN"),
            Fault::NotTls { .. } => Some("EPROTO"),
            Fault::Untrusted { .. } => None,
        }
    }

    /// Whether sending again may work: the server or the network may recover,
    /// while a wrong scheme or an untrusted certificate stays what it is.
    pub fn transient(&self) -> bool {
        !matches!(
            self,
            Fault::NotHttp { .. } | Fault::NotTls { .. } | Fault::Untrusted { .. }
        )
    }
}

/// The peer as messages name it: `host:port`.
pub fn peer(host: &str, port: u16) -> String {
    format!("{host}:{port}")
}

/// What the transport saw go wrong, before it is put in words.
#[derive(Debug)]
pub enum Cause {
    /// The system's error (TLS's too, which rustls reports as I/O errors).
    Io(std::io::Error),
    /// The TLS handshake failed.
    Tls(std::io::Error),
    /// The stream ended.
    Closed,
    /// The bytes are not an HTTP response: what the parser says of them.
    NotHttp(String),
    /// The response is HTTP but its body is framed wrongly.
    Framing(String),
    /// `--timeout-request` passed with nothing arriving.
    TimedOut(Duration),
    /// The body is longer than `--max-response-size`.
    TooLarge(u64),
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::Io(e) | Cause::Tls(e) => write!(f, "{e}"),
            Cause::Closed => f.write_str("socket hang up"),
            Cause::NotHttp(d) | Cause::Framing(d) => f.write_str(d),
            Cause::TimedOut(t) => write!(f, "nothing arrived for {} ms", t.as_millis()),
            Cause::TooLarge(limit) => write!(f, "response over {limit} bytes"),
        }
    }
}

/// The error for a failed exchange with `host:port`.
pub fn classify(cause: Cause, host: &str, port: u16, phase: Phase) -> RequestError {
    let peer = peer(host, port);
    let progress = match phase {
        Phase::Head => None,
        Phase::Body(p) => Some(p),
    };
    match cause {
        Cause::TimedOut(t) => timed_out(host, port, t, phase),
        Cause::TooLarge(limit) => RequestError::TooLarge {
            limit,
            declared: progress.and_then(|p| p.declared),
        },
        Cause::Closed => match progress {
            None => Fault::HangUp { peer }.into(),
            Some(progress) => Fault::Aborted { peer, progress }.into(),
        },
        Cause::NotHttp(detail) => Fault::NotHttp { peer, detail }.into(),
        Cause::Framing(detail) => RequestError::Other(format!("{peer}: {detail}")),
        Cause::Tls(e) => tls(&e, peer),
        Cause::Io(e) => {
            use std::io::ErrorKind::*;
            match e.kind() {
                ConnectionRefused => return RequestError::ConnectionRefused(peer),
                ConnectionReset | ConnectionAborted | BrokenPipe => {
                    return Fault::Reset { peer, progress }.into()
                }
                UnexpectedEof => {
                    return classify(Cause::Closed, host, port, phase);
                }
                _ => {}
            }
            if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
                return tls(&e, peer);
            }
            let lower = e.to_string().to_ascii_lowercase();
            let unknown = [
                "failed to lookup address",
                "name or service not known",
                "no address associated",
                "nodename nor servname",
            ];
            if lower.contains("temporary failure in name resolution") {
                Fault::DnsUnavailable {
                    host: host.to_string(),
                }
                .into()
            } else if unknown.iter().any(|u| lower.contains(u)) {
                RequestError::Dns(host.to_string())
            } else {
                RequestError::Other(format!("{peer}: {e}"))
            }
        }
    }
}

/// A TLS failure: an untrusted certificate, a server that does not speak TLS,
/// or whatever else rustls or the server's alert said.
fn tls(e: &std::io::Error, peer: String) -> RequestError {
    let text = e.to_string();
    if let Some(reason) = certificate_problem(&text) {
        return Fault::Untrusted { peer, reason }.into();
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("corrupt message") || lower.contains("invalidcontenttype") {
        return Fault::NotTls { peer }.into();
    }
    RequestError::Tls(format!("{peer}: {text}"))
}

/// The error for a connection not accepted within `--timeout-request`; a wait
/// after it was accepted (TLS included) is a socket timeout, as in Node.
pub fn connect_timed_out(host: &str, port: u16, timeout: Duration) -> RequestError {
    Fault::ConnectTimeout {
        peer: peer(host, port),
        ms: timeout.as_millis() as u64,
    }
    .into()
}

/// The error for `--timeout-request` passing with nothing received.
pub fn timed_out(host: &str, port: u16, timeout: Duration, phase: Phase) -> RequestError {
    Fault::Timeout {
        peer: peer(host, port),
        ms: timeout.as_millis() as u64,
        progress: match phase {
            Phase::Head => None,
            Phase::Body(p) => Some(p),
        },
    }
    .into()
}

/// The reason a certificate was refused, in words, from rustls's
/// `invalid peer certificate: <CertificateError>`.
fn certificate_problem(text: &str) -> Option<String> {
    let (_, rest) = text.split_once("invalid peer certificate: ")?;
    let name = rest.split(": ").next().unwrap_or(rest).trim();
    let words = match name {
        "UnknownIssuer" => "issued by an unknown certificate authority (UnknownIssuer)",
        "Expired" => "expired (Expired)",
        "NotValidYet" => "not valid yet (NotValidYet)",
        "BadSignature" => "bad signature (BadSignature)",
        "Revoked" => "revoked (Revoked)",
        n if n.contains("CaUsedAsEndEntity") => "self-signed (CaUsedAsEndEntity)",
        n if n.starts_with("NotValidForName") => "not issued for this host name (NotValidForName)",
        other => other,
    };
    Some(words.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_names_what_was_declared() {
        let p = Progress {
            received: 5,
            declared: Some(100),
        };
        assert_eq!(p.to_string(), "after 5 of 100 body bytes");
        let p = Progress {
            received: 5,
            declared: None,
        };
        assert_eq!(p.to_string(), "after 5 body bytes");
    }

    #[test]
    fn io_errors_decide_by_their_kind() {
        let io = |kind: std::io::ErrorKind| Cause::Io(kind.into());
        assert_eq!(
            classify(
                io(std::io::ErrorKind::ConnectionReset),
                "127.0.0.1",
                80,
                Phase::Head
            )
            .to_string(),
            "read ECONNRESET: 127.0.0.1:80 reset the connection"
        );
        assert_eq!(
            classify(
                io(std::io::ErrorKind::ConnectionRefused),
                "127.0.0.1",
                9,
                Phase::Head
            )
            .to_string(),
            "connect ECONNREFUSED 127.0.0.1:9"
        );
        let midway = Phase::Body(Progress {
            received: 3,
            declared: Some(10),
        });
        assert_eq!(
            classify(
                io(std::io::ErrorKind::ConnectionReset),
                "127.0.0.1",
                80,
                midway
            )
            .to_string(),
            "read ECONNRESET: 127.0.0.1:80 reset the connection after 3 of 10 body bytes"
        );
        let body = Phase::Body(Progress {
            received: 3,
            declared: None,
        });
        assert_eq!(
            classify(io(std::io::ErrorKind::UnexpectedEof), "h", 1, body).to_string(),
            "aborted: h:1 closed the connection after 3 body bytes"
        );
        assert_eq!(
            classify(Cause::Closed, "h", 1, Phase::Head).to_string(),
            "socket hang up: h:1 closed the connection without answering"
        );
        let lookup = std::io::Error::other(
            "failed to lookup address information: Name or service not known",
        );
        assert_eq!(
            classify(Cause::Io(lookup), "nothere.invalid", 80, Phase::Head).to_string(),
            "getaddrinfo ENOTFOUND nothere.invalid"
        );
    }

    #[test]
    fn a_body_over_the_limit_names_what_was_declared() {
        let body = Phase::Body(Progress {
            received: 0,
            declared: Some(11),
        });
        assert_eq!(
            classify(Cause::TooLarge(10), "h", 1, body).to_string(),
            "response body over 10 bytes, the maximum response size limit (Content-Length: 11); not read further"
        );
    }

    #[test]
    fn certificate_reasons_read_as_words() {
        assert_eq!(
            certificate_problem("invalid peer certificate: UnknownIssuer").as_deref(),
            Some("issued by an unknown certificate authority (UnknownIssuer)")
        );
        assert_eq!(
            certificate_problem(
                "x: invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))"
            )
            .as_deref(),
            Some("self-signed (CaUsedAsEndEntity)")
        );
        assert_eq!(certificate_problem("no certificate here"), None);
    }
}

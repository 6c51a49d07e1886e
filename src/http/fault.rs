//! Network faults: what went wrong between postie and a server, in one line.
//!
//! Each message starts with the words newman (Node) uses for the fault, so a
//! search for `ECONNRESET` or `socket hang up` finds it in either tool's output,
//! and goes on with what newman leaves out: which host and port, how much of
//! the body had arrived, how long postie waited. No message holds the URL (its
//! query may carry a credential); the peer is `host:port`.
//!
//! The classification reads the error's chain of sources for the I/O error and
//! hyper's own error, so it does not depend on the client library on top.

use super::types::RequestError;
use std::error::Error as StdError;
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
    /// Nothing arrived for `--timeout-request` (Node: `ESOCKETTIMEDOUT`).
    #[error("ESOCKETTIMEDOUT: {peer} sent {} for {ms} ms{} (--timeout-request)", if .progress.is_some() { "nothing" } else { "no response" }, after(.progress))]
    Timeout {
        peer: String,
        ms: u64,
        progress: Option<Progress>,
    },
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
fn accept(reason: &str) -> &'static str {
    if reason.contains("UnknownIssuer") || reason.contains("CaUsedAsEndEntity") {
        "trust its CA with --ssl-extra-ca-certs, or skip the check with -k"
    } else {
        "skip the check with -k"
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

/// The error for a failed exchange with `host:port`, from the error and its sources.
pub fn classify(
    error: &(dyn StdError + 'static),
    host: &str,
    port: u16,
    phase: Phase,
) -> RequestError {
    let peer = peer(host, port);
    let chain = Chain::of(error);
    let progress = match phase {
        Phase::Head => None,
        Phase::Body(p) => Some(p),
    };
    if let Some(kind) = chain.io_kind {
        use std::io::ErrorKind::*;
        match kind {
            ConnectionRefused => return RequestError::ConnectionRefused(peer),
            ConnectionReset | ConnectionAborted | BrokenPipe => {
                return Fault::Reset { peer, progress }.into()
            }
            _ => {}
        }
    }
    let lower = chain.text.to_ascii_lowercase();
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        return if lower.contains("temporary failure") {
            Fault::DnsUnavailable {
                host: host.to_string(),
            }
            .into()
        } else {
            RequestError::Dns(host.to_string())
        };
    }
    if let Some(detail) = certificate_problem(&chain.text) {
        return Fault::Untrusted {
            peer,
            reason: detail,
        }
        .into();
    }
    if lower.contains("corrupt message") || lower.contains("invalidcontenttype") {
        return Fault::NotTls { peer }.into();
    }
    if let Some(h) = &chain.hyper {
        if h.parse {
            return Fault::NotHttp {
                peer,
                detail: h.message.clone(),
            }
            .into();
        }
        if h.incomplete && progress.is_none() {
            return Fault::HangUp { peer }.into();
        }
    }
    if let Some(progress) = progress {
        if chain.io_kind == Some(std::io::ErrorKind::UnexpectedEof)
            || chain.hyper.as_ref().is_some_and(|h| h.incomplete)
        {
            return Fault::Aborted { peer, progress }.into();
        }
    }
    if lower.contains("tls") || lower.contains("handshake") || lower.contains("certificate") {
        return RequestError::Tls(format!("{peer}: {}", chain.last));
    }
    RequestError::Other(format!("{peer}: {}", chain.last))
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

/// What the sources of an error say.
struct Chain {
    /// Every message, outermost first, joined by `: `.
    text: String,
    /// The innermost message: the cause itself.
    last: String,
    io_kind: Option<std::io::ErrorKind>,
    hyper: Option<HyperFault>,
}

struct HyperFault {
    parse: bool,
    incomplete: bool,
    message: String,
}

impl Chain {
    fn of(error: &(dyn StdError + 'static)) -> Chain {
        let mut chain = Chain {
            text: String::new(),
            last: String::new(),
            io_kind: None,
            hyper: None,
        };
        let mut source = Some(error);
        while let Some(e) = source {
            let message = e.to_string();
            if !chain.text.is_empty() {
                chain.text.push_str(": ");
            }
            chain.text.push_str(&message);
            chain.last = message;
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                // The innermost I/O error is the one the system reported.
                chain.io_kind = Some(io.kind());
            }
            if let Some(h) = e.downcast_ref::<hyper::Error>() {
                if chain.hyper.is_none() {
                    chain.hyper = Some(HyperFault {
                        parse: h.is_parse() || h.is_parse_too_large() || h.is_parse_status(),
                        incomplete: h.is_incomplete_message(),
                        message: e.to_string(),
                    });
                }
            }
            source = e.source();
        }
        chain
    }
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
    fn io_errors_deep_in_the_chain_decide() {
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("client error (SendRequest)")
            }
        }
        impl StdError for Outer {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let reset = Outer(std::io::ErrorKind::ConnectionReset.into());
        assert_eq!(
            classify(&reset, "127.0.0.1", 80, Phase::Head).to_string(),
            "read ECONNRESET: 127.0.0.1:80 reset the connection"
        );
        let refused = Outer(std::io::ErrorKind::ConnectionRefused.into());
        assert_eq!(
            classify(&refused, "127.0.0.1", 9, Phase::Head).to_string(),
            "connect ECONNREFUSED 127.0.0.1:9"
        );
        let reset = Outer(std::io::ErrorKind::ConnectionReset.into());
        let midway = Phase::Body(Progress {
            received: 3,
            declared: Some(10),
        });
        assert_eq!(
            classify(&reset, "127.0.0.1", 80, midway).to_string(),
            "read ECONNRESET: 127.0.0.1:80 reset the connection after 3 of 10 body bytes"
        );
        let eof = Outer(std::io::ErrorKind::UnexpectedEof.into());
        let body = Phase::Body(Progress {
            received: 3,
            declared: None,
        });
        assert_eq!(
            classify(&eof, "h", 1, body).to_string(),
            "aborted: h:1 closed the connection after 3 body bytes"
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

//! The auths that answer the server's challenge by sending the request again:
//! digest without a nonce (one challenge, one answer) and NTLM (negotiate, then
//! the answer to the server's challenge). What to send next is decided here,
//! from each answer's status and `WWW-Authenticate` values; the client does the
//! sending ([`crate::http::handshake`]), so every round trip can be reported.

use super::digest::{self, DigestParams};
use super::ntlm;

/// How many times postman-runtime sends a request again for its auth
/// (`MAX_REPLAY_COUNT` of its replay controller).
pub const MAX_REPLAYS: usize = 3;

/// An auth that may need more than one round trip, with how far it got.
#[derive(Debug, Clone)]
pub enum Handshake {
    /// Digest: a challenge is answered while it says something the
    /// parameters do not hold yet (in practice once: nonce and realm).
    Digest {
        params: DigestParams,
        replays: usize,
    },
    /// NTLM: the negotiate message, then the authenticate message.
    Ntlm {
        credentials: ntlm::Credentials,
        step: NtlmStep,
    },
}

/// Where an NTLM handshake is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NtlmStep {
    /// Nothing sent yet but the request without auth.
    Start,
    /// The negotiate message (type 1) went out.
    Negotiated,
    /// The authenticate message (type 3) went out, or the handshake stopped.
    Done,
}

/// What the request that got an answer was, as a challenge's answer needs it.
pub struct Sent<'a> {
    pub method: &'a str,
    /// Path and query, as digest signs them.
    pub uri: &'a str,
    pub body: &'a [u8],
}

impl Handshake {
    pub fn digest(params: DigestParams) -> Self {
        Handshake::Digest { params, replays: 0 }
    }

    pub fn ntlm(credentials: ntlm::Credentials) -> Self {
        Handshake::Ntlm {
            credentials,
            step: NtlmStep::Start,
        }
    }

    /// The `Authorization` value to send the request again with after an
    /// answer with status `code` and these `WWW-Authenticate` values, or
    /// `None` when that answer ends the handshake (it is the request's answer).
    pub fn next(&mut self, sent: &Sent<'_>, code: u16, challenges: &[&str]) -> Option<String> {
        let denied = code == 401 || code == 403;
        match self {
            Handshake::Digest { params, replays } => {
                if !denied || *replays >= MAX_REPLAYS {
                    return None;
                }
                // postman-runtime reads the first challenge only.
                if !digest::take_challenge(params, challenges.first()?) {
                    return None;
                }
                *replays += 1;
                digest::header(params, sent.method, sent.uri, sent.body)
                    .ok()
                    .flatten()
            }
            Handshake::Ntlm { credentials, step } => match *step {
                NtlmStep::Start => {
                    *step = NtlmStep::Done;
                    let asks = challenges
                        .iter()
                        .any(|v| v.contains("NTLM") || v.trim() == "Negotiate");
                    if !denied || !asks {
                        return None;
                    }
                    *step = NtlmStep::Negotiated;
                    Some(ntlm::type1(credentials))
                }
                NtlmStep::Negotiated => {
                    *step = NtlmStep::Done;
                    if !denied {
                        return None;
                    }
                    let (challenge, flags) = challenges
                        .iter()
                        .find(|v| v.starts_with("NTLM "))
                        .and_then(|v| ntlm::parse_type2(v))?;
                    ntlm::type3(credentials, &challenge, flags)
                }
                NtlmStep::Done => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET: Sent<'static> = Sent {
        method: "GET",
        uri: "/x",
        body: b"",
    };

    #[test]
    fn digest_answers_a_challenge_while_it_says_something_new() {
        let mut h = Handshake::digest(vec![
            ("username".into(), "u".into()),
            ("password".into(), "p".into()),
        ]);
        let challenge = "Digest realm=\"r\", nonce=\"n\"";
        assert_eq!(h.next(&GET, 200, &[challenge]), None);
        let answer = h.next(&GET, 401, &[challenge]).expect("an answer");
        assert!(answer.starts_with("Digest username=\"u\""), "{answer}");
        // Refused again with nothing new: that answer is the request's answer.
        assert_eq!(h.next(&GET, 401, &[challenge]), None);
        // A challenge that adds something is answered again.
        let more = "Digest realm=\"r\", nonce=\"n\", opaque=\"o\"";
        let again = h.next(&GET, 401, &[more]).expect("a second answer");
        assert!(again.contains("opaque=\"o\""), "{again}");
    }

    #[test]
    fn ntlm_negotiates_then_answers_the_challenge() {
        let mut h = Handshake::ntlm(ntlm::Credentials::new("u", "p", "D", "W"));
        let first = h.next(&GET, 401, &["NTLM"]).expect("negotiate");
        assert!(first.starts_with("NTLM "));
        let type2 = "NTLM TlRMTVNTUAACAAAAAAAAACgAAAAFAgAAASNFZ4mrze8AAAAAAAAAAA==";
        let third = h.next(&GET, 401, &[type2]).expect("authenticate");
        assert_ne!(first, third);
        assert_eq!(h.next(&GET, 401, &[type2]), None);
    }

    #[test]
    fn ntlm_stops_when_the_server_does_not_ask_for_it() {
        let mut h = Handshake::ntlm(ntlm::Credentials::new("u", "p", "D", "W"));
        assert_eq!(h.next(&GET, 401, &["Basic realm=\"r\""]), None);
        assert_eq!(h.next(&GET, 401, &["NTLM"]), None);
    }
}

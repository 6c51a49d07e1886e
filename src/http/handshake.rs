//! Sending a request whose auth answers the server's challenge (digest, NTLM):
//! the request goes out again with each answer, and every round trip before
//! the last comes back with the result, because newman counts, prints and
//! reports each of them as a request of its own.

use super::client::{parse_url, HttpClient};
use super::types::*;
use crate::request::auth::handshake::Sent;
use crate::request::auth::Handshake;

/// A request of an auth handshake and the answer that made the client send
/// it again (a digest challenge, an NTLM negotiation step).
#[derive(Debug, Clone)]
pub struct RoundTrip {
    pub request: HttpRequest,
    pub response: HttpResponse,
}

/// What sending a request with its handshake gave.
#[derive(Debug)]
pub struct Answered {
    /// The round trips before the last request, in order.
    pub round_trips: Vec<RoundTrip>,
    /// The last request, as sent (with the handshake's `Authorization`).
    pub request: HttpRequest,
    /// Its answer, or why there is none.
    pub result: Result<HttpResponse, RequestError>,
}

impl HttpClient {
    /// Sends `request`, and again with each answer `handshake` gives to a
    /// response (none without a handshake).
    pub fn send_answering(
        &mut self,
        request: &HttpRequest,
        mut handshake: Option<Handshake>,
    ) -> Answered {
        let mut round_trips = Vec::new();
        let mut current = request.clone();
        loop {
            let response = match self.send(&current) {
                Ok(r) => r,
                Err(e) => return answered(round_trips, current, Err(e)),
            };
            let Some(h) = handshake.as_mut() else {
                return answered(round_trips, current, Ok(response));
            };
            let next = match again_with(h, &current, &response) {
                Ok(Some(value)) => value,
                Ok(None) => return answered(round_trips, current, Ok(response)),
                Err(e) => return answered(round_trips, current, Err(e)),
            };
            let mut again = current.clone();
            again
                .headers
                .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
            again.headers.push(("Authorization".into(), next));
            round_trips.push(RoundTrip {
                request: std::mem::replace(&mut current, again),
                response,
            });
        }
    }
}

fn answered(
    round_trips: Vec<RoundTrip>,
    request: HttpRequest,
    result: Result<HttpResponse, RequestError>,
) -> Answered {
    Answered {
        round_trips,
        request,
        result,
    }
}

/// The `Authorization` value the handshake answers `response` with.
fn again_with(
    handshake: &mut Handshake,
    request: &HttpRequest,
    response: &HttpResponse,
) -> Result<Option<String>, RequestError> {
    let url = parse_url(&request.url)?;
    let uri = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let challenges: Vec<&str> = response
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("www-authenticate"))
        .map(|(_, v)| v.as_str())
        .collect();
    let sent = Sent {
        method: &request.method,
        uri: &uri,
        body: request.body.as_deref().unwrap_or_default(),
    };
    Ok(handshake.next(&sent, response.code, &challenges))
}

//! What can be sent at all: the rules the HTTP client applies, stated once, so that
//! an export refuses exactly what a run refuses.

use super::spec::RequestSpec;

/// Why a request cannot be sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("invalid method '{0}'")]
    Method(String),
    /// Worded as newman (Node) words it, so a search for either finds it.
    #[error("Header name must be a valid HTTP token [\"{0}\"]")]
    HeaderName(String),
    #[error("Invalid character in header content [\"{0}\"]")]
    HeaderValue(String),
    #[error(transparent)]
    Url(#[from] super::url::UrlError),
}

/// A token (RFC 9110, 5.6.2): what a method and a header name are made of.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

pub fn method(m: &str) -> Result<(), Refusal> {
    if is_token(m) {
        Ok(())
    } else {
        Err(Refusal::Method(m.to_string()))
    }
}

/// A header line: a token for a name, and a value without control characters
/// (a tab excepted), so that no value can end the line and start another. As in
/// Node, a value is written in Latin-1: a character past U+00FF cannot be sent.
pub fn header(name: &str, value: &str) -> Result<(), Refusal> {
    if !is_token(name) {
        return Err(Refusal::HeaderName(name.to_string()));
    }
    let sendable =
        |c: char| c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c);
    if !value.chars().all(sendable) {
        return Err(Refusal::HeaderValue(name.to_string()));
    }
    Ok(())
}

impl RequestSpec {
    /// Why the client would refuse to send this request, if it would. The URL is
    /// checked too unless `url` is false (an export of a URL that still holds
    /// unresolved `{{variables}}`).
    pub fn check(&self, url: bool) -> Result<(), Refusal> {
        method(&self.method.value())?;
        for h in &self.headers {
            header(&h.name.value(), &h.value.value())?;
        }
        if url {
            self.url.parsed()?;
        }
        Ok(())
    }
}

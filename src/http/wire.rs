//! The structured request written as the bytes that go over the wire.

use super::types::HttpRequest;
use crate::request::{body::form_encode, BodySpec, HeaderOrigin, PartContent, RequestSpec};

impl From<&RequestSpec> for HttpRequest {
    /// The headers go out as newman 6.2.2 sends them: the request's own, the auth's
    /// and a raw body's content type, then newman's system headers (those the request
    /// does not set itself nor `disabledSystemHeaders` turns off), then the
    /// `Authorization` of `user:password@` in the URL, the content type of a form
    /// body and the body's length. postie's default headers in the spec (what an
    /// export writes) make way for the system headers.
    fn from(spec: &RequestSpec) -> HttpRequest {
        // Only a multipart body has a boundary; drawing one for every request
        // cost a random string per request.
        let boundary = match spec.body {
            BodySpec::Multipart(_) => random_boundary(),
            _ => String::new(),
        };
        let form = matches!(spec.body, BodySpec::Multipart(_) | BodySpec::UrlEncoded(_));
        let file = matches!(spec.body, BodySpec::File(_));
        let disabled = |name: &str| {
            spec.settings
                .disabled_system_headers
                .iter()
                .any(|d| d.eq_ignore_ascii_case(name))
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut late_content_type = None;
        let mut user_agent = crate::request::user_agent();
        let mut url_credentials = None;
        let mut own_headers = Vec::new();
        for h in &spec.headers {
            let name = h.name.value();
            let mut value = h.value.value();
            match h.origin {
                HeaderOrigin::Default => {
                    if name.eq_ignore_ascii_case("user-agent") {
                        user_agent = value;
                    }
                    continue;
                }
                HeaderOrigin::Body => {
                    if disabled("content-type") {
                        continue;
                    }
                    if matches!(spec.body, BodySpec::Multipart(_)) {
                        value = format!("multipart/form-data; boundary={boundary}");
                    }
                    if form || file {
                        // The HTTP library adds a form's type last, after the system
                        // headers (a streamed file's even after its length).
                        late_content_type = Some((name, value));
                        continue;
                    }
                }
                HeaderOrigin::UrlCredentials => {
                    url_credentials = Some((name, value));
                    continue;
                }
                HeaderOrigin::Written => own_headers.push(name.clone()),
                HeaderOrigin::Auth => {}
            }
            headers.push((name, value));
        }
        let url = spec.url.text.value();
        let host = super::client::parse_url(&url)
            .ok()
            .map(|u| super::client::host_header(&u));
        let system = [
            ("User-Agent", Some(user_agent)),
            ("Accept", Some("*/*".to_string())),
            ("Cache-Control", Some("no-cache".to_string())),
            ("Postman-Token", Some(crate::uuid_v4::new().to_string())),
            ("Host", host),
            ("Accept-Encoding", Some("gzip, deflate, br".to_string())),
            ("Connection", Some("keep-alive".to_string())),
        ];
        for (name, value) in system {
            let set = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name));
            if let (false, false, Some(value)) = (set, disabled(name), value) {
                headers.push((name.to_string(), value));
            }
        }
        headers.extend(url_credentials);
        if !file {
            headers.extend(late_content_type.take());
        }
        let body = body_bytes(&spec.body, &boundary);
        let has_length = headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-length"));
        // The length frames the body, so it is sent even when `disabledSystemHeaders`
        // names it (newman then sends a body the server cannot delimit).
        if let (Some(b), false) = (&body, has_length) {
            headers.push(("Content-Length".into(), b.len().to_string()));
        }
        headers.extend(late_content_type);
        HttpRequest {
            method: spec.method.value(),
            url,
            headers,
            body,
            own_headers,
            streamed_body: matches!(spec.body, BodySpec::Multipart(_) | BodySpec::File(_)),
            settings: spec.settings.clone(),
        }
    }
}

fn random_boundary() -> String {
    use rand::Rng;
    let mut r = rand::thread_rng();
    let digits: String = (0..24)
        .map(|_| char::from(b'0' + r.gen_range(0..10)))
        .collect();
    format!("--------------------------{digits}")
}

/// A name or file name inside `Content-Disposition`: quotes and line breaks
/// percent-encoded, as browsers (and curl) write them.
fn disposition(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The body's bytes. Files must have been read ([`crate::request::build`]).
pub fn body_bytes(body: &BodySpec, boundary: &str) -> Option<Vec<u8>> {
    Some(match body {
        BodySpec::None => return None,
        BodySpec::Empty => Vec::new(),
        BodySpec::Raw(t) => t.value().into_bytes(),
        BodySpec::UrlEncoded(pairs) => pairs
            .iter()
            .map(|(k, v)| format!("{}={}", form_encode(&k.value()), form_encode(&v.value())))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes(),
        BodySpec::File(f) => f.contents.clone().unwrap_or_default(),
        BodySpec::GraphQl {
            query,
            variables,
            operation_name,
        } => BodySpec::graphql_json(query.as_ref(), operation_name.as_ref(), variables.as_ref())
            .value()
            .into_bytes(),
        BodySpec::Multipart(parts) => {
            let mut out = Vec::new();
            for p in parts {
                let name = disposition(&p.name.value());
                match &p.content {
                    PartContent::File(f) => {
                        out.extend_from_slice(
                            format!(
                                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                                disposition(&f.file_name),
                                p.content_type.as_deref().unwrap_or("application/octet-stream")
                            )
                            .as_bytes(),
                        );
                        out.extend_from_slice(f.contents.as_deref().unwrap_or_default());
                    }
                    PartContent::Text(t) => {
                        out.extend_from_slice(
                            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n")
                                .as_bytes(),
                        );
                        if let Some(ct) = &p.content_type {
                            out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
                        }
                        out.extend_from_slice(b"\r\n");
                        out.extend_from_slice(t.value().as_bytes());
                    }
                }
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            out
        }
    })
}

impl HttpRequest {
    /// The request as a test script sees it (`pm.request` after sending): the URL,
    /// method and headers that were sent, a raw body as resolved.
    pub fn as_sent(&self, original: &crate::collection::Request) -> crate::collection::Request {
        // The original's URL and headers are replaced: not copied first.
        let mut r = crate::collection::Request {
            url: crate::collection::Url {
                was_string: false,
                ..crate::collection::Url::parse(&self.url)
            },
            method: self.method.clone(),
            header: self
                .headers
                .iter()
                .map(|(k, v)| crate::collection::Header {
                    key: k.clone(),
                    value: v.clone(),
                    ..Default::default()
                })
                .collect(),
            body: original.body.clone(),
            auth: original.auth.clone(),
            description: original.description.clone(),
            proxy: original.proxy.clone(),
            certificate: original.certificate.clone(),
        };
        if let (Some(body), Some(bytes)) = (r.body.as_mut(), self.body.as_ref()) {
            if body.mode.as_deref() == Some("raw") {
                body.raw = Some(String::from_utf8_lossy(bytes).into_owned());
            }
        }
        r
    }
}

//! The endpoints the compat cases need beyond the shared httpbin-like routes, which
//! answer everything else.
//!
//! | path | answer |
//! |---|---|
//! | `/compressed/gzip`, `/compressed/deflate`, `/compressed/br` | the JSON echo, always compressed that way (asked for or not) |
//! | `/compressed/negotiate` | the echo compressed with the first of br, gzip, deflate that `Accept-Encoding` offers, else plain |
//! | `/digest-auth` | 401 with a fixed `Digest` challenge unless the request carries `Authorization: Digest …` |
//! | `/basic-auth` | 401 with a `Basic` challenge unless the request carries `Authorization` |
//! | `/ntlm` | the NTLM handshake: 401 `NTLM`, then a fixed type 2 challenge, then the echo |
//! | `/cookies/attrs` | `Set-Cookie`s with paths, an expired cookie and `HttpOnly` |
//! | `/cookies/redirect?to=U` | a 302 to U that also sets a cookie |
//! | `/xml` | a small XML document |
//! | `/html` | a small HTML page |
//! | `/json?…` | JSON built from the query: `a=1&b=x` gives `{"a":"1","b":"x"}` |
//! | `/empty` | 200 with an empty body |
//! | `/no-content` | 204 |
//! | `/…/redirect-to?url=U` | a 302 to U from any depth (relative locations) |
//! | `/fault/close` | the connection closed without an answer |
//! | `/fault/cut` | a head with `Content-Length: 100`, 5 bytes of body, then the connection closed |
//! | `/fault/garbage` | `this is not http`, then the connection closed |
//! | `/fault/hang` | no answer until the run's server is dropped |
//! | `/fault/stall` | the head and 3 of 10 body bytes, then nothing until the server is dropped |
//!
//! A HEAD request gets the headers of the answer and no body.

use crate::support::server::{echo, routes, Behaviour, Received, Reply};
use std::io::Write;

pub fn handle(r: &Received) -> Reply {
    let reply = answer(r);
    if r.method.eq_ignore_ascii_case("HEAD") {
        // A HEAD answer has the headers of a GET and no body.
        let length = reply.body.len().to_string();
        let mut head = reply.header("Content-Length", &length);
        head.body.clear();
        return head;
    }
    reply
}

fn answer(r: &Received) -> Reply {
    let path = r.path();
    let body = || echo(r).to_string().into_bytes();
    match path {
        "/compressed/gzip" => compressed(body(), "gzip"),
        "/compressed/deflate" => compressed(body(), "deflate"),
        "/compressed/br" => compressed(body(), "br"),
        "/compressed/negotiate" => {
            let offered = r.header("accept-encoding").unwrap_or("").to_ascii_lowercase();
            let offers = |e: &str| offered.split(',').any(|o| o.trim().starts_with(e));
            match ["br", "gzip", "deflate"].into_iter().find(|e| offers(e)) {
                Some(e) => compressed(body(), e),
                None => Reply::bytes(200, "application/json", body()),
            }
        }
        "/digest-auth" => match r.header("authorization") {
            Some(a) if a.starts_with("Digest ") => Reply::json(200, echo(r)),
            _ => Reply::json(401, echo(r)).header(
                "WWW-Authenticate",
                "Digest realm=\"compat@postie\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5",
            ),
        },
        "/basic-auth" => match r.header("authorization") {
            Some(_) => Reply::json(200, echo(r)),
            None => Reply::json(401, echo(r)).header("WWW-Authenticate", "Basic realm=\"compat\""),
        },
        "/ntlm" => {
            let auth = r.header("authorization").unwrap_or("");
            if let Some(msg) = auth.strip_prefix("NTLM ") {
                use base64::Engine;
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(msg.trim())
                    .unwrap_or_default();
                let kind = decoded.get(8).copied().unwrap_or(0);
                if kind == 1 {
                    return Reply::json(401, echo(r))
                        .header("WWW-Authenticate", &format!("NTLM {NTLM_CHALLENGE}"));
                }
                return Reply::json(200, echo(r));
            }
            Reply::json(401, echo(r)).header("WWW-Authenticate", "NTLM")
        }
        "/cookies/attrs" => Reply::json(200, echo(r))
            .header("Set-Cookie", "root=1; Path=/")
            .header("Set-Cookie", "scoped=2; Path=/cookies/scoped")
            .header("Set-Cookie", "secret=3; Path=/; HttpOnly")
            .header("Set-Cookie", "gone=4; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
            .header("Set-Cookie", "spaced=\"a b\"; Path=/"),
        "/cookies/redirect" => {
            let to = r
                .query_pairs()
                .into_iter()
                .find(|(k, _)| k == "to")
                .map(|(_, v)| v)
                .unwrap_or_else(|| "/get".into());
            Reply::new(302)
                .header("Set-Cookie", "during_redirect=yes; Path=/")
                .header("Location", &to)
        }
        "/xml" => Reply::bytes(
            200,
            "application/xml",
            b"<?xml version=\"1.0\"?><root><item id=\"1\">one</item><item id=\"2\">two</item><empty/></root>".to_vec(),
        ),
        "/html" => Reply::bytes(
            200,
            "text/html; charset=utf-8",
            b"<!doctype html><html><head><title>Compat</title></head><body><p class=\"x\">Hello</p></body></html>".to_vec(),
        ),
        "/json" => {
            let map: serde_json::Map<String, serde_json::Value> = r
                .query_pairs()
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect();
            Reply::json(200, serde_json::Value::Object(map))
        }
        "/fault/close" => Reply::new(0).behave(Behaviour::Close),
        "/fault/cut" => Reply::raw(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nhello",
        ),
        "/fault/garbage" => Reply::raw(b"this is not http\r\n\r\n"),
        "/fault/hang" => Reply::hang(),
        "/fault/stall" => {
            Reply::text(200, "0123456789").behave(Behaviour::Stall { body_bytes: 3 })
        }
        // Status lines whose reason phrase is the server's own, or missing.
        "/reason/own" => Reply::raw(
            b"HTTP/1.1 200 Fine Thanks\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}",
        ),
        "/reason/teapot" => Reply::raw(
            b"HTTP/1.1 418 Short And Stout\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        ),
        "/reason/none" => {
            Reply::raw(b"HTTP/1.1 404 \r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        }
        "/empty" => Reply::bytes(200, "text/plain", Vec::new()),
        "/no-content" => Reply::new(204),
        // `/a/b/redirect-to?url=../x`: a redirect from a deeper path, for relative locations.
        p if p.ends_with("/redirect-to") => {
            let to = r
                .query_pairs()
                .into_iter()
                .find(|(k, _)| k == "url")
                .map(|(_, v)| v)
                .unwrap_or_else(|| "/".into());
            Reply::new(302).header("Location", &to)
        }
        _ => routes(r),
    }
}

/// A type 2 message with a fixed server challenge, no target information and no
/// extended security, so the type 3 answer is deterministic (NTLMv1).
const NTLM_CHALLENGE: &str = "TlRMTVNTUAACAAAAAAAAACgAAAAFAgAAASNFZ4mrze8AAAAAAAAAAA==";

fn compressed(body: Vec<u8>, encoding: &str) -> Reply {
    let data = match encoding {
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&body).unwrap();
            e.finish().unwrap()
        }
        "deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&body).unwrap();
            e.finish().unwrap()
        }
        _ => {
            let mut out = Vec::new();
            {
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                w.write_all(&body).unwrap();
            }
            out
        }
    };
    Reply::bytes(200, "application/json", data).header("Content-Encoding", encoding)
}

//! The test support checked on its own: the recording server keeps what went over
//! the wire, `.expect(n)` fails a test whose server was not called as intended, and
//! the shared-material helper skips or fails as documented.

mod support;

use std::path::{Path, PathBuf};
use support::server::{Reply, TestServer};
use support::{beside_the_checkout, lookup, required_from, settle, shared_dir_from, Lookup};

fn exchange(server: &TestServer, bytes: &[u8]) -> Vec<u8> {
    support::client::exchange(&server.base, bytes)
}

#[test]
fn raw_bytes_header_case_and_duplicates_are_kept() {
    let server = TestServer::start(|_| Reply::text(200, "ok")).expect(1);
    let request = b"POST /a/b?c=1&c=2 HTTP/1.1\r\nHost: x\r\nX-MiXeD: one\r\nx-mixed: two\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";
    let reply = exchange(&server, request);
    assert_eq!(
        String::from_utf8(reply).unwrap(),
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
    );
    let r = &server.requests()[0];
    assert_eq!(r.raw, request);
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        ("POST", "/a/b?c=1&c=2")
    );
    assert_eq!((r.path(), r.query()), ("/a/b", "c=1&c=2"));
    assert_eq!(
        r.headers,
        [
            ("Host", "x"),
            ("X-MiXeD", "one"),
            ("x-mixed", "two"),
            ("Content-Length", "3"),
            ("Connection", "close"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(r.headers_named("X-Mixed"), ["one", "two"]);
    assert_eq!(r.body, b"abc");
}

#[test]
fn chunked_bodies_are_joined_and_their_framing_kept_in_raw() {
    let server = TestServer::start(|r| Reply::text(200, &r.text())).expect(1);
    let request = b"PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
    let reply = exchange(&server, request);
    assert!(
        reply.ends_with(b"\r\n\r\nhello world"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    let r = &server.requests()[0];
    assert_eq!(r.body, b"hello world");
    assert_eq!(r.raw, request);
}

#[test]
fn requests_on_one_connection_share_its_number() {
    let server = TestServer::routes().expect(3);
    let two = b"GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\nGET /text?body=hi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let reply = String::from_utf8(exchange(&server, two)).unwrap();
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n"), "{reply}");
    assert!(reply.ends_with("\r\n\r\nhi"), "{reply}");
    exchange(&server, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    let connections: Vec<usize> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 0, 1]);
}

#[test]
fn a_raw_reply_is_sent_byte_for_byte() {
    let server = TestServer::start(|_| Reply::raw(b"HTTP/1.1 299 Odd\r\nx-case: Kept\r\n\r\nrest"))
        .expect(1);
    let reply = exchange(&server, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(reply, b"HTTP/1.1 299 Odd\r\nx-case: Kept\r\n\r\nrest");
}

#[test]
fn expect_passes_when_exactly_n_requests_arrived() {
    let server = TestServer::routes().expect(2);
    for _ in 0..2 {
        let r = support::client::get(&server.base, "/status/204");
        assert_eq!(r.status, 204);
    }
    drop(server);
}

#[test]
#[should_panic(expected = "the test server expected 1 requests and received 0")]
fn expect_fails_on_drop_when_the_server_was_not_called() {
    let _server = TestServer::routes().expect(1);
}

#[test]
#[should_panic(expected = "the test server expected 0 requests and received 1")]
fn expect_fails_on_drop_when_the_server_was_called_too_often() {
    let server = TestServer::routes().expect(0);
    support::client::get(&server.base, "/");
}

// The shared-material helper: found, skipped, or failed under POSTIE_REQUIRE_SHARED=1.

#[test]
fn a_prerequisite_that_is_there_is_used_required_or_not() {
    for required in [false, true] {
        let found = lookup(Some(PathBuf::from("/x")), "thing", "hint", "t", required);
        assert_eq!(found, Lookup::Found(PathBuf::from("/x")));
        assert_eq!(settle(found), Some(PathBuf::from("/x")));
    }
}

#[test]
fn a_missing_prerequisite_skips_with_a_line_naming_it_and_the_test() {
    let skipped = lookup(
        None,
        "official ForgeRock collection",
        "set POSTIE_SHARED",
        "my_test",
        false,
    );
    assert_eq!(
        skipped,
        Lookup::Skip(
            "skipped: official ForgeRock collection not found (set POSTIE_SHARED): my_test".into()
        )
    );
    let mut printed = Vec::new();
    assert_eq!(support::settle_to(skipped, &mut printed), None);
    assert_eq!(
        String::from_utf8(printed).unwrap(),
        "\nskipped: official ForgeRock collection not found (set POSTIE_SHARED): my_test\n"
    );
}

#[test]
fn a_missing_prerequisite_fails_when_required() {
    let failed = lookup(None, "zsh", ".ci/run installs it", "my_test", true);
    assert_eq!(
        failed,
        Lookup::Fail(
            "skipped: zsh not found (.ci/run installs it): my_test; POSTIE_REQUIRE_SHARED=1 makes this a failure"
                .into()
        )
    );
}

#[test]
#[should_panic(expected = "POSTIE_REQUIRE_SHARED=1 makes this a failure")]
fn a_required_prerequisite_that_is_missing_panics() {
    settle(lookup(None, "zsh", "hint", "my_test", true));
}

#[test]
fn only_postie_require_shared_1_requires() {
    assert!(required_from(Some("1")));
    for other in [None, Some(""), Some("0"), Some("true"), Some("yes")] {
        assert!(!required_from(other), "{other:?}");
    }
}

#[test]
fn postie_shared_points_at_the_material_else_beside_the_checkout() {
    assert_eq!(
        shared_dir_from(Some("/somewhere/shared".into())),
        PathBuf::from("/somewhere/shared")
    );
    let beside = beside_the_checkout();
    assert_eq!(
        beside.parent(),
        Path::new(env!("CARGO_MANIFEST_DIR")).parent()
    );
    assert_eq!(beside.file_name().unwrap(), "shared");
    assert_eq!(shared_dir_from(None), beside);
    assert_eq!(shared_dir_from(Some("".into())), beside);
}

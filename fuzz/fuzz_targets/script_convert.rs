//! XML and JSON conversion in the sandbox: a test script reads the response body
//! (the input) with `xml2Json`, `require('xml2js')`, `JSON.parse` and
//! `pm.response.json()`, hands the results to Rust (`pm.environment.set`) and
//! prints them (`console.log`). Script errors are fine; a crash, an abort or a
//! hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postie::collection::Request;
use postie::http::{CookieData, HttpResponse};
use postie::script::{Sandbox, SandboxOptions, ScriptHost, ScriptInfo, ScriptKind, ScriptRun};
use postie::vars::Scopes;
use std::cell::RefCell;
use std::time::Duration;

const SCRIPT: &str = r#"
var out = {};
try { out.x = xml2Json(responseBody); } catch (e) { out.xe = String(e); }
try { require('xml2js').parseString(responseBody, function (err, r) { out.y = err ? String(err) : r; }); } catch (e) { out.ye = String(e); }
try { out.j = JSON.parse(responseBody); } catch (e) { out.je = String(e); }
try { out.p = pm.response.json(); } catch (e) { out.pe = String(e); }
try { pm.environment.set('x', out.x); pm.environment.set('j', out.j); pm.environment.set('y', out.y); } catch (e) {}
try { pm.environment.set('s', JSON.stringify(out)); } catch (e) {}
try { console.log(out.x, out.j); } catch (e) {}
"#;

struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(&mut self, _: &Request) -> Result<HttpResponse, String> {
        Err("no network while fuzzing".into())
    }
    fn cookies(&self, _: &str) -> Vec<CookieData> {
        Vec::new()
    }
    fn set_cookie(&mut self, _: &str, _: CookieData) -> Result<(), String> {
        Ok(())
    }
    fn unset_cookie(&mut self, _: &str, _: &str) {}
    fn clear_cookies(&mut self, _: &str) {}
}

thread_local! {
    static SANDBOX: RefCell<Sandbox> = RefCell::new({
        let mut s = Sandbox::new(SandboxOptions {
            timeout: Some(Duration::from_secs(5)),
            memory_limit: 64 * 1024 * 1024,
        });
        s.reuse_context(true);
        s
    });
}

fuzz_target!(|data: &[u8]| {
    let response = HttpResponse {
        code: 200,
        status: "OK".into(),
        headers: vec![("Content-Type".into(), "application/xml".into())],
        body: data.to_vec(),
        ..Default::default()
    };
    let info = ScriptInfo {
        iteration_count: 1,
        request_name: "fuzz".into(),
        request_id: "1".into(),
        ..Default::default()
    };
    let mut scopes = Scopes::default();
    let mut request = Request::default();
    SANDBOX.with(|s| {
        let _ = s.borrow_mut().run(ScriptRun {
            kind: ScriptKind::Test,
            source: SCRIPT,
            origin: "fuzz",
            info: &info,
            scopes: &mut scopes,
            request: &mut request,
            response: Some(&response),
            host: &mut NoHost,
        });
    });
});

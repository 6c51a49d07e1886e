//! The run's cookie jar, readable and writable in newman's (tough-cookie) file format.

use super::types::CookieData;
use cookie_store::{
    CookieDomain, CookieError, CookieExpiration, CookieStore, RawCookie, StoreAction,
};
use serde_json::{json, Value};

#[derive(Default)]
pub struct CookieJar {
    store: CookieStore,
    /// When each cookie (domain, path, name) was first stored: tough-cookie sends
    /// cookies longest path first, then oldest first, and keeps a cookie's
    /// creation time when a response replaces its value.
    created: std::collections::HashMap<(String, String, String), u64>,
    next: u64,
}

fn key_of(c: &cookie_store::Cookie<'_>) -> (String, String, String) {
    let domain = match &c.domain {
        CookieDomain::HostOnly(h) | CookieDomain::Suffix(h) => h.clone(),
        CookieDomain::NotPresent | CookieDomain::Empty => String::new(),
    };
    let path: &str = c.path.as_ref();
    (domain, path.to_string(), c.name().to_string())
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CookieJar").finish_non_exhaustive()
    }
}

pub fn parse_set_cookie(header: &str) -> Option<CookieData> {
    let c = RawCookie::parse(header.to_string()).ok()?;
    Some(CookieData {
        name: c.name().to_string(),
        value: c.value().to_string(),
        domain: c.domain().map(str::to_string),
        path: c.path().map(str::to_string),
        expires: c.expires_datetime().map(|d| d.to_string()),
        http_only: c.http_only().unwrap_or(false),
        secure: c.secure().unwrap_or(false),
    })
}

impl CookieJar {
    pub fn store(&mut self, set_cookie: &str, url: &url::Url) {
        let _ = self.insert(set_cookie, url);
    }

    /// Stores a cookie received from `url`, noting when it was created: now,
    /// unless it replaces a live cookie of the same domain, path and name,
    /// whose creation time it keeps. One lookup, whatever the jar holds.
    fn insert(&mut self, text: &str, url: &url::Url) -> Result<(), CookieError> {
        let cookie = cookie_store::Cookie::parse(text, url)?.into_owned();
        let key = key_of(&cookie);
        let live = self.store.get(&key.0, &key.1, &key.2).is_some();
        match self.store.insert(cookie, url)? {
            StoreAction::ExpiredExisting => {
                self.created.remove(&key);
            }
            StoreAction::Inserted | StoreAction::UpdatedExisting if !live => {
                self.created.insert(key, self.next);
                self.next += 1;
            }
            StoreAction::Inserted | StoreAction::UpdatedExisting => {}
        }
        Ok(())
    }

    /// The cookies for `url` in the order tough-cookie sends them.
    fn ordered(&self, url: &url::Url) -> Vec<&cookie_store::Cookie<'static>> {
        let mut found = self.store.matches(url);
        found.sort_by_cached_key(|c| {
            let path: &str = c.path.as_ref();
            let created = self.created.get(&key_of(c)).copied().unwrap_or(u64::MAX);
            (std::cmp::Reverse(path.len()), created)
        });
        found
    }

    /// (name, value) pairs the jar sends to `url`.
    pub fn header_for(&self, url: &url::Url) -> Vec<(String, String)> {
        self.ordered(url)
            .into_iter()
            .map(|c| (c.name().to_string(), c.value().to_string()))
            .collect()
    }

    pub fn cookies_for(&self, url: &url::Url) -> Vec<CookieData> {
        self.ordered(url)
            .into_iter()
            .map(|c| CookieData {
                name: c.name().to_string(),
                value: c.value().to_string(),
                domain: c.domain().map(str::to_string),
                path: c.path().map(str::to_string),
                expires: None,
                http_only: c.http_only().unwrap_or(false),
                secure: c.secure().unwrap_or(false),
            })
            .collect()
    }

    pub fn set(&mut self, url: &url::Url, cookie: &CookieData) -> Result<(), String> {
        let mut text = format!("{}={}", cookie.name, cookie.value);
        if let Some(d) = &cookie.domain {
            text.push_str(&format!("; Domain={d}"));
        }
        text.push_str(&format!("; Path={}", cookie.path.as_deref().unwrap_or("/")));
        if cookie.http_only {
            text.push_str("; HttpOnly");
        }
        if cookie.secure {
            text.push_str("; Secure");
        }
        self.insert(&text, url).map_err(|e| e.to_string())
    }

    /// Removes the cookies named `name` that `url` would be sent. One set again
    /// later is a new cookie (sent after older ones), as in tough-cookie.
    pub fn unset(&mut self, url: &url::Url, name: &str) {
        // The store's own domain, not the attribute: a host-only cookie has none.
        let keys: Vec<_> = self
            .store
            .matches(url)
            .into_iter()
            .filter(|c| c.name() == name)
            .map(key_of)
            .collect();
        for key in keys {
            self.store.remove(&key.0, &key.1, &key.2);
            self.created.remove(&key);
        }
    }

    pub fn clear_for(&mut self, url: &url::Url) {
        let names: Vec<String> = self
            .store
            .matches(url)
            .into_iter()
            .map(|c| c.name().to_string())
            .collect();
        for n in names {
            self.unset(url, &n);
        }
    }

    /// The jar as newman's `--export-cookie-jar` writes it (tough-cookie's JSON).
    pub fn to_tough_json(&self) -> Value {
        let cookies: Vec<Value> = self
            .store
            .iter_unexpired()
            .filter_map(|c| {
                // The store's domain, not the attribute: a cookie set without a Domain
                // attribute belongs to the host that set it (tough-cookie's hostOnly).
                let (domain, host_only) = match &c.domain {
                    CookieDomain::HostOnly(h) => (h.clone(), true),
                    CookieDomain::Suffix(d) => (d.clone(), false),
                    CookieDomain::NotPresent | CookieDomain::Empty => return None,
                };
                let mut o = json!({
                    "key": c.name(),
                    "value": c.value(),
                    "domain": domain,
                    "path": c.path.as_ref(),
                    "httpOnly": c.http_only().unwrap_or(false),
                    "secure": c.secure().unwrap_or(false),
                    "hostOnly": host_only,
                });
                // tough-cookie writes expiry times in ISO 8601.
                // From Expires or Max-Age, as the store keeps it.
                let expires = match &c.expires {
                    CookieExpiration::AtUtc(e) => {
                        chrono::DateTime::from_timestamp(e.unix_timestamp(), 0)
                    }
                    CookieExpiration::SessionEnd => None,
                };
                if let Some(e) = expires {
                    o["expires"] = json!(e.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
                }
                Some(o)
            })
            .collect();
        json!({
            "version": concat!("postie@", env!("CARGO_PKG_VERSION")),
            "storeType": "MemoryCookieStore",
            "rejectPublicSuffixes": true,
            "cookies": cookies,
        })
    }

    /// Loads cookies from newman's jar format (`--cookie-jar`).
    pub fn from_tough_json(doc: &Value) -> Result<CookieJar, String> {
        let mut jar = CookieJar::default();
        let list = doc
            .get("cookies")
            .and_then(Value::as_array)
            .ok_or("expected a cookie jar with a 'cookies' list")?;
        for (i, c) in list.iter().enumerate() {
            let get = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let domain = get("domain");
            if domain.is_empty() || get("key").is_empty() {
                return Err(format!("cookies[{i}]: expected 'key' and 'domain'"));
            }
            let path = if get("path").is_empty() {
                "/".to_string()
            } else {
                get("path")
            };
            let secure = c.get("secure").and_then(Value::as_bool).unwrap_or(false);
            let scheme = if secure { "https" } else { "http" };
            let url = url::Url::parse(&format!(
                "{scheme}://{}{}",
                domain.trim_start_matches('.'),
                path
            ))
            .map_err(|e| format!("cookies[{i}]: {e}"))?;
            let mut text = format!("{}={}; Path={path}", get("key"), get("value"));
            if c.get("hostOnly").and_then(Value::as_bool) == Some(false) {
                text.push_str(&format!("; Domain={domain}"));
            }
            if secure {
                text.push_str("; Secure");
            }
            if let Some(e) = c
                .get("expires")
                .and_then(Value::as_str)
                .and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok())
            {
                text.push_str(&format!(
                    "; Expires={}",
                    e.with_timezone(&chrono::Utc)
                        .format("%a, %d %b %Y %H:%M:%S GMT")
                ));
            }
            if c.get("httpOnly").and_then(Value::as_bool) == Some(true) {
                text.push_str("; HttpOnly");
            }
            jar.insert(&text, &url)
                .map_err(|e| format!("cookies[{i}]: {e}"))?;
        }
        Ok(jar)
    }
}

#[cfg(test)]
mod order_tests {
    use super::CookieJar;

    #[test]
    fn longest_path_first_then_oldest_first_and_a_replaced_value_keeps_its_place() {
        let url = url::Url::parse("http://h.test/a/b/c").unwrap();
        let mut jar = CookieJar::default();
        for set in [
            "z=1; Path=/",
            "y=2; Path=/a/b",
            "x=3; Path=/",
            "w=4; Path=/a",
            "z=5; Path=/",
        ] {
            jar.store(set, &url);
        }
        let names: Vec<String> = jar
            .header_for(&url)
            .into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        assert_eq!(names, ["y=2", "w=4", "z=5", "x=3"]);
    }

    #[test]
    fn a_cookie_unset_and_set_again_is_a_new_one() {
        let url = url::Url::parse("http://h.test/").unwrap();
        let mut jar = CookieJar::default();
        for set in ["a=1", "b=2"] {
            jar.store(set, &url);
        }
        jar.unset(&url, "a");
        assert_eq!(jar.header_for(&url), [("b".to_string(), "2".to_string())]);
        jar.store("a=3", &url);
        let sent: Vec<String> = jar
            .header_for(&url)
            .into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        assert_eq!(sent, ["b=2", "a=3"]);
    }
}

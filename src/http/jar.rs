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
    /// When each cookie was first stored and last sent (ms since the epoch),
    /// which tough-cookie's file keeps as `creation` and `lastAccessed`.
    born: std::collections::HashMap<(String, String, String), i64>,
    accessed: std::sync::Mutex<std::collections::HashMap<(String, String, String), i64>>,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
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
    /// Returns the cookie's key when it is new.
    fn insert(
        &mut self,
        text: &str,
        url: &url::Url,
    ) -> Result<Option<(String, String, String)>, CookieError> {
        let cookie = cookie_store::Cookie::parse(text, url)?.into_owned();
        let key = key_of(&cookie);
        let live = self.store.get(&key.0, &key.1, &key.2).is_some();
        match self.store.insert(cookie, url)? {
            StoreAction::ExpiredExisting => {
                self.created.remove(&key);
                self.born.remove(&key);
                self.accessed_times().remove(&key);
                Ok(None)
            }
            StoreAction::Inserted | StoreAction::UpdatedExisting if !live => {
                let now = now_ms();
                self.created.insert(key.clone(), self.next);
                self.next += 1;
                self.born.insert(key.clone(), now);
                self.accessed_times().insert(key.clone(), now);
                Ok(Some(key))
            }
            StoreAction::Inserted | StoreAction::UpdatedExisting => Ok(None),
        }
    }

    fn accessed_times(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<(String, String, String), i64>> {
        self.accessed.lock().unwrap_or_else(|e| e.into_inner())
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
        let sent = self.ordered(url);
        let now = now_ms();
        let mut accessed = self.accessed_times();
        for c in &sent {
            accessed.insert(key_of(c), now);
        }
        sent.into_iter()
            .map(|c| (c.name().to_string(), c.value().to_string()))
            .collect()
    }

    /// Whether the jar holds no cookie, expired ones included.
    pub fn is_empty(&self) -> bool {
        self.store.iter_any().next().is_none()
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
        self.insert(&text, url).map(drop).map_err(|e| e.to_string())
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
            self.born.remove(&key);
            self.accessed_times().remove(&key);
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

    /// The jar as newman's `--export-cookie-jar` writes it: tough-cookie's JSON,
    /// cookies in the order they were created, each attribute only when it is
    /// not tough-cookie's default, in tough-cookie's order.
    pub fn to_tough_json(&self) -> Value {
        let accessed = self.accessed_times();
        let mut found: Vec<_> = self.store.iter_unexpired().collect();
        found.sort_by_cached_key(|c| self.created.get(&key_of(c)).copied().unwrap_or(u64::MAX));
        let cookies: Vec<Value> = found
            .into_iter()
            .filter_map(|c| {
                // The store's domain, not the attribute: a cookie set without a Domain
                // attribute belongs to the host that set it (tough-cookie's hostOnly).
                let (domain, host_only) = match &c.domain {
                    CookieDomain::HostOnly(h) => (h.clone(), true),
                    CookieDomain::Suffix(d) => (d.clone(), false),
                    CookieDomain::NotPresent | CookieDomain::Empty => return None,
                };
                let key = key_of(c);
                let mut o = serde_json::Map::new();
                o.insert("key".into(), json!(c.name()));
                o.insert("value".into(), json!(c.value()));
                // A Max-Age is kept as such (tough-cookie counts it from
                // `creation`); an Expires as the time it names.
                match (c.max_age(), &c.expires) {
                    (Some(age), _) => {
                        o.insert("maxAge".into(), json!(age.whole_seconds()));
                    }
                    (None, CookieExpiration::AtUtc(e)) => {
                        if let Some(t) = chrono::DateTime::from_timestamp(e.unix_timestamp(), 0) {
                            o.insert(
                                "expires".into(),
                                json!(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                            );
                        }
                    }
                    (None, CookieExpiration::SessionEnd) => {}
                }
                o.insert("domain".into(), json!(domain));
                o.insert("path".into(), json!(c.path.as_ref() as &str));
                if c.secure() == Some(true) {
                    o.insert("secure".into(), json!(true));
                }
                if c.http_only() == Some(true) {
                    o.insert("httpOnly".into(), json!(true));
                }
                o.insert("hostOnly".into(), json!(host_only));
                if !c.path.is_from_path_attr() {
                    o.insert("pathIsDefault".into(), json!(true));
                }
                if let Some(born) = self.born.get(&key) {
                    o.insert("creation".into(), json!(iso(*born)));
                }
                if let Some(at) = accessed.get(&key) {
                    o.insert("lastAccessed".into(), json!(iso(*at)));
                }
                if let Some(same_site) = c.same_site() {
                    o.insert(
                        "sameSite".into(),
                        json!(same_site.to_string().to_ascii_lowercase()),
                    );
                }
                Some(Value::Object(o))
            })
            .collect();
        json!({
            "version": "tough-cookie@4.1.3-postman.1",
            "storeType": "MemoryCookieStore",
            "rejectPublicSuffixes": false,
            "enableLooseMode": true,
            "allowSpecialUseDomain": true,
            "prefixSecurity": "silent",
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
            // A default path is given as the request path it came from, so it
            // stays a default path (tough-cookie's `pathIsDefault`).
            let default_path =
                c.get("pathIsDefault").and_then(Value::as_bool) == Some(true) && path != "/";
            let url = url::Url::parse(&format!(
                "{scheme}://{}{}{}",
                domain.trim_start_matches('.'),
                path,
                if default_path { "/" } else { "" }
            ))
            .map_err(|e| format!("cookies[{i}]: {e}"))?;
            let mut text = format!("{}={}", get("key"), get("value"));
            if !default_path {
                text.push_str(&format!("; Path={path}"));
            }
            if c.get("hostOnly").and_then(Value::as_bool) == Some(false) {
                text.push_str(&format!("; Domain={domain}"));
            }
            if secure {
                text.push_str("; Secure");
            }
            let time = |k: &str| {
                c.get(k)
                    .and_then(Value::as_str)
                    .and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok())
                    .map(|t| t.timestamp_millis())
            };
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
            // tough-cookie counts a Max-Age from the cookie's creation.
            if let Some(age) = c.get("maxAge").and_then(Value::as_i64) {
                let spent = time("creation").map_or(0, |t| (now_ms() - t).max(0) / 1000);
                text.push_str(&format!("; Max-Age={}", age - spent));
            }
            if c.get("httpOnly").and_then(Value::as_bool) == Some(true) {
                text.push_str("; HttpOnly");
            }
            if let Some(same_site) = c.get("sameSite").and_then(Value::as_str) {
                text.push_str(&format!("; SameSite={same_site}"));
            }
            let new = jar
                .insert(&text, &url)
                .map_err(|e| format!("cookies[{i}]: {e}"))?;
            if let Some(k) = new {
                if let Some(t) = time("creation") {
                    jar.born.insert(k.clone(), t);
                }
                if let Some(t) = time("lastAccessed") {
                    jar.accessed_times().insert(k, t);
                }
            }
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

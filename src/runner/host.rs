//! What scripts can ask of the runner beyond their own context: `pm.sendRequest`
//! with the run's client, and the run's cookie jar (`pm.cookies`).

use crate::collection::{Collection, Item, Request};
use crate::http::{CookieData, HttpClient, HttpRequest, HttpResponse, RequestSettings};
use crate::request::{self, BuildContext, FileAccess};
use crate::script::{HostError, ScriptHost};
use crate::vars::Scopes;

/// The runner's side of a script run.
pub(super) struct Host<'a> {
    pub client: &'a mut HttpClient,
    pub settings: &'a RequestSettings,
    pub files: &'a FileAccess,
}

impl ScriptHost for Host<'_> {
    fn send_request(&mut self, req: &Request) -> Result<HttpResponse, HostError> {
        self.send_request_by(req, None)
    }

    fn send_request_by(
        &mut self,
        req: &Request,
        deadline: Option<std::time::Instant>,
    ) -> Result<HttpResponse, HostError> {
        // pm.sendRequest sends the request as given: no collection auth, no variables.
        let empty = Collection::default();
        let scopes = Scopes::default();
        let ctx = BuildContext {
            collection: &empty,
            parents: &[],
            scopes: &scopes,
            files: self.files,
            settings: self.settings,
        };
        let item = Item::default();
        let built = request::build(req, &item, &ctx)?;
        let mut http = HttpRequest::from(&built.spec);
        // The script's own time limit bounds the request it waits for.
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(std::time::Instant::now());
            http.settings.timeout = Some(http.settings.timeout.map_or(left, |t| t.min(left)));
        }
        Ok(self.client.send(&http)?)
    }

    fn cookies(&self, url: &str) -> Vec<CookieData> {
        match url::Url::parse(url) {
            Ok(u) => self.client.jar.cookies_for(&u),
            Err(_) => Vec::new(),
        }
    }

    fn set_cookie(&mut self, url: &str, cookie: CookieData) -> Result<(), HostError> {
        let u = url::Url::parse(url).map_err(|e| HostError::InvalidUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        self.client.jar.set(&u, &cookie).map_err(HostError::Cookie)
    }

    fn unset_cookie(&mut self, url: &str, name: &str) {
        if let Ok(u) = url::Url::parse(url) {
            self.client.jar.unset(&u, name);
        }
    }

    fn clear_cookies(&mut self, url: &str) {
        if let Ok(u) = url::Url::parse(url) {
            self.client.jar.clear_for(&u);
        }
    }
}

//! What scripts can ask of the runner beyond their own context: `pm.sendRequest`
//! with the run's client, and the run's cookie jar (`pm.cookies`).

use crate::collection::{Collection, Item, Request};
use crate::http::{
    CookieData, HttpClient, HttpRequest, HttpResponse, RequestError, RequestSettings,
};
use crate::request::{self, BuildContext, FileAccess};
use crate::script::{HostError, ScriptHost};
use crate::vars::Scopes;

/// The runner's side of a script run.
pub(super) struct Host<'a> {
    pub client: &'a mut HttpClient,
    pub settings: &'a RequestSettings,
    pub files: &'a FileAccess,
    /// What the script sent with `pm.sendRequest`, in order: newman counts and
    /// reports each as a request of the run.
    pub sent: Vec<Sent>,
}

/// One `pm.sendRequest` as it went out and how it ended.
pub(super) struct Sent {
    pub request: HttpRequest,
    /// The URL as newman shows it.
    pub shown_url: String,
    pub result: Result<HttpResponse, RequestError>,
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
        let built = match request::build(req, &item, &ctx) {
            Ok(built) => built,
            Err(e) => {
                // Nothing went out: shown as written, failed as newman fails it.
                let shown = req.url.to_raw();
                let request = HttpRequest {
                    method: req.method.clone(),
                    url: shown.clone(),
                    ..Default::default()
                };
                self.sent.push(Sent {
                    request,
                    shown_url: shown,
                    result: Err(RequestError::File(e.to_string())),
                });
                return Err(HostError::Build(e));
            }
        };
        let mut http = HttpRequest::from(&built.spec);
        let wire = http.clone();
        // The script's own time limit bounds the request it waits for.
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(std::time::Instant::now());
            http.settings.timeout = Some(http.settings.timeout.map_or(left, |t| t.min(left)));
        }
        let result = self.client.send(&http).map_err(|e| unresolved_hint(e, req));
        self.sent.push(Sent {
            request: wire,
            shown_url: built.spec.url.shown.clone(),
            result: result.clone(),
        });
        Ok(result?)
    }

    fn cookies(&self, url: &str) -> Vec<CookieData> {
        match url::Url::parse(url) {
            Ok(u) => self.client.jar.cookies_for(&u),
            Err(_) => Vec::new(),
        }
    }

    fn has_cookies(&self) -> bool {
        !self.client.jar.is_empty()
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

/// A URL that is invalid because of `{{variables}}` says why: pm.sendRequest
/// sends what it is given, as newman does, which surprises scripts that expect
/// the collection's variables to be resolved.
fn unresolved_hint(e: RequestError, req: &Request) -> RequestError {
    match e {
        RequestError::InvalidUrl { url, reason } if req.url.to_raw().contains("{{") => {
            RequestError::InvalidUrl {
                url,
                reason: format!(
                    "{reason}; pm.sendRequest does not resolve {{{{variables}}}} (pm.variables.replaceIn() does)"
                ),
            }
        }
        other => other,
    }
}

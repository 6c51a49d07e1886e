//! `postie mock`, and the in-process mock behind `postie run --mock`.

use super::args::MockArgs;
use super::Fail;
use postie::collection::Collection;
use postie::vars::Scopes;

/// A mock serving a run; dropping it stops the server.
pub struct RunMock {
    pub base_url: String,
}

pub fn start_for_run(_collection: &Collection, _scopes: &mut Scopes) -> Result<RunMock, Fail> {
    Err(Fail::usage("--mock is not available in this build"))
}

pub fn run(_args: MockArgs) -> Result<i32, Fail> {
    Err(Fail::usage("postie mock is not available in this build"))
}

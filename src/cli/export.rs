//! `postie export`.

use super::args::ExportArgs;
use super::Fail;

pub fn run(_args: ExportArgs) -> Result<i32, Fail> {
    Err(Fail::usage("postie export is not available in this build"))
}

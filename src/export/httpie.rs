//! HTTPie commands (placeholder).
use super::{ExportError, Exporter, Prepared};
pub(crate) fn render(_p: &[Prepared], _cx: &mut Exporter<'_>) -> Result<String, ExportError> {
    Ok(String::new())
}

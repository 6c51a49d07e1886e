//! Collections and the files around them: the model, loading it from disk, and
//! selecting the request items a run or an export covers.

pub mod data;
mod de;
pub mod exported;
mod js_cast;
pub mod limits;
pub mod load;
pub mod model;
pub mod select;
pub mod url;
pub mod v1;

pub use data::{load_iteration_data, DataRow};
pub use de::parse_header_block;
pub use load::{load_collection, load_variable_file, LoadError, LoadedCollection};
pub use model::*;
pub use select::{
    path_name, request_items, select, walk_requests, walk_runnable, ItemRef, ScriptLevel,
    ScriptRef, SelectError, Selection, PATH_SEPARATOR,
};
pub use url::{parse_query, QueryParam, Url};

//! Collections and the files around them: the model, and loading it from disk.

pub mod load;
pub mod model;
pub mod v1;

pub use load::{
    load_collection, load_iteration_data, load_variable_file, DataRow, LoadError, LoadedCollection,
};
pub use model::*;

/// An item with the path of folders above it, as the runner and exporters walk it.
#[derive(Debug, Clone, Copy)]
pub struct ItemRef<'a> {
    pub item: &'a Item,
    /// Folders from the top of the collection down to the item's parent.
    pub parents: &'a [&'a Item],
}

/// Visits every request item depth-first in collection order, with its folder path.
pub fn walk_requests<'a>(items: &'a [Item], f: &mut dyn FnMut(&'a Item, &[&'a Item])) {
    fn go<'a>(
        items: &'a [Item],
        stack: &mut Vec<&'a Item>,
        f: &mut dyn FnMut(&'a Item, &[&'a Item]),
    ) {
        for item in items {
            if item.request.is_some() {
                f(item, stack);
            } else if let Some(children) = &item.item {
                stack.push(item);
                go(children, stack, f);
                stack.pop();
            }
        }
    }
    go(items, &mut Vec::new(), f)
}

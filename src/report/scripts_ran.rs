//! Which scripts a run executed, for `--export-collection`: newman's runtime
//! stamps a `_lastExecutionId` on every script it runs, and its export shows it.

use crate::collection::exported::RunRecord;
use crate::collection::{Collection, Item};
use crate::report::item_ids::ItemIds;
use crate::runner::events::Execution;
use crate::runner::{Event, ListenerError, RunListener};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// The events (`prerequest`, `test`) whose scripts ran, by owner: the
/// collection, or an item named by its folders' and its own names (items a
/// parallel run hands out come from copies of the collection, so not by address).
#[derive(Debug, Default)]
pub struct ScriptsRan {
    ran: HashSet<(Option<String>, &'static str)>,
}

/// Hears the run's executions into a shared [`ScriptsRan`].
pub struct ScriptsRanListener(pub Rc<RefCell<ScriptsRan>>);

fn place(item: &Item, parents: &[&Item]) -> String {
    parents
        .iter()
        .chain([&item])
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join("\u{0}")
}

impl ScriptsRan {
    /// Records the scripts one execution ran.
    pub fn hear(&mut self, exec: &Execution<'_>) {
        for script in &exec.scripts {
            // A script of one event runs with the same event's scripts of the
            // collection and of every folder above the item.
            let listen = script.kind.listen();
            self.ran.insert((None, listen));
            for (depth, folder) in exec.parents.iter().enumerate() {
                let owner = place(folder, &exec.parents[..depth]);
                self.ran.insert((Some(owner), listen));
            }
            self.ran
                .insert((Some(place(exec.item, &exec.parents)), listen));
        }
    }
}

impl RunListener for ScriptsRanListener {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        if let Event::Item(exec) = event {
            self.0.borrow_mut().hear(exec);
        }
        Ok(())
    }
}

/// [`ScriptsRan`] with the ids the reports gave the collection and its items.
pub struct ExportRecord<'a> {
    collection: &'a Collection,
    ids: ItemIds,
    ran: &'a ScriptsRan,
}

impl<'a> ExportRecord<'a> {
    pub fn new(collection: &'a Collection, ran: &'a ScriptsRan) -> Self {
        ExportRecord {
            collection,
            ids: ItemIds::new(collection),
            ran,
        }
    }
}

impl ExportRecord<'_> {
    pub fn collection(&self) -> &Collection {
        self.collection
    }
}

impl RunRecord for ExportRecord<'_> {
    fn collection_id(&self) -> String {
        ItemIds::collection_id(self.collection)
    }

    fn item_id(&self, item: &Item, parents: &[&Item]) -> String {
        self.ids.of(item, parents)
    }

    fn ran(&self, owner: Option<(&Item, &[&Item])>, listen: &str) -> bool {
        let owner = owner.map(|(item, parents)| place(item, parents));
        let listen = match listen {
            "prerequest" => "prerequest",
            "test" => "test",
            _ => return false,
        };
        self.ran.ran.contains(&(owner, listen))
    }
}

//! Which request items a run or an export covers, in collection order, each with
//! what it inherits from above: its folders and the scripts that run around it.

use super::model::{scripts_of, Collection, Item, Script};

/// Between the names of an item's path: "Folder / Sub folder / Request".
pub const PATH_SEPARATOR: &str = " / ";

/// An item's path as reports and exports name it: "Folder / Sub folder / Request".
pub fn path_name<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().collect::<Vec<_>>().join(PATH_SEPARATOR)
}

/// Which request items to cover; the default covers the whole collection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Folders or requests, by id or name: every request item at or below any of
    /// them, once, in collection order. Empty: every request item.
    pub folders: Vec<String>,
    /// One request item, by id or by a name no other request item has. When set,
    /// `folders` is not looked at.
    pub request: Option<String>,
}

impl Selection {
    /// The request items at or below these folders or requests.
    pub fn folders(folders: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Selection {
            folders: folders.into_iter().map(Into::into).collect(),
            request: None,
        }
    }

    /// This one request item.
    pub fn request(request: impl Into<String>) -> Self {
        Selection {
            folders: Vec::new(),
            request: Some(request.into()),
        }
    }
}

/// A name in a [`Selection`] that the collection does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("'{0}': no folder or request of that name or id in the collection")]
    FolderNotFound(String),
    #[error("'{0}': no request of that name or id in the collection")]
    RequestNotFound(String),
    #[error("'{name}': {count} requests have that name; give the request's id")]
    AmbiguousRequest { name: String, count: usize },
}

/// Where a script sits in the collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptLevel {
    Collection,
    Folder,
    Request,
}

/// A script that runs for an item, and where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct ScriptRef<'c> {
    pub level: ScriptLevel,
    /// The name of the collection, folder or request the script belongs to.
    pub owner: &'c str,
    pub script: &'c Script,
}

/// A request item with what it inherits: the folders above it and the scripts
/// that run around it.
#[derive(Debug, Clone)]
pub struct ItemRef<'c> {
    pub item: &'c Item,
    /// Folders from the top of the collection down to the item's parent.
    pub parents: Vec<&'c Item>,
    /// Pre-request scripts in the order they run: the collection's, each
    /// folder's from the top down, then the item's own.
    pub prerequest: Vec<ScriptRef<'c>>,
    /// Test scripts, in the same order.
    pub test: Vec<ScriptRef<'c>>,
}

impl<'c> ItemRef<'c> {
    fn new(collection: &'c Collection, item: &'c Item, parents: &[&'c Item]) -> Self {
        let scripts = |listen: &'static str| {
            let own = std::iter::once((ScriptLevel::Request, item.name.as_str(), &item.event));
            let folders = parents
                .iter()
                .map(|p| (ScriptLevel::Folder, p.name.as_str(), &p.event));
            std::iter::once((
                ScriptLevel::Collection,
                collection.info.name.as_str(),
                &collection.event,
            ))
            .chain(folders)
            .chain(own)
            .flat_map(|(level, owner, events)| {
                scripts_of(events, listen).map(move |script| ScriptRef {
                    level,
                    owner,
                    script,
                })
            })
            .collect()
        };
        ItemRef {
            item,
            parents: parents.to_vec(),
            prerequest: scripts("prerequest"),
            test: scripts("test"),
        }
    }

    pub fn name(&self) -> &'c str {
        &self.item.name
    }

    /// "Folder / Sub folder / Request".
    pub fn path_name(&self) -> String {
        path_name(
            self.parents
                .iter()
                .map(|p| p.name.as_str())
                .chain([self.item.name.as_str()]),
        )
    }

    /// The scripts for one event (`prerequest` or `test`), in the order they run.
    pub fn scripts(&self, listen: &str) -> &[ScriptRef<'c>] {
        match listen {
            "prerequest" => &self.prerequest,
            "test" => &self.test,
            _ => &[],
        }
    }

    /// Whether `wanted` names (by id or name) this item or a folder above it.
    fn is_at_or_below(&self, wanted: &str) -> bool {
        self.parents
            .iter()
            .copied()
            .chain([self.item])
            .any(|i| names(i, wanted))
    }
}

fn names(item: &Item, wanted: &str) -> bool {
    item.id.as_deref() == Some(wanted) || item.name == wanted
}

/// Every item a run runs, depth-first in collection order: the request items,
/// and items with neither request nor item (see [`walk_runnable`]).
pub fn request_items(collection: &Collection) -> Vec<ItemRef<'_>> {
    let mut all = Vec::new();
    walk_runnable(&collection.item, &mut |item, parents| {
        all.push(ItemRef::new(collection, item, parents))
    });
    all
}

/// The request items a [`Selection`] covers, in collection order.
pub fn select<'c>(
    collection: &'c Collection,
    selection: &Selection,
) -> Result<Vec<ItemRef<'c>>, SelectError> {
    let all = request_items(collection);
    if let Some(wanted) = &selection.request {
        // An id is unique; a name may not be.
        if let Some(by_id) = all.iter().find(|e| e.item.id.as_deref() == Some(wanted)) {
            return Ok(vec![by_id.clone()]);
        }
        let mut named: Vec<ItemRef<'c>> = all.into_iter().filter(|e| e.name() == wanted).collect();
        return match named.len() {
            0 => Err(SelectError::RequestNotFound(wanted.clone())),
            1 => Ok(named.pop().into_iter().collect()),
            count => Err(SelectError::AmbiguousRequest {
                name: wanted.clone(),
                count,
            }),
        };
    }
    if selection.folders.is_empty() {
        return Ok(all);
    }
    let mut keep = vec![false; all.len()];
    for wanted in &selection.folders {
        let mut found = false;
        for (k, e) in keep.iter_mut().zip(&all) {
            if e.is_at_or_below(wanted) {
                *k = true;
                found = true;
            }
        }
        if !found {
            return Err(SelectError::FolderNotFound(wanted.clone()));
        }
    }
    Ok(all
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect())
}

/// Visits every request item depth-first in collection order, with its folder path.
pub fn walk_requests<'a>(items: &'a [Item], f: &mut dyn FnMut(&'a Item, &[&'a Item])) {
    walk(items, false, f)
}

/// Like [`walk_requests`], and also items with neither `request` nor `item`:
/// newman runs those (a GET of no URL, which fails), so a run does not skip
/// them in silence. Exports, lint and the mock have nothing to do with them.
pub fn walk_runnable<'a>(items: &'a [Item], f: &mut dyn FnMut(&'a Item, &[&'a Item])) {
    walk(items, true, f)
}

fn walk<'a>(items: &'a [Item], requestless: bool, f: &mut dyn FnMut(&'a Item, &[&'a Item])) {
    fn go<'a>(
        items: &'a [Item],
        requestless: bool,
        stack: &mut Vec<&'a Item>,
        f: &mut dyn FnMut(&'a Item, &[&'a Item]),
    ) {
        for item in items {
            match (&item.request, &item.item) {
                (Some(_), _) => f(item, stack),
                (None, Some(children)) => {
                    stack.push(item);
                    go(children, requestless, stack, f);
                    stack.pop();
                }
                (None, None) if requestless => f(item, stack),
                (None, None) => {}
            }
        }
    }
    go(items, requestless, &mut Vec::new(), f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn collection() -> Collection {
        let script = |text: &str| {
            json!([{"listen": "prerequest", "script": {"exec": [text]}},
                                          {"listen": "test", "script": {"exec": [format!("t:{text}")]}}])
        };
        serde_json::from_value(json!({
            "info": {"name": "API"},
            "event": script("c"),
            "item": [
                {"name": "Users", "id": "f-users", "event": script("users"), "item": [
                    {"name": "Admin", "item": [
                        {"name": "Get", "id": "r-get-admin", "request": "http://x/a", "event": script("get")}
                    ]},
                    {"name": "Get", "id": "r-get-user", "request": "http://x/u"}
                ]},
                {"name": "Empty folder", "item": []},
                {"name": "Health", "request": "http://x/h",
                 "event": [{"listen": "test", "disabled": true, "script": {"exec": ["off"]}}]}
            ]
        }))
        .unwrap()
    }

    fn paths(items: &[ItemRef<'_>]) -> Vec<String> {
        items.iter().map(ItemRef::path_name).collect()
    }

    #[test]
    fn everything_in_collection_order_with_folder_paths() {
        let c = collection();
        let all = select(&c, &Selection::default()).unwrap();
        assert_eq!(
            paths(&all),
            ["Users / Admin / Get", "Users / Get", "Health"]
        );
        assert_eq!(all[0].name(), "Get");
        let parents: Vec<&str> = all[0].parents.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(parents, ["Users", "Admin"]);
        assert!(all[2].parents.is_empty());
    }

    #[test]
    fn scripts_are_gathered_in_run_order_per_event() {
        let c = collection();
        let all = request_items(&c);
        let seen = |refs: &[ScriptRef<'_>]| -> Vec<(ScriptLevel, String, String)> {
            refs.iter()
                .map(|s| (s.level, s.owner.to_string(), s.script.source()))
                .collect()
        };
        assert_eq!(
            seen(all[0].scripts("prerequest")),
            [
                (ScriptLevel::Collection, "API".into(), "c".into()),
                (ScriptLevel::Folder, "Users".into(), "users".into()),
                (ScriptLevel::Request, "Get".into(), "get".into()),
            ]
        );
        assert_eq!(
            seen(all[0].scripts("test")),
            [
                (ScriptLevel::Collection, "API".into(), "t:c".into()),
                (ScriptLevel::Folder, "Users".into(), "t:users".into()),
                (ScriptLevel::Request, "Get".into(), "t:get".into()),
            ]
        );
        // Disabled events do not run.
        assert_eq!(seen(all[2].scripts("test")).len(), 1);
        assert!(all[0].scripts("other").is_empty());
    }

    #[test]
    fn folders_select_everything_below_them_once_in_collection_order() {
        let c = collection();
        let pick = |names: &[&str]| select(&c, &Selection::folders(names.iter().copied()));
        assert_eq!(
            paths(&pick(&["Health", "Users"]).unwrap()),
            ["Users / Admin / Get", "Users / Get", "Health"]
        );
        assert_eq!(
            paths(&pick(&["Admin", "f-users"]).unwrap()),
            ["Users / Admin / Get", "Users / Get"]
        );
        // A request by name selects every request of that name.
        assert_eq!(
            paths(&pick(&["Get"]).unwrap()),
            ["Users / Admin / Get", "Users / Get"]
        );
        assert_eq!(
            pick(&["Users", "Nope"]).unwrap_err(),
            SelectError::FolderNotFound("Nope".into())
        );
        // A folder without requests selects nothing, so it is reported as missing.
        assert_eq!(
            pick(&["Empty folder"]).unwrap_err(),
            SelectError::FolderNotFound("Empty folder".into())
        );
    }

    #[test]
    fn one_request_by_id_or_by_a_unique_name() {
        let c = collection();
        let one = |name: &str| select(&c, &Selection::request(name));
        assert_eq!(paths(&one("r-get-user").unwrap()), ["Users / Get"]);
        assert_eq!(paths(&one("Health").unwrap()), ["Health"]);
        assert_eq!(
            one("Get").unwrap_err(),
            SelectError::AmbiguousRequest {
                name: "Get".into(),
                count: 2
            }
        );
        assert_eq!(
            one("Users").unwrap_err(),
            SelectError::RequestNotFound("Users".into())
        );
    }

    #[test]
    fn errors_name_what_was_asked_for() {
        assert_eq!(
            SelectError::FolderNotFound("x".into()).to_string(),
            "'x': no folder or request of that name or id in the collection"
        );
        assert_eq!(
            SelectError::AmbiguousRequest {
                name: "Get".into(),
                count: 2
            }
            .to_string(),
            "'Get': 2 requests have that name; give the request's id"
        );
    }

    #[test]
    fn items_with_neither_request_nor_item_run_but_are_no_requests() {
        let c: Collection = serde_json::from_value(json!({
            "info": {"name": "c"},
            "item": [{"name": "lonely"}, {"name": "empty", "item": []}, {"name": "r", "request": "h"}]
        }))
        .unwrap();
        assert_eq!(paths(&request_items(&c)), ["lonely", "r"]);
        let mut requests = Vec::new();
        walk_requests(&c.item, &mut |i, _| requests.push(i.name.clone()));
        assert_eq!(requests, ["r"]);
    }

    #[test]
    fn path_names_join_with_slashes() {
        assert_eq!(path_name(["A", "B", "C"]), "A / B / C");
        assert_eq!(path_name(["Only"]), "Only");
    }
}

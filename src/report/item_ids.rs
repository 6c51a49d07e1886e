//! Ids for items that have none, as newman's reports carry them.
//!
//! newman's collection SDK gives every item without an `id` a random UUID, which
//! its JUnit report (`<testsuite id>`) and JSON report (`item.id`) then show.
//! Here the id is derived from the collection and the item's place in it (a
//! name-based UUID), so the shards of one collection (`--shard`) give an item
//! the same id, and `merge-reports` finds it again from a shard's JSON report.

use crate::collection::{Collection, Item};
use sha1::{Digest, Sha1};
use std::collections::HashMap;

/// Every item's id: its own, or one derived from where it sits.
#[derive(Debug, Default, Clone)]
pub struct ItemIds {
    seed: String,
    /// Keyed by the item's address in the collection the run was given.
    by_item: HashMap<usize, String>,
}

impl ItemIds {
    pub fn new(collection: &Collection) -> Self {
        let seed = collection
            .info
            .id
            .clone()
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| collection.info.name.clone());
        let mut ids = ItemIds {
            seed,
            by_item: HashMap::new(),
        };
        ids.walk(&collection.item, "");
        ids
    }

    /// The collection's own id, or one derived from its name (newman makes one
    /// up for a collection without `_postman_id`).
    pub fn collection_id(collection: &Collection) -> String {
        match collection.info.id.as_deref() {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => Self::collection_id_of_name(&collection.info.name),
        }
    }

    /// The id a collection without `_postman_id` gets, from its name.
    pub fn collection_id_of_name(name: &str) -> String {
        derived(name, "collection")
    }

    /// "Folder / Request" names by item id, for a collection as a JSON report
    /// holds it (ids filled in as [`ItemIds::fill_json`] fills them).
    pub fn names_in_json(collection: &serde_json::Value) -> HashMap<String, String> {
        fn walk(
            seed: &str,
            items: &serde_json::Value,
            place: &str,
            parents: &mut Vec<String>,
            out: &mut HashMap<String, String>,
        ) {
            for (i, item) in items.as_array().into_iter().flatten().enumerate() {
                let here = format!("{place}/{i}");
                let id = match item["id"].as_str() {
                    Some(id) if !id.is_empty() => id.to_string(),
                    _ => derived(seed, &here),
                };
                let name = match item["name"].as_str() {
                    Some(n) if !n.is_empty() => n.to_string(),
                    _ => id.clone(),
                };
                parents.push(name);
                out.insert(
                    id,
                    crate::collection::path_name(parents.iter().map(String::as_str)),
                );
                walk(seed, &item["item"], &here, parents, out);
                parents.pop();
            }
        }
        let info = &collection["info"];
        let seed = match info["_postman_id"].as_str() {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => info["name"].as_str().unwrap_or_default().to_string(),
        };
        let mut out = HashMap::new();
        walk(&seed, &collection["item"], "", &mut Vec::new(), &mut out);
        out
    }

    fn walk(&mut self, items: &[Item], place: &str) {
        for (i, item) in items.iter().enumerate() {
            let here = format!("{place}/{i}");
            let id = match item.id.as_deref() {
                Some(id) if !id.is_empty() => id.to_string(),
                _ => derived(&self.seed, &here),
            };
            self.by_item.insert(item as *const Item as usize, id);
            if let Some(children) = &item.item {
                self.walk(children, &here);
            }
        }
    }

    /// Whether the item is one of the collection's own (not a copy of it).
    pub fn knows(&self, item: &Item) -> bool {
        self.by_item.contains_key(&(item as *const Item as usize))
    }

    /// The item's id. An item from another copy of the collection (which the
    /// run never hands out) gets one derived from its names instead.
    pub fn of(&self, item: &Item, parents: &[&Item]) -> String {
        if let Some(id) = self.by_item.get(&(item as *const Item as usize)) {
            return id.clone();
        }
        match item.id.as_deref() {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                let names: Vec<&str> = parents
                    .iter()
                    .chain([&item])
                    .map(|i| i.name.as_str())
                    .collect();
                derived(&self.seed, &format!("names:{}", names.join("\u{0}")))
            }
        }
    }

    /// Puts the ids into a collection's JSON (`item[].id`), as newman's JSON
    /// report writes its collection.
    pub fn fill_json(&self, items: &mut serde_json::Value) {
        fn walk(seed: &str, items: &mut serde_json::Value, place: &str) {
            let Some(list) = items.as_array_mut() else {
                return;
            };
            for (i, item) in list.iter_mut().enumerate() {
                let here = format!("{place}/{i}");
                let Some(obj) = item.as_object_mut() else {
                    continue;
                };
                let has_id = obj
                    .get("id")
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| !s.is_empty());
                if !has_id {
                    obj.insert("id".into(), derived(seed, &here).into());
                }
                if let Some(children) = obj.get_mut("item") {
                    walk(seed, children, &here);
                }
            }
        }
        walk(&self.seed, items, "");
    }
}

/// A version-5-style UUID of the collection and a place in it.
fn derived(seed: &str, place: &str) -> String {
    let mut h = Sha1::new();
    h.update(seed.as_bytes());
    h.update([0]);
    h.update(place.as_bytes());
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil;

    #[test]
    fn own_ids_are_kept_and_missing_ones_are_stable_and_distinct() {
        let mut c = testutil::collection();
        c.item[1].id = None;
        let a = ItemIds::new(&c);
        let copy = c.clone();
        let b = ItemIds::new(&copy);
        let health = a.of(&c.item[1], &[]);
        assert_eq!(uuid::Uuid::parse_str(&health).unwrap().get_version_num(), 5);
        assert_eq!(health, b.of(&copy.item[1], &[]));
        assert_ne!(health, a.of(&c.item[0], &[]));
        let mut json = serde_json::to_value(&c.item).unwrap();
        a.fill_json(&mut json);
        assert_eq!(json[1]["id"], health.as_str());
    }
}

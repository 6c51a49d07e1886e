//! Comparing collections item by item. Items are matched by id first (ids that
//! are unique on both sides), then by path, then, for what is left, by identical
//! content: an item matched at another path has moved.

use super::parts::{self, PartDiff};
use crate::collection::{Collection, Item};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Collection,
    Folder,
    Request,
}

/// An added or removed item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemSummary {
    #[serde(rename = "type")]
    pub kind: ItemKind,
    pub path: String,
    pub id: Option<String>,
    /// Requests only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    #[serde(rename = "type")]
    pub kind: ItemKind,
    pub from: String,
    pub to: String,
    pub id: Option<String>,
    /// `id` or `content`.
    pub matched_by: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    #[serde(rename = "type")]
    pub kind: ItemKind,
    /// The path in the new collection (its name for the collection itself).
    pub path: String,
    pub id: Option<String>,
    pub parts: Vec<PartDiff>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CollectionDiff {
    pub added: Vec<ItemSummary>,
    pub removed: Vec<ItemSummary>,
    pub moved: Vec<Moved>,
    pub changed: Vec<Changed>,
}

impl CollectionDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
    }
}

struct Node<'a> {
    item: &'a Item,
    path: String,
}

impl Node<'_> {
    fn kind(&self) -> ItemKind {
        if self.item.request.is_some() {
            ItemKind::Request
        } else {
            ItemKind::Folder
        }
    }

    fn parts(&self) -> Vec<(&'static str, String)> {
        match &self.item.request {
            Some(r) => parts::of_request(self.item, r),
            None => parts::of_folder(self.item),
        }
    }

    fn summary(&self) -> ItemSummary {
        let r = self.item.request.as_ref();
        ItemSummary {
            kind: self.kind(),
            path: self.path.clone(),
            id: self.item.id.clone(),
            method: r.map(|r| r.method.clone()),
            url: r.map(|r| r.url.raw.clone().unwrap_or_else(|| r.url.to_raw())),
        }
    }
}

fn flatten(items: &[Item]) -> Vec<Node<'_>> {
    fn go<'a>(items: &'a [Item], prefix: &str, out: &mut Vec<Node<'a>>) {
        for item in items {
            let path = if prefix.is_empty() {
                item.name.clone()
            } else {
                format!("{prefix} / {}", item.name)
            };
            out.push(Node {
                item,
                path: path.clone(),
            });
            if item.request.is_none() {
                go(item.children(), &path, out);
            }
        }
    }
    let mut out = Vec::new();
    go(items, "", &mut out);
    out
}

/// Ids that occur exactly once.
fn unique_ids<'a>(nodes: &[Node<'a>]) -> HashMap<&'a str, usize> {
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(id) = n.item.id.as_deref().filter(|id| !id.is_empty()) {
            let e = count.entry(id).or_insert((0, i));
            e.0 += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, (n, _))| *n == 1)
        .map(|(id, (_, i))| (id, i))
        .collect()
}

pub fn diff_collections(old: &Collection, new: &Collection) -> CollectionDiff {
    let a = flatten(&old.item);
    let b = flatten(&new.item);
    // pairs[i] = index in `b` of the match of a[i], and how it was found.
    let mut pairs: Vec<Option<(usize, &'static str)>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];

    let ids_b = unique_ids(&b);
    let ids_a = unique_ids(&a);
    for (i, n) in a.iter().enumerate() {
        let Some(id) = n.item.id.as_deref() else {
            continue;
        };
        if !ids_a.contains_key(id) {
            continue;
        }
        if let Some(&j) = ids_b.get(id) {
            if b[j].kind() == n.kind() {
                pairs[i] = Some((j, "id"));
                taken[j] = true;
            }
        }
    }
    for (i, n) in a.iter().enumerate() {
        if pairs[i].is_some() {
            continue;
        }
        if let Some(j) =
            (0..b.len()).find(|&j| !taken[j] && b[j].path == n.path && b[j].kind() == n.kind())
        {
            pairs[i] = Some((j, "path"));
            taken[j] = true;
        }
    }
    // What is left may have moved without an id to follow: same name and content.
    let fingerprint = |n: &Node<'_>| (n.kind(), n.item.name.clone(), n.parts());
    let rest_b: Vec<usize> = (0..b.len()).filter(|&j| !taken[j]).collect();
    let prints_b: Vec<_> = rest_b.iter().map(|&j| fingerprint(&b[j])).collect();
    let rest_a: Vec<usize> = (0..a.len()).filter(|&i| pairs[i].is_none()).collect();
    let prints_a: Vec<_> = rest_a.iter().map(|&i| fingerprint(&a[i])).collect();
    for (x, &i) in rest_a.iter().enumerate() {
        let same_a = prints_a.iter().filter(|p| **p == prints_a[x]).count();
        let found: Vec<usize> = (0..rest_b.len())
            .filter(|&y| prints_b[y] == prints_a[x])
            .collect();
        // Only an unambiguous match says "moved"; otherwise it is removed and added.
        if same_a == 1 && found.len() == 1 {
            let j = rest_b[found[0]];
            pairs[i] = Some((j, "content"));
            taken[j] = true;
        }
    }

    let mut out = CollectionDiff::default();
    let old_parts = parts::of_collection(old);
    let new_parts = parts::of_collection(new);
    let changes = parts::compare(&old_parts, &new_parts);
    if !changes.is_empty() {
        out.changed.push(Changed {
            kind: ItemKind::Collection,
            path: new.info.name.clone(),
            id: new.info.id.clone(),
            parts: changes,
        });
    }
    for (i, n) in a.iter().enumerate() {
        match pairs[i] {
            None => out.removed.push(n.summary()),
            Some((j, by)) => {
                let m = &b[j];
                if m.path != n.path {
                    out.moved.push(Moved {
                        kind: n.kind(),
                        from: n.path.clone(),
                        to: m.path.clone(),
                        id: m.item.id.clone(),
                        matched_by: if by == "path" { "id" } else { by },
                    });
                }
            }
        }
    }
    // Changes and additions in the new collection's order.
    let matched: HashMap<usize, usize> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|(j, _)| (j, i)))
        .collect();
    for (j, m) in b.iter().enumerate() {
        match matched.get(&j) {
            None => out.added.push(m.summary()),
            Some(&i) => {
                let changes = parts::compare(&a[i].parts(), &m.parts());
                if !changes.is_empty() {
                    out.changed.push(Changed {
                        kind: m.kind(),
                        path: m.path.clone(),
                        id: m.item.id.clone(),
                        parts: changes,
                    });
                }
            }
        }
    }
    out
}

//! The item tree of a collection, as `postie ls` shows it: folders, requests,
//! their methods and raw URLs (variables left as written), and ids.

use crate::collection::{Collection, Item, Url};
use serde_json::{json, Value};

/// Item names and URLs may hold line breaks or tabs; one item stays on one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn raw_url(url: &Url) -> String {
    url.raw.clone().unwrap_or_else(|| url.to_raw())
}

/// An indented listing: folders end with `/`, requests show method, name and URL.
pub fn human(collection: &Collection, ids: bool) -> String {
    fn go(items: &[Item], depth: usize, ids: bool, out: &mut String) {
        for item in items {
            let indent = "  ".repeat(depth);
            let id = match (&item.id, ids) {
                (Some(id), true) => format!("  [{}]", one_line(id)),
                (None, true) => "  [no id]".to_string(),
                _ => String::new(),
            };
            match &item.request {
                Some(r) => {
                    let url = one_line(&raw_url(&r.url));
                    let line = format!("{indent}{:<7} {}  {url}", r.method, one_line(&item.name));
                    out.push_str(line.trim_end());
                    out.push_str(&id);
                    out.push('\n');
                }
                None => {
                    out.push_str(&format!("{indent}{}/{id}\n", one_line(&item.name)));
                    go(item.children(), depth + 1, ids, out);
                }
            }
        }
    }
    let mut out = format!("{}\n", one_line(&collection.info.name));
    go(&collection.item, 1, ids, &mut out);
    out
}

/// The same tree as JSON: every item with its type, name, id and path.
pub fn json(collection: &Collection) -> Value {
    fn go(items: &[Item], parents: &mut Vec<String>) -> Vec<Value> {
        items
            .iter()
            .map(|item| {
                parents.push(item.name.clone());
                let path = parents.join(" / ");
                let v = match &item.request {
                    Some(r) => json!({
                        "type": "request",
                        "name": item.name,
                        "id": item.id,
                        "path": path,
                        "method": r.method,
                        "url": raw_url(&r.url),
                    }),
                    None => json!({
                        "type": "folder",
                        "name": item.name,
                        "id": item.id,
                        "path": path,
                        "items": go(item.children(), parents),
                    }),
                };
                parents.pop();
                v
            })
            .collect()
    }
    json!({
        "collection": collection.info.name,
        "id": collection.info.id,
        "items": go(&collection.item, &mut Vec::new()),
    })
}

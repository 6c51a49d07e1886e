//! The `json` reporter: newman's JSON report (`--reporter-json-export`), written
//! as a stream.
//!
//! newman keeps every execution, response bodies included, in memory and
//! serialises the whole summary at the end, which is how long runs run out of
//! memory or hit `RangeError: Invalid string length`. Here each execution is
//! written to the report file as soon as it arrives and then dropped: the file
//! starts with `run.executions`, and the parts only known at the end
//! (`run.stats`, `run.timings`, `run.failures`, the `collection` with the
//! scripts that ran marked, the final `environment` and `globals`) are
//! appended at `Done`. Object key order differs from newman's; JSON
//! readers do not care. The file is written beside its target and only moved into
//! place when the run is done, so a crash never leaves half a report.
//!
//! Secrets are masked value by value before serialisation (strings, keys, and
//! response bodies byte-wise), so escaping cannot hide a secret from the mask and
//! masking can never break the JSON.
//!
//! What each part of the report looks like is in `shape.rs`; `entry.rs` writes
//! an execution's entry straight to text, and this file writes the parts out as
//! they come.

mod entry;
mod shape;

use super::item_ids::ItemIds;
use super::scripts_ran::{ExportRecord, ScriptsRan};
use super::ReportError;
use crate::collection::exported::{exported, exported_item};
use crate::collection::{request_items, Collection, Item};
use crate::output::{AtomicFile, Masker};
use crate::runner::events::{Event, Execution, Failure, ListenerError, RunListener, Summary};
use serde_json::{json, Value};
use shape::{ItemInfo, Ran};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Writes newman's JSON report, streaming executions to disk as they come.
pub struct JsonReporter {
    path: PathBuf,
    file: Option<AtomicFile>,
    masker: Masker,
    include_bodies: bool,
    head_written: bool,
    executions: usize,
    /// Request items by id and by "Folder / Request" path, for `run.failures[].source`.
    items: HashMap<String, ItemInfo>,
    /// Ids for items without one, as newman writes them.
    ids: ItemIds,
    /// The run's collection, written at the end (as newman writes it then,
    /// with a `_lastExecutionId` on each script that ran).
    collection: Option<Collection>,
    /// The scripts the run ran, for `collection`.
    scripts_ran: ScriptsRan,
    /// Whether each item's own scripts have run, by the item's address.
    ran: HashMap<usize, Ran>,
    /// Marks where a response body goes in an execution's text; unique per report
    /// so no text from the run can imitate it.
    stream_marker: String,
    /// Each item's text in an entry (masked and formatted) and id, by the item's
    /// address in the run's collection: the item is the largest part of an entry
    /// and the same in every execution until the mask changes. Bounded by the
    /// collection's size.
    item_texts: HashMap<usize, ItemText>,
    /// The masker's generation `item_texts` and `keys_masked` were made at.
    masked_at: Option<u64>,
    /// A secret masks one of the keys `entry.rs` writes as they are: entries are
    /// built as values and masked whole, as `Masker::mask_json` masks keys.
    keys_masked: bool,
    /// An entry's text, reused from one execution to the next.
    buf: Vec<u8>,
    /// Every entry built as a value: what the tests compare `entry.rs` with.
    #[cfg(test)]
    by_value: bool,
}

/// An item as every entry of it shows it.
struct ItemText {
    text: String,
    id: String,
    /// What of the item's scripts had run when `text` was made.
    ran: Ran,
    /// Its last request's URL, as an entry shows it.
    last_url: entry::LastUrl,
}

/// An entry's buffer above this size is not kept for the next one.
const KEPT_BUFFER: usize = 256 * 1024;

impl JsonReporter {
    /// Opens the report: a temporary file beside `path`, renamed over it at `Done`.
    pub fn create(path: &Path, masker: Masker) -> Result<Self, ReportError> {
        // Masking is done on values here; a text-level mask over the serialised
        // JSON could turn a number or a key into the mask and break the report.
        let file = AtomicFile::create(path, Masker::default()).map_err(|e| write_error(path, e))?;
        Ok(JsonReporter {
            path: path.to_path_buf(),
            file: Some(file),
            masker,
            include_bodies: true,
            head_written: false,
            executions: 0,
            items: HashMap::new(),
            ids: ItemIds::default(),
            collection: None,
            scripts_ran: ScriptsRan::default(),
            ran: HashMap::new(),
            stream_marker: format!("\u{1}postie-stream-{}\u{1}", crate::uuid_v4::new()),
            item_texts: HashMap::new(),
            masked_at: None,
            keys_masked: false,
            buf: Vec::new(),
            #[cfg(test)]
            by_value: false,
        })
    }

    /// Whether request and response bodies go into the report (default: yes, as
    /// newman does). newman writes each response body as an array of byte values,
    /// so a 1 MB response adds several MB to the report, and reports of long runs
    /// reach gigabytes; turning this off keeps `stream` as an empty buffer (and
    /// `responseSize` as the real size) so tools that read the report still work.
    pub fn include_bodies(mut self, include: bool) -> Self {
        self.include_bodies = include;
        self
    }

    fn write(&mut self, text: &str) -> Result<(), ReportError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.write_str(text).map_err(|e| write_error(&self.path, e))
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), ReportError> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.write_bytes(bytes)
            .map_err(|e| write_error(&self.path, e))
    }

    fn start(&mut self, collection: Option<&Collection>) -> Result<(), ReportError> {
        if self.head_written {
            return Ok(());
        }
        self.head_written = true;
        if let Some(c) = collection {
            self.ids = ItemIds::new(c);
            let mut items = HashMap::new();
            for (at, entry) in request_items(c).into_iter().enumerate() {
                let item = entry.item;
                // An item without an id is written with the one derived for it, in
                // its executions' entries and its failures' sources alike.
                let info = ItemInfo {
                    at,
                    id: Some(self.ids.of(item, &entry.parents)),
                    name: item.name.clone(),
                    parent: entry
                        .parents
                        .split_last()
                        .map(|(p, above)| (Some(self.ids.of(p, above)), p.name.clone())),
                };
                if let Some(id) = item.id.as_deref().filter(|id| !id.is_empty()) {
                    items.insert(format!("id:{id}"), info.clone());
                }
                items
                    .entry(format!("path:{}", entry.path_name()))
                    .or_insert(info);
            }
            self.items = items;
            self.collection = Some(c.clone());
        }
        self.write("{\n  \"run\": {\n    \"executions\": [")
    }

    fn execution(&mut self, e: &Execution<'_>) -> Result<(), ReportError> {
        self.start(None)?;
        let (ran, new) = self.ran_by(e);
        // An item's scripts run with the same folders' each time: heard once.
        if new {
            self.scripts_ran.hear(e);
        }
        for x in shape::exchanges(e) {
            self.entry(e, &x, ran)?;
        }
        Ok(())
    }

    /// One entry of `run.executions`, written straight to text (`entry.rs`) with
    /// the item's text kept from the item's earlier executions.
    fn entry(
        &mut self,
        e: &Execution<'_>,
        x: &shape::Exchange<'_>,
        ran: Ran,
    ) -> Result<(), ReportError> {
        let generation = self.masker.generation();
        if self.masked_at != Some(generation) {
            // A new secret may be in any item's text, or in a key.
            self.item_texts.clear();
            self.keys_masked = entry::masks_a_key(&self.masker);
            self.masked_at = Some(generation);
        }
        #[cfg(test)]
        if self.by_value {
            return self.entry_by_value(e, x, ran);
        }
        if self.keys_masked {
            return self.entry_by_value(e, x, ran);
        }
        let response_id = x.response.map(|_| crate::uuid_v4::new().to_string());
        let mut fresh;
        let item = if self.ids.knows(e.item) {
            let (ids, masker) = (&self.ids, &self.masker);
            let item = self
                .item_texts
                .entry(e.item as *const Item as usize)
                .or_insert_with(|| item_text(e, ids, masker, ran));
            // A script of the item ran for the first time: its text shows it now.
            if item.ran != ran {
                *item = item_text(e, ids, masker, ran);
            }
            item
        } else {
            fresh = item_text(e, &self.ids, &self.masker, ran);
            &mut fresh
        };
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let written = entry::write_execution(
            &mut entry::Writer::new(&mut buf, &self.masker, 3).with_last_url(&mut item.last_url),
            e,
            x,
            self.include_bodies,
            &item.text,
            &item.id,
            response_id.as_deref().unwrap_or_default(),
        );
        let result = self.write_entry(&buf, written.body_at, x.response);
        if buf.capacity() <= KEPT_BUFFER {
            self.buf = buf;
        }
        result
    }

    /// An entry's text, and the response's body streamed at `body_at`.
    fn write_entry(
        &mut self,
        text: &[u8],
        body_at: Option<usize>,
        response: Option<&crate::http::HttpResponse>,
    ) -> Result<(), ReportError> {
        let sep = if self.executions == 0 {
            "\n      "
        } else {
            ",\n      "
        };
        self.executions += 1;
        self.write(sep)?;
        match (response, body_at) {
            (Some(resp), Some(at)) => {
                self.write_bytes(&text[..at])?;
                let masker = self.masker.clone();
                self.write_byte_array(&masker.mask_bytes(&resp.body))?;
                self.write_bytes(&text[at..])
            }
            _ => self.write_bytes(text),
        }
    }

    /// One entry of `run.executions` built as a value and masked whole: what
    /// `entry.rs` writes when no key needs masking, and what it is tested against.
    fn entry_by_value(
        &mut self,
        e: &Execution<'_>,
        x: &shape::Exchange<'_>,
        ran: Ran,
    ) -> Result<(), ReportError> {
        let response = x.response;
        let response_id = crate::uuid_v4::new().to_string();
        let mut value = shape::execution_json(
            e,
            x,
            self.include_bodies,
            &self.ids,
            &self.masker,
            &response_id,
            ran,
        );
        self.masker.mask_json(&mut value, false);
        // The marker goes in after masking, so no secret can alter it.
        if response.is_some_and(|r| self.include_bodies && !r.body.is_empty()) {
            value["response"]["stream"]["data"] = json!(self.stream_marker);
        }

        let text = pretty(&value, 3);
        let sep = if self.executions == 0 {
            "\n      "
        } else {
            ",\n      "
        };
        self.executions += 1;
        self.write(sep)?;
        // The body is written straight from its bytes: as a JSON value a 1 MB body
        // would take tens of MB of memory.
        let marker = serde_json::to_string(&self.stream_marker).unwrap_or_default();
        match (response, text.find(&marker)) {
            (Some(resp), Some(at)) if self.include_bodies => {
                self.write(&text[..at])?;
                let body = self.masker.mask_bytes(&resp.body).into_owned();
                self.write_byte_array(&body)?;
                self.write(&text[at + marker.len()..])
            }
            _ => self.write(&text),
        }
    }

    /// `[1,2,3]` on one line (newman puts each byte on its own line; the data is the same).
    fn write_byte_array(&mut self, bytes: &[u8]) -> Result<(), ReportError> {
        // At most 4 bytes of text per byte of body, written in pieces of 64 kB.
        let mut buf = Vec::with_capacity((bytes.len() * 4).min(64 * 1024) + 8);
        buf.push(b'[');
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            // The decimal digits, as `write!("{b}")` wrote them at many times the cost.
            if b >= 100 {
                buf.push(b'0' + b / 100);
            }
            if b >= 10 {
                buf.push(b'0' + b / 10 % 10);
            }
            buf.push(b'0' + b % 10);
            if buf.len() >= 64 * 1024 {
                self.write_bytes(&buf)?;
                buf.clear();
            }
        }
        buf.push(b']');
        self.write_bytes(&buf)
    }

    fn done(&mut self, s: &Summary) -> Result<(), ReportError> {
        self.start(None)?;
        let close = if self.executions == 0 { "]" } else { "\n    ]" };
        let record = self
            .collection
            .as_ref()
            .map(|c| ExportRecord::new(c, &self.scripts_ran));
        let request_items = self.collection.as_ref().map(request_items);
        // newman's failure holds the item it comes from, whole.
        let mut sources: HashMap<usize, Value> = HashMap::new();
        let failures: Vec<Value> = s
            .failures
            .iter()
            .map(|f| {
                let info = self.item_info(f);
                let source = match (info, &request_items, &record) {
                    (Some(i), Some(list), Some(record)) => list.get(i.at).map(|entry| {
                        sources
                            .entry(i.at)
                            .or_insert_with(|| exported_item(entry.item, &entry.parents, record))
                            .clone()
                    }),
                    _ => None,
                };
                shape::failure_json(f, info, source)
            })
            .collect();
        let mut collection = match &record {
            Some(record) => exported(record.collection(), record),
            None => Value::Null,
        };
        self.masker.mask_json(&mut collection, true);
        let mut run_tail = shape::run_tail_json(s, failures);
        self.masker.mask_json(&mut run_tail, false);
        let mut environment = shape::scope_json(&s.scopes.environment);
        let mut globals = shape::scope_json(&s.scopes.globals);
        self.masker.mask_json(&mut environment, true);
        self.masker.mask_json(&mut globals, true);

        let mut text = String::from(close);
        if let Value::Object(fields) = &run_tail {
            for (k, v) in fields {
                text.push_str(&format!(",\n    {}: {}", json!(k), pretty(v, 2)));
            }
        }
        text.push_str(&format!(
            "\n  }},\n  \"collection\": {},\n  \"environment\": {},\n  \"globals\": {}\n}}\n",
            pretty(&collection, 1),
            pretty(&environment, 1),
            pretty(&globals, 1)
        ));
        self.write(&text)?;
        if let Some(file) = self.file.take() {
            file.commit().map_err(|e| write_error(&self.path, e))?;
        }
        Ok(())
    }

    /// Whether the execution's item's own scripts have run, this execution
    /// included; and whether this execution ran one for the first time (or
    /// the item is not one of the collection's).
    fn ran_by(&mut self, e: &Execution<'_>) -> (Ran, bool) {
        let now = shape::ran_in(e);
        if !self.ids.knows(e.item) {
            return (now, true);
        }
        let ran = self.ran.entry(e.item as *const Item as usize).or_default();
        let was = *ran;
        ran[0] |= now[0];
        ran[1] |= now[1];
        (*ran, *ran != was)
    }

    /// The request item a failure comes from, by its id or its path.
    fn item_info(&self, f: &Failure) -> Option<&ItemInfo> {
        Some(f.item_id.as_str())
            .filter(|id| !id.is_empty())
            .and_then(|id| self.items.get(&format!("id:{id}")))
            .or_else(|| self.items.get(&format!("path:{}", f.source)))
    }
}

/// The item's text as an entry holds it: masked as `shape::execution_json`'s
/// item is (numbers too, then as part of the entry) and formatted in its place.
fn item_text(e: &Execution<'_>, ids: &ItemIds, masker: &Masker, ran: Ran) -> ItemText {
    let (mut item, id) = shape::item_json(e, ids, masker, ran);
    masker.mask_json(&mut item, false);
    ItemText {
        text: pretty(&item, 4),
        id,
        ran,
        last_url: entry::LastUrl::default(),
    }
}

impl RunListener for JsonReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl JsonReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        if self.file.is_none() {
            return Ok(());
        }
        match event {
            Event::Start { collection, .. } => self.start(Some(collection)),
            Event::Item(e) => self.execution(e),
            Event::Done(s) => self.done(s),
            Event::Secret(value) => {
                self.masker.add(value.to_string());
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn write_error(path: &Path, source: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Pretty JSON (two-space indent) for a value nested `level` deep.
fn pretty(value: &Value, level: usize) -> String {
    use serde::Serialize;
    let mut text = Vec::with_capacity(1024);
    let nested = Nested {
        base: level,
        depth: 0,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut text, nested);
    if value.serialize(&mut ser).is_err() {
        return "null".into();
    }
    // serde_json writes UTF-8 only.
    String::from_utf8(text).unwrap_or_else(|_| "null".into())
}

/// serde_json's pretty format with every line after the first indented `base`
/// levels more, written in one pass: formatting and then indenting the text
/// again was a large part of the report's cost per request.
struct Nested {
    base: usize,
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.base + self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpRequest;
    use crate::report::testutil::{self, SECRET};
    use crate::runner::events::ScriptRecord;
    use crate::script::ScriptKind;

    fn run_report(n: usize, masker: Masker, include_bodies: bool) -> (String, Value) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reports/run.json");
        let mut r = JsonReporter::create(&path, masker)
            .unwrap()
            .include_bodies(include_bodies);
        testutil::standard_run(&mut r, n).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        (text, value)
    }

    /// The report's text with the responses' random ids replaced.
    fn without_response_ids(text: &str) -> String {
        let uuid_v4 =
            regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")
                .unwrap();
        assert!(uuid_v4.is_match(text) || !text.contains("\"responseTime\""));
        uuid_v4.replace_all(text, "UUID").into_owned()
    }

    /// The report `feed` gives, written with `entry.rs` and built as values.
    fn both_ways(
        masker: impl Fn() -> Masker,
        include_bodies: bool,
        feed: impl Fn(&mut JsonReporter),
    ) -> (String, String) {
        let dir = tempfile::tempdir().unwrap();
        let mut texts = Vec::new();
        for by_value in [false, true] {
            let path = dir.path().join(format!("{by_value}.json"));
            let mut r = JsonReporter::create(&path, masker())
                .unwrap()
                .include_bodies(include_bodies);
            r.by_value = by_value;
            feed(&mut r);
            let text = std::fs::read_to_string(&path).unwrap();
            serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            texts.push(without_response_ids(&text));
        }
        let by_value = texts.pop().unwrap();
        (texts.pop().unwrap(), by_value)
    }

    #[track_caller]
    fn assert_same_text(fast: &str, by_value: &str) {
        if fast != by_value {
            let at = fast
                .bytes()
                .zip(by_value.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let from = at.saturating_sub(300);
            panic!(
                "entries differ at byte {at}:\n--- written:\n{}\n--- by value:\n{}",
                &fast[from..(at + 300).min(fast.len())],
                &by_value[from..(at + 300).min(by_value.len())]
            );
        }
    }

    /// A masker for one run of a comparison, named.
    type NewMasker = (&'static str, fn() -> Masker);

    fn maskers() -> Vec<NewMasker> {
        vec![
            ("none", Masker::default),
            ("disabled", Masker::disabled),
            ("the secret", testutil::masker),
            // The item's name and a number in it: the item is masked, numbers too.
            ("in the item", || {
                Masker::new([SECRET.into(), "Get user".into(), "9/health".into()])
            }),
            // Keys are masked: entries go the slow way, which is what they are compared with.
            ("a key", || Masker::new([SECRET.into(), "cursor".into()])),
            ("JSON text", || {
                Masker::new(["p\"w\\d/é\n".into(), "abc.def".into()])
            }),
        ]
    }

    #[test]
    fn written_entries_are_the_bytes_of_entries_built_as_values() {
        for (name, masker) in maskers() {
            for include_bodies in [true, false] {
                let (fast, by_value) = both_ways(masker, include_bodies, |r| {
                    testutil::standard_run(r, 3).unwrap();
                });
                assert!(fast.contains("\"Get user\"") || name == "in the item");
                assert_same_text(&fast, &by_value);
            }
        }
    }

    /// Executions the standard run has not: no request built, sent requests, an
    /// auth handshake, a skip, retries, cookies, compared values, odd URLs and bodies.
    fn unusual_run(r: &mut JsonReporter) {
        use crate::http::{CookieData, RoundTrip};
        use crate::runner::events::SentRequest;
        let c = testutil::collection();
        // Before the start too: the item is not the collection's yet.
        let (item, parents) = testutil::get_user(&c);
        let early = testutil::execution(item, parents.clone(), testutil::cursor(0, 1, 0, 2));
        r.event(&Event::Item(&early)).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let mut e = testutil::execution(item, parents.clone(), testutil::cursor(0, 1, 0, 2));
        e.shown_url = Some(format!("{{{{base}}}}/users?id=1&flag&k={SECRET}#top"));
        e.skipped = true;
        r.event(&Event::Item(&e)).unwrap();

        let mut e = testutil::get_user_execution(&c, 0, 1);
        let mut req = testutil::get_user_request();
        req.url = format!("http://user:pw@[::1]:8080/a//b/?x=1&y&={SECRET}#frag");
        req.body = Some([&[0xff, b'{'][..], SECRET.as_bytes(), &[0xc3]].concat());
        let mut resp = testutil::get_user_response(7);
        resp.body.clear();
        resp.cookies.push(CookieData {
            name: "tok".into(),
            value: SECRET.into(),
            domain: Some("example.com".into()),
            path: None,
            expires: Some("Wed, 21 Oct 2037 07:28:00 GMT".into()),
            http_only: true,
            secure: true,
        });
        e.handshake = vec![RoundTrip {
            request: req.clone(),
            response: resp.clone(),
        }];
        e.sent = vec![
            SentRequest {
                kind: ScriptKind::PreRequest,
                after_assertions: 0,
                after_console: 0,
                request: req.clone(),
                shown_url: req.url.clone(),
                response: None,
                error: Some(crate::http::RequestError::ConnectionRefused(
                    "[::1]:8080".into(),
                )),
            },
            SentRequest {
                kind: ScriptKind::Test,
                after_assertions: 1,
                after_console: 0,
                request: HttpRequest {
                    method: "PATCH".into(),
                    url: "https://example.com".into(),
                    ..Default::default()
                },
                shown_url: "https://example.com".into(),
                response: Some(resp),
                error: None,
            },
        ];
        e.attempts = Some(3);
        let mut compared = testutil::fail("Deep", 3, "expected {…} to deeply equal {…}");
        if let Some(err) = compared.error.as_mut() {
            err.stack = None;
            err.expected = Some(json!({"token": SECRET, "n": [1, 2.5, null], "k": {}}));
            err.actual = Some(json!({SECRET: "x", "n": [], "e": {"f": [true]}}));
        }
        let mut unnamed = testutil::fail("No error", 4, "");
        unnamed.error = None;
        e.assertions.extend([compared, unnamed]);
        e.scripts.push(ScriptRecord {
            kind: ScriptKind::PreRequest,
            origin: "Users".into(),
            error: Some(crate::script::ScriptError {
                name: "SyntaxError".into(),
                message: "unexpected token".into(),
                line: Some(3),
                column: None,
                stack: None,
            }),
        });
        r.event(&Event::Item(&e)).unwrap();
        r.event(&Event::Item(&testutil::health_execution(&c, 0, 1)))
            .unwrap();
        r.event(&Event::Done(&testutil::summary(1))).unwrap();
    }

    #[test]
    fn unusual_entries_are_the_bytes_of_entries_built_as_values() {
        for (_, masker) in maskers() {
            for include_bodies in [true, false] {
                let (fast, by_value) = both_ways(masker, include_bodies, unusual_run);
                assert_same_text(&fast, &by_value);
            }
        }
    }

    /// A run where a secret the item holds becomes known after the item's first
    /// entry: its later entries mask it.
    fn secret_arrives(r: &mut JsonReporter) {
        let c = testutil::collection();
        r.event(&Event::Start {
            collection: &c,
            iterations: 3,
            mock_base: None,
        })
        .unwrap();
        for i in 0..3 {
            r.event(&Event::Item(&testutil::get_user_execution(&c, i, 3)))
                .unwrap();
            if i == 0 {
                // The test script's text, inside the item, and a part of the
                // request's URL, which is the same in every execution.
                r.event(&Event::Secret("Status code")).unwrap();
                r.event(&Event::Secret("verbose")).unwrap();
            }
        }
        r.event(&Event::Done(&testutil::summary(3))).unwrap();
    }

    #[test]
    fn an_item_is_masked_again_when_a_secret_arrives() {
        let (fast, by_value) = both_ways(Masker::default, true, secret_arrives);
        assert_same_text(&fast, &by_value);
        let v: Value = serde_json::from_str(&fast).unwrap();
        let script = |i: usize| v["run"]["executions"][i]["item"]["event"][0].to_string();
        assert!(script(0).contains("Status code is 200"), "{}", script(0));
        let query = |i: usize| &v["run"]["executions"][i]["request"]["url"]["query"][0];
        assert_eq!(query(0)["key"], "verbose");
        for i in 1..3 {
            assert!(!script(i).contains("Status code"), "{}", script(i));
            assert!(script(i).contains("******** is 200"), "{}", script(i));
            assert_eq!(query(i)["key"], "********");
        }
    }

    #[test]
    fn pretty_indents_nested_values_as_formatting_then_indenting_did() {
        let v = json!({
            "a": [1, {"b": "line\nbreak \u{1} \"q\""}, [], {}],
            "c": {"d": null, "é": "ü"},
            "e": [],
            "f": [[[]], [{}], [1.5, -2, true]],
            "g": {"h": {"i": {}}}
        });
        for level in 0..4 {
            let plain = serde_json::to_string_pretty(&v).unwrap();
            let indented = plain.replace('\n', &format!("\n{}", "  ".repeat(level)));
            assert_eq!(pretty(&v, level), indented, "level {level}");
        }
        assert_eq!(pretty(&json!("x"), 2), "\"x\"");
    }

    #[test]
    fn report_has_newmans_shape() {
        let (_, v) = run_report(2, Masker::default(), true);
        assert_eq!(v["collection"]["info"]["name"], "Demo API");
        assert_eq!(v["collection"]["info"]["_postman_id"], "col-1");
        assert_eq!(v["collection"]["item"][0]["item"][0]["name"], "Admin");

        let run = &v["run"];
        let count =
            |total: usize, failed: usize| json!({"total": total, "pending": 0, "failed": failed});
        assert_eq!(
            run["stats"],
            json!({
                "iterations": count(2, 0),
                "items": count(4, 0),
                "scripts": count(4, 2),
                "prerequests": count(4, 0),
                "requests": count(4, 2),
                "tests": count(4, 0),
                "assertions": count(6, 2),
                "testScripts": count(4, 2),
                "prerequestScripts": count(0, 0),
            })
        );
        let t = &run["timings"];
        assert_eq!(t["responseAverage"], 110);
        assert_eq!(t["responseMin"], 100);
        assert_eq!(t["responseMax"], 120);
        assert_eq!(t["responseSd"], 10);
        assert_eq!(t["dnsAverage"], 0);
        assert_eq!(t["firstByteSd"], 0);
        assert_eq!(t["started"], 1_700_000_000_000i64);
        assert_eq!(t["completed"], 1_700_000_001_234i64);
        assert_eq!(run["transfers"]["responseTotal"], 72);
        assert_eq!(run["error"], Value::Null);

        let ex = run["executions"].as_array().unwrap();
        assert_eq!(ex.len(), 4);
        let first = &ex[0];
        assert_eq!(first["id"], "req-1");
        assert_eq!(first["item"]["name"], "Get user");
        assert_eq!(
            first["cursor"],
            json!({"position": 0, "iteration": 0, "length": 2, "cycles": 2, "empty": false,
                   "eof": false, "bof": true, "cr": false, "ref": "ref-0-0"})
        );
        assert_eq!(
            first["request"]["url"],
            json!({"protocol": "https", "host": ["api", "example", "com"], "path": ["users", "1"],
                   "query": [{"key": "verbose", "value": "true"}, {"key": "key", "value": SECRET}],
                   "variable": []})
        );
        assert_eq!(first["request"]["method"], "GET");
        assert_eq!(
            first["request"]["header"][0],
            json!({"key": "Accept", "value": "application/json"})
        );
        // Headers added for the request are marked, as newman marks them.
        assert_eq!(
            first["request"]["header"][2],
            json!({"key": "Authorization", "value": "Bearer ********", "system": true})
        );
        assert_eq!(
            first["request"]["body"],
            json!({"mode": "raw", "raw": format!("{{\"apiKey\":\"{SECRET}\"}}")})
        );
        let resp = &first["response"];
        assert_eq!(resp["status"], "OK");
        assert_eq!(resp["code"], 200);
        assert!(resp["id"].is_string());
        assert_eq!(
            resp["header"][0],
            json!({"key": "Content-Type", "value": "application/json"})
        );
        assert_eq!(resp["stream"]["type"], "Buffer");
        let bytes: Vec<u8> = resp["stream"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_u64().unwrap() as u8)
            .collect();
        assert_eq!(bytes, testutil::get_user_response(0).body);
        assert_eq!(resp["cookie"][0]["name"], "sid");
        assert_eq!(resp["cookie"][0]["path"], "/");
        assert_eq!(resp["responseTime"], 100);
        assert_eq!(
            resp["responseSize"],
            testutil::get_user_response(0).body.len()
        );
        assert_eq!(
            first["assertions"],
            json!([
                {"assertion": "Status code is 200", "skipped": false},
                {"assertion": "Body has name", "skipped": false, "error": {
                    "name": "AssertionError", "index": 1, "test": "Body has name",
                    "message": format!("expected '{SECRET}' to equal 'Ann'"),
                    "stack": format!("AssertionError: expected '{SECRET}' to equal 'Ann'\n    at test-script:2:5")}},
                {"assertion": "Later", "skipped": true}
            ])
        );
        assert_eq!(first["testScript"], json!([{}]));
        assert!(first.get("prerequestScript").is_none());
        assert!(first.get("requestError").is_none());

        let health = &ex[1];
        assert_eq!(health["id"], "req-2");
        assert!(health.get("response").is_none());
        assert_eq!(
            health["requestError"],
            json!({"name": "Error", "code": "ECONNREFUSED",
                   "message": "connect ECONNREFUSED 127.0.0.1:9",
                   "stack": "Error: connect ECONNREFUSED 127.0.0.1:9"})
        );
        assert_eq!(health["request"]["url"]["port"], "9");
        assert_eq!(
            health["request"]["url"]["host"],
            json!(["127", "0", "0", "1"])
        );
        assert_eq!(health["testScript"][0]["error"]["name"], "TypeError");
        assert_eq!(
            health["testScript"][0]["error"]["stack"],
            format!(
                "TypeError: Cannot read properties of undefined (reading '{SECRET}') (line 1:10)"
            )
        );
        // As postman-runtime's cursor: never past the end while on an item,
        // and at the start of a new iteration on its first.
        assert_eq!(ex[3]["cursor"]["eof"], false);
        assert_eq!(ex[2]["cursor"]["cr"], true);
        assert_eq!(ex[3]["cursor"]["cr"], false);

        // Items as newman's SDK writes them: the URL in parts, every list
        // written, and a `_lastExecutionId` on the scripts that ran.
        let item = &first["item"];
        assert!(item["request"]["url"].is_object(), "{item}");
        assert!(item["request"]["url"].get("raw").is_none(), "{item}");
        assert_eq!(item["response"], json!([]));
        let script = &item["event"][0]["script"];
        assert_eq!(item["event"][0]["listen"], "test");
        assert_eq!(script["type"], "text/javascript");
        assert!(script["_lastExecutionId"].is_string(), "{item}");
        assert_eq!(
            v["collection"]["item"][0]["item"][0]["item"][0]["event"][0]["script"]["exec"],
            script["exec"]
        );

        let failures = run["failures"].as_array().unwrap();
        assert_eq!(failures.len(), 6);
        // newman's failure holds its item whole.
        assert_eq!(failures[0]["source"]["request"], item["request"]);
        assert_eq!(
            failures[0]["source"]["event"][0]["script"]["exec"],
            script["exec"]
        );
        let mut failure = failures[0].clone();
        failure["source"] =
            json!({"id": failure["source"]["id"], "name": failure["source"]["name"]});
        assert_eq!(
            failure,
            json!({
                "error": {"name": "AssertionError", "index": 1, "test": "Body has name",
                          "message": format!("expected '{SECRET}' to equal 'Ann'"),
                          "stack": format!("AssertionError: expected '{SECRET}' to equal 'Ann'\n    at test-script:2:5")},
                "at": "assertion:1 in test-script",
                "source": {"id": "req-1", "name": "Get user"},
                "parent": {"id": "fold-2", "name": "Admin"},
                "cursor": {"position": 0, "iteration": 0, "length": 2, "cycles": 2, "empty": false,
                           "eof": false, "bof": true, "cr": false, "ref": "ref-0-0"}
            })
        );
        assert_eq!(failures[1]["source"]["id"], "req-2");
        assert_eq!(failures[1]["source"]["name"], "Health");
        assert!(failures[1].get("parent").is_none());
        assert_eq!(
            failures[1]["error"]["stack"],
            "RequestError: connect ECONNREFUSED 127.0.0.1:9"
        );
        assert_eq!(failures[1]["at"], "request");

        assert_eq!(
            v["environment"],
            json!({"id": "env-1", "name": "Staging", "values": [
                {"key": "token", "value": "********", "type": "secret", "enabled": true},
                {"key": "user", "value": "ann", "type": "default", "enabled": true}
            ]})
        );
        assert_eq!(
            v["globals"],
            json!({"name": "globals", "values": [{"key": "g", "value": 1, "type": "any", "enabled": true}]})
        );
    }

    #[test]
    fn bodies_can_be_left_out() {
        let (text, v) = run_report(1, Masker::default(), false);
        let resp = &v["run"]["executions"][0]["response"];
        assert_eq!(resp["stream"], json!({"type": "Buffer", "data": []}));
        assert_eq!(
            resp["responseSize"],
            testutil::get_user_response(0).body.len()
        );
        assert!(v["run"]["executions"][0]["request"].get("body").is_none());
        assert!(!text.contains("postie-stream"));
    }

    #[test]
    fn secrets_never_reach_the_report() {
        let (text, v) = run_report(2, testutil::masker(), true);
        assert!(!text.contains(SECRET), "secret in report");
        // Nor hidden in the body bytes.
        let resp = &v["run"]["executions"][0]["response"];
        let bytes: Vec<u8> = resp["stream"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_u64().unwrap() as u8)
            .collect();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "{\"id\":1,\"token\":\"********\"}"
        );
        assert_eq!(v["collection"]["variable"][0]["value"], "********");
        assert_eq!(
            v["run"]["executions"][0]["request"]["url"]["query"][1]["value"],
            "********"
        );
    }

    #[test]
    fn secrets_with_json_special_characters_are_masked() {
        let secret = "p\"w\\d/é\n";
        let c = testutil::collection();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut r = JsonReporter::create(&path, Masker::new(vec![secret.to_string()])).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::get_user(&c);
        let mut e = testutil::execution(item, parents, testutil::cursor(0, 1, 0, 1));
        let mut resp = testutil::get_user_response(3);
        resp.body = [&[0xff, 0xfe][..], secret.as_bytes(), &[0x80]].concat();
        resp.status = secret.into();
        e.response = Some(resp);
        r.event(&Event::Item(&e)).unwrap();
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["run"]["executions"][0]["response"]["status"], "********");
        let data = v["run"]["executions"][0]["response"]["stream"]["data"].clone();
        let bytes: Vec<u8> = serde_json::from_value(data).unwrap();
        assert_eq!(bytes, [&[0xff, 0xfe][..], b"********", &[0x80]].concat());
    }

    #[test]
    fn a_secret_matching_internal_text_does_not_lose_the_body() {
        let (_, v) = run_report(1, Masker::new(vec!["postie-stream".into()]), true);
        let data = v["run"]["executions"][0]["response"]["stream"]["data"].clone();
        let bytes: Vec<u8> = serde_json::from_value(data).unwrap();
        assert_eq!(bytes, testutil::get_user_response(0).body);
    }

    #[test]
    fn empty_run_and_missing_start_still_give_valid_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut r = JsonReporter::create(&path, Masker::default()).unwrap();
        let mut s = testutil::summary(0);
        s.error = Some("collection has no requests".into());
        r.event(&Event::Done(&s)).unwrap();
        // Events after Done are ignored.
        r.event(&Event::Done(&s)).unwrap();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v["collection"], Value::Null);
        assert_eq!(v["run"]["executions"], json!([]));
        assert_eq!(v["run"]["error"]["message"], "collection has no requests");
    }

    #[test]
    fn nothing_is_written_until_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        {
            let mut r = JsonReporter::create(&path, Masker::default()).unwrap();
            let c = testutil::collection();
            r.event(&Event::Start {
                collection: &c,
                iterations: 1,
                mock_base: None,
            })
            .unwrap();
            assert!(!path.exists());
        }
        // Dropped without Done (a crash): no file, no leftover temporary file.
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn large_bodies_are_streamed_intact() {
        let c = testutil::collection();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut r = JsonReporter::create(&path, Masker::default()).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::get_user(&c);
        let body: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for i in 0..3 {
            let mut e = testutil::execution(item, parents.clone(), testutil::cursor(i, 3, 0, 1));
            let mut resp = testutil::get_user_response(3);
            resp.body = body.clone();
            e.response = Some(resp);
            r.event(&Event::Item(&e)).unwrap();
        }
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for i in 0..3 {
            let data = v["run"]["executions"][i]["response"]["stream"]["data"].clone();
            let got: Vec<u8> = serde_json::from_value(data).unwrap();
            assert_eq!(got, body);
        }
    }
}

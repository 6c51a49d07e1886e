//! `postie merge-reports`: the JSON reports of shards (`run --shard K/N`)
//! joined into the report one run over every shard would have written.
//!
//! Executions and failures are put in iteration order (shards given in order,
//! so within an iteration the first shard's come first, as the folders of
//! `--shard-by folder` run), counts are added up, response-time statistics
//! are worked out again from the executions, and the run's start and end are
//! the earliest start and latest end. Environment and globals are the last
//! shard's, as the last iteration left them.

use serde_json::{json, Map, Value};

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{file}: not a postie or newman JSON report: {what}")]
    NotAReport { file: String, what: String },
    #[error("no reports to merge")]
    Nothing,
}

/// A shard's report, with the name of the file it came from.
pub struct ShardReport {
    pub file: String,
    pub doc: Value,
}

fn field<'a>(r: &'a ShardReport, pointer: &str) -> Result<&'a Value, MergeError> {
    r.doc
        .pointer(pointer)
        .ok_or_else(|| MergeError::NotAReport {
            file: r.file.clone(),
            what: format!("no {}", pointer.trim_start_matches('/').replace('/', ".")),
        })
}

fn array<'a>(r: &'a ShardReport, pointer: &str) -> Result<&'a Vec<Value>, MergeError> {
    field(r, pointer)?
        .as_array()
        .ok_or_else(|| MergeError::NotAReport {
            file: r.file.clone(),
            what: format!(
                "{} is not a list",
                pointer.trim_start_matches('/').replace('/', ".")
            ),
        })
}

fn iteration(v: &Value) -> u64 {
    v["cursor"]["iteration"].as_u64().unwrap_or(0)
}

/// Joins the shards' reports, in the order given.
pub fn merge(reports: &[ShardReport]) -> Result<Value, MergeError> {
    let first = reports.first().ok_or(MergeError::Nothing)?;
    let last = &reports[reports.len() - 1];
    let mut executions = Vec::new();
    let mut failures = Vec::new();
    let mut stats = Map::new();
    let mut response_total = 0u64;
    let mut started: Option<i64> = None;
    let mut completed: Option<i64> = None;
    let mut error = Value::Null;
    for r in reports {
        executions.extend(array(r, "/run/executions")?.iter().cloned());
        failures.extend(array(r, "/run/failures")?.iter().cloned());
        let s = field(r, "/run/stats")?
            .as_object()
            .ok_or_else(|| MergeError::NotAReport {
                file: r.file.clone(),
                what: "run.stats is not an object".into(),
            })?;
        for (name, count) in s {
            let sum = stats
                .entry(name.clone())
                .or_insert_with(|| json!({"total": 0, "pending": 0, "failed": 0}));
            for part in ["total", "pending", "failed"] {
                let add = count[part].as_u64().unwrap_or(0);
                sum[part] = json!(sum[part].as_u64().unwrap_or(0) + add);
            }
        }
        response_total += r.doc["run"]["transfers"]["responseTotal"]
            .as_u64()
            .unwrap_or(0);
        let t = &r.doc["run"]["timings"];
        if let Some(s) = t["started"].as_i64() {
            started = Some(started.map_or(s, |v| v.min(s)));
        }
        if let Some(c) = t["completed"].as_i64() {
            completed = Some(completed.map_or(c, |v| v.max(c)));
        }
        if error.is_null() {
            error = r.doc["run"]["error"].clone();
        }
    }
    // Stable: within an iteration, shards keep the order they were given in.
    executions.sort_by_key(iteration);
    failures.sort_by_key(iteration);
    let mut times = crate::runner::Timings::default();
    for e in &executions {
        if let Some(ms) = e["response"]["responseTime"].as_f64() {
            times.add(ms);
        }
    }
    let mut doc = first.doc.clone();
    doc["environment"] = last.doc["environment"].clone();
    doc["globals"] = last.doc["globals"].clone();
    let run = &mut doc["run"];
    run["executions"] = Value::Array(executions);
    run["stats"] = Value::Object(stats);
    run["failures"] = Value::Array(failures);
    run["transfers"] = json!({ "responseTotal": response_total });
    run["error"] = error;
    let timings = &mut run["timings"];
    timings["responseAverage"] = num(times.average());
    timings["responseMin"] = num(times.min_ms);
    timings["responseMax"] = num(times.max_ms);
    timings["responseSd"] = num(times.std_dev());
    timings["started"] = json!(started.unwrap_or(0));
    timings["completed"] = json!(completed.unwrap_or(0));
    Ok(doc)
}

/// The end of the run a merged report describes, for the cli summary: counts,
/// response times and failures (named by item, with their folder).
pub fn summary_of(doc: &Value) -> crate::runner::Summary {
    use crate::runner::{Count, Cursor, Failure, Stats, Tally};
    let count = |name: &str| {
        let c = &doc["run"]["stats"][name];
        let n = |p: &str| c[p].as_u64().unwrap_or(0) as usize;
        Count {
            total: n("total"),
            failed: n("failed"),
            pending: n("pending"),
        }
    };
    let stats = Stats {
        iterations: count("iterations"),
        items: count("items"),
        scripts: count("scripts"),
        prerequests: count("prerequests"),
        requests: count("requests"),
        tests: count("tests"),
        assertions: count("assertions"),
        test_scripts: count("testScripts"),
        prerequest_scripts: count("prerequestScripts"),
    };
    let mut tally = Tally {
        stats,
        ..Default::default()
    };
    for e in doc["run"]["executions"].as_array().into_iter().flatten() {
        if let Some(ms) = e["response"]["responseTime"].as_f64() {
            tally.timings.add(ms);
        }
    }
    let t = &doc["run"]["timings"];
    tally.timings.started = t["started"].as_i64().unwrap_or(0);
    tally.timings.completed = t["completed"].as_i64().unwrap_or(0);
    tally.response_total = doc["run"]["transfers"]["responseTotal"]
        .as_u64()
        .unwrap_or(0);
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    for f in doc["run"]["failures"].as_array().into_iter().flatten() {
        let c = &f["cursor"];
        let n = |p: &str| c[p].as_u64().unwrap_or(0) as usize;
        let source = match f["parent"]["name"].as_str() {
            Some(parent) => format!("{parent} / {}", text(&f["source"]["name"])),
            None => text(&f["source"]["name"]),
        };
        let e = &f["error"];
        tally.failures.push(Failure {
            cursor: Cursor {
                iteration: n("iteration"),
                iterations: n("cycles"),
                position: n("position"),
                length: n("length"),
                ref_id: text(&c["ref"]),
            },
            source,
            item_id: text(&f["source"]["id"]),
            name: text(&e["name"]),
            test: e["test"].as_str().map(str::to_string),
            message: text(&e["message"]),
            at: text(&f["at"]),
            index: e["index"].as_u64().map(|i| i as usize),
            stack: e["stack"].as_str().map(str::to_string),
        });
    }
    let error = match &doc["run"]["error"] {
        Value::Null => None,
        e => Some(text(&e["message"])),
    };
    tally.summary(Default::default(), error)
}

/// As the JSON reporter writes numbers: whole ones without a fraction.
fn num(v: f64) -> Value {
    if !v.is_finite() {
        json!(0)
    } else if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(iterations: &[u64], failed: u64) -> Value {
        json!({
            "collection": {"info": {"name": "c"}, "item": []},
            "environment": {"values": [{"key": "last", "value": iterations.last()}]},
            "globals": {"values": []},
            "run": {
                "executions": iterations.iter().map(|i| json!({"cursor": {"iteration": i}, "response": {"responseTime": 10 * i}})).collect::<Vec<_>>(),
                "failures": iterations.iter().take(failed as usize).map(|i| json!({"cursor": {"iteration": i}})).collect::<Vec<_>>(),
                "stats": {"iterations": {"total": iterations.len(), "pending": 0, "failed": 0},
                          "assertions": {"total": 3, "pending": 0, "failed": failed}},
                "timings": {"started": 100 + iterations[0], "completed": 200 + iterations[0]},
                "transfers": {"responseTotal": 7},
                "error": null
            }
        })
    }

    #[test]
    fn shards_join_in_iteration_order_with_counts_added() {
        let a = ShardReport {
            file: "a".into(),
            doc: report(&[0, 1], 1),
        };
        let b = ShardReport {
            file: "b".into(),
            doc: report(&[2, 3], 2),
        };
        let m = merge(&[a, b]).unwrap();
        let its: Vec<u64> = m["run"]["executions"]
            .as_array()
            .unwrap()
            .iter()
            .map(iteration)
            .collect();
        assert_eq!(its, [0, 1, 2, 3]);
        assert_eq!(m["run"]["stats"]["iterations"]["total"], 4);
        assert_eq!(m["run"]["stats"]["assertions"]["failed"], 3);
        assert_eq!(m["run"]["failures"].as_array().unwrap().len(), 3);
        assert_eq!(m["run"]["transfers"]["responseTotal"], 14);
        assert_eq!(m["run"]["timings"]["responseMax"], 30);
        assert_eq!(m["run"]["timings"]["started"], 100);
        assert_eq!(m["run"]["timings"]["completed"], 202);
        assert_eq!(m["environment"]["values"][0]["value"], 3);
    }

    #[test]
    fn a_file_that_is_not_a_report_is_named() {
        let bad = ShardReport {
            file: "x.json".into(),
            doc: json!({"run": {}}),
        };
        let e = merge(&[bad]).unwrap_err().to_string();
        assert_eq!(
            e,
            "x.json: not a postie or newman JSON report: no run.executions"
        );
    }
}

//! The order in which an item's scripts made their output. newman's cli prints
//! each console line, each assertion and each answer to a `pm.sendRequest` as it
//! happens, and lists the run's failures in that order; postie keeps them apart
//! in the execution (reporters read them by kind) and puts them back in order
//! here, one phase (the pre-request scripts, or the test scripts) at a time.

use super::events::{Execution, SentRequest};
use crate::script::ScriptKind;
use std::ops::Range;

/// One step of a phase's output.
#[derive(Debug, Clone)]
pub enum Step<'e> {
    /// Console lines printed one after the other (indices into
    /// [`Execution::console`]): newman's cli prints them in one box.
    Console(Range<usize>),
    /// An assertion (an index into [`Execution::assertions`]).
    Assertion(usize),
    /// The answer (or error) to a request a script sent.
    Sent(&'e SentRequest),
}

impl Execution<'_> {
    /// The console lines, assertions and sent requests of the `kind` scripts,
    /// in the order they were made.
    pub fn timeline(&self, kind: ScriptKind) -> Vec<Step<'_>> {
        let split_console = self.console_before_request.min(self.console.len());
        let split_assertions = self.assertions_before_request.min(self.assertions.len());
        let (console, assertions) = match kind {
            ScriptKind::PreRequest => (0..split_console, 0..split_assertions),
            ScriptKind::Test => (
                split_console..self.console.len(),
                split_assertions..self.assertions.len(),
            ),
        };
        let sent: Vec<&SentRequest> = self.sent.iter().filter(|s| s.kind == kind).collect();
        let mut steps: Vec<Step<'_>> = Vec::new();
        let (mut c, mut s) = (console.start, 0);
        let mut a = assertions.start;
        loop {
            // What came before assertion `a`; after the last one, all that is left.
            let last = a >= assertions.end;
            loop {
                let console_due =
                    c < console.end && (last || self.console[c].after_assertions <= a);
                let sent_due = s < sent.len() && (last || sent[s].after_assertions <= a);
                if sent_due && (!console_due || sent[s].after_console <= c) {
                    steps.push(Step::Sent(sent[s]));
                    s += 1;
                } else if console_due {
                    match steps.last_mut() {
                        Some(Step::Console(run)) if run.end == c => run.end = c + 1,
                        _ => steps.push(Step::Console(c..c + 1)),
                    }
                    c += 1;
                } else {
                    break;
                }
            }
            if last {
                return steps;
            }
            steps.push(Step::Assertion(a));
            a += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::Item;
    use crate::http::HttpRequest;
    use crate::runner::events::Cursor;
    use crate::script::{AssertionResult, ConsoleEntry};

    fn line(text: &str, after_assertions: usize) -> ConsoleEntry {
        ConsoleEntry {
            level: "log".into(),
            text: text.into(),
            shown: None,
            after_assertions,
        }
    }

    fn sent(
        kind: ScriptKind,
        url: &str,
        after_assertions: usize,
        after_console: usize,
    ) -> SentRequest {
        SentRequest {
            kind,
            after_assertions,
            after_console,
            request: HttpRequest::default(),
            shown_url: url.into(),
            response: None,
            error: None,
        }
    }

    fn names(e: &Execution<'_>, kind: ScriptKind) -> Vec<String> {
        e.timeline(kind)
            .into_iter()
            .map(|s| match s {
                Step::Console(r) => format!(
                    "console {}",
                    e.console[r]
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                ),
                Step::Assertion(i) => format!("assert {}", e.assertions[i].name),
                Step::Sent(s) => format!("sent {}", s.shown_url),
            })
            .collect()
    }

    #[test]
    fn each_phase_keeps_the_order_its_scripts_made_their_output_in() {
        let item = Item::default();
        let mut e = Execution::new(&item, Vec::new(), Cursor::default());
        e.assertions = ["p1", "t1", "t2"]
            .iter()
            .map(|n| AssertionResult {
                name: n.to_string(),
                ..Default::default()
            })
            .collect();
        e.assertions_before_request = 1;
        // pre: 'a', p1, 'b', /pre answered, 'c' (its callback); test: 'd' 'e', t1, /t, 't', t2, 'f'
        e.console = vec![
            line("a", 0),
            line("b", 1),
            line("c", 1),
            line("d", 1),
            line("e", 1),
            line("t", 2),
            line("f", 3),
        ];
        e.console_before_request = 3;
        e.sent = vec![
            sent(ScriptKind::PreRequest, "/pre", 1, 2),
            sent(ScriptKind::Test, "/t", 2, 5),
        ];
        assert_eq!(
            names(&e, ScriptKind::PreRequest),
            [
                "console a",
                "assert p1",
                "console b",
                "sent /pre",
                "console c"
            ]
        );
        assert_eq!(
            names(&e, ScriptKind::Test),
            [
                "console d+e",
                "assert t1",
                "sent /t",
                "console t",
                "assert t2",
                "console f"
            ]
        );
    }

    #[test]
    fn places_past_the_end_go_last_rather_than_nowhere() {
        let item = Item::default();
        let mut e = Execution::new(&item, Vec::new(), Cursor::default());
        e.console = vec![line("late", 9)];
        e.sent = vec![sent(ScriptKind::Test, "/x", 9, 9)];
        assert_eq!(names(&e, ScriptKind::Test), ["console late", "sent /x"]);
        assert!(names(&e, ScriptKind::PreRequest).is_empty());
    }
}

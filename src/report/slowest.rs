//! The slowest requests of a run, kept as it goes (a handful of entries, however
//! long the run).

use crate::runner::events::Execution;

/// How many of the slowest requests reports list.
pub const SLOWEST: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Slow {
    pub time_ms: u64,
    pub method: String,
    pub url: String,
    /// "Folder / Request"
    pub name: String,
    pub iteration: usize,
    pub iterations: usize,
}

/// The [`SLOWEST`] requests with the longest response times seen so far.
#[derive(Debug, Default)]
pub struct Slowest {
    entries: Vec<Slow>,
}

impl Slowest {
    pub fn add(&mut self, e: &Execution<'_>) {
        let (Some(resp), Some(req)) = (&e.response, &e.request) else {
            return;
        };
        let full = self.entries.len() >= SLOWEST;
        if full && self.entries.iter().all(|s| s.time_ms >= resp.time_ms) {
            return;
        }
        self.entries.push(Slow {
            time_ms: resp.time_ms,
            method: req.method.clone(),
            url: e.shown_url.clone().unwrap_or_else(|| req.url.clone()),
            name: e.path_name(),
            iteration: e.cursor.iteration,
            iterations: e.cursor.iterations,
        });
        // Stable: among equal times the earlier request stays first.
        self.entries.sort_by_key(|s| std::cmp::Reverse(s.time_ms));
        self.entries.truncate(SLOWEST);
    }

    /// Slowest first.
    pub fn sorted(&self) -> &[Slow] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil;

    #[test]
    fn keeps_the_five_slowest_in_order() {
        let c = testutil::collection();
        let (item, parents) = testutil::get_user(&c);
        let mut s = Slowest::default();
        for (i, t) in [5u64, 50, 1, 70, 50, 3, 90, 2].iter().enumerate() {
            let mut e = testutil::execution(item, parents.clone(), testutil::cursor(i, 8, 0, 1));
            e.request = Some(testutil::get_user_request());
            e.response = Some(testutil::get_user_response(*t));
            s.add(&e);
        }
        let times: Vec<u64> = s.sorted().iter().map(|x| x.time_ms).collect();
        assert_eq!(times, vec![90, 70, 50, 50, 5]);
        assert_eq!(s.sorted()[2].iteration, 1);
        assert_eq!(s.sorted()[3].iteration, 4);
        assert_eq!(s.sorted()[0].name, "Users / Admin / Get user");
    }
}

//! The two JSON:API envelopes: one job, or a page of jobs.

use super::job::{Job, Links};
use super::list::BoundedList;
use super::text::Url;

/// A single-job document: the POST 202 response, or the GET of one job.
///
/// Memory: `260 + size_of::<Job<M, E, R>>()` bytes: 58 068 with the
/// defaults, 712 for a status poll (`JobDocument<0, 0, 0>`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JobDocument<const M: usize = 100, const E: usize = 10, const R: usize = 3> {
    /// `data`
    pub job: Job<M, E, R>,
    /// Top-level `links` (`None` when absent or `null`).
    pub links: Option<Links>,
}

impl<const M: usize, const E: usize, const R: usize> JobDocument<M, E, R> {
    /// An empty document, ready to decode into.
    pub const fn new() -> Self {
        JobDocument { job: Job::new(), links: None }
    }
}

impl<const M: usize, const E: usize, const R: usize> Default for JobDocument<M, E, R> {
    fn default() -> Self {
        Self::new()
    }
}

/// A list document's `links`. `None` when absent or `null`; Klaviyo sends
/// `"next": null` on the last page. `first` and `last` were dropped in
/// revision 2026-04-15 but are still read.
///
/// Memory: 1 298 bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CollectionLinks {
    /// `self`
    pub self_link: Url,
    /// `first`
    pub first: Option<Url>,
    /// `last`
    pub last: Option<Url>,
    /// `prev`
    pub prev: Option<Url>,
    /// `next`: the cursor URL of the next page.
    pub next: Option<Url>,
}

/// A job-list document: the GET of a job collection, one page.
///
/// Memory: `1 308 + J × size_of::<Job<M, E, R>>()` bytes: 1 157 468 with
/// the defaults (`J = 20`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct JobList<const J: usize = 20, const M: usize = 100, const E: usize = 10, const R: usize = 3> {
    /// `data`: the first `J` jobs, and how many the page had.
    pub jobs: BoundedList<Job<M, E, R>, J>,
    /// Top-level `links`.
    pub links: Option<CollectionLinks>,
}

impl<const J: usize, const M: usize, const E: usize, const R: usize> JobList<J, M, E, R> {
    /// An empty list, ready to decode into.
    pub const fn new() -> Self {
        JobList { jobs: BoundedList::new(), links: None }
    }

    /// Every job on the page was kept, each with all its errors and members.
    pub fn is_complete(&self) -> bool {
        self.jobs.is_complete() && self.jobs.iter().all(Job::is_complete)
    }
}

impl<const J: usize, const M: usize, const E: usize, const R: usize> Default for JobList<J, M, E, R> {
    fn default() -> Self {
        Self::new()
    }
}

//! The output seen without its capacities. The decoder writes every job
//! through these views, so one copy of the lexer and the schema walk serves
//! every `JobDocument<M, E, R>` and `JobList<J, M, E, R>` a program uses:
//! only the small adapters below are compiled per capacity.

use crate::model::text::JOB_ID_CAPACITY;
use crate::model::{
    Attributes, BoundedList, Job, JobError, JobKind, Links, ListMut, Member, Relationship, RelationshipLinks,
    RelationshipName, Text,
};

/// One job's fields, borrowed.
pub(crate) struct JobMut<'a> {
    pub kind: &'a mut JobKind,
    pub has_errors: &'a mut bool,
    pub id: &'a mut Text<JOB_ID_CAPACITY>,
    pub attributes: &'a mut Attributes,
    pub errors: ListMut<'a, JobError>,
    pub relationships: &'a mut dyn Relationships,
    pub links: &'a mut Links,
}

/// One relationship's fields, borrowed.
pub(crate) struct RelationshipMut<'a> {
    pub has_data: &'a mut bool,
    pub links: &'a mut RelationshipLinks,
    pub members: ListMut<'a, Member>,
}

/// A job's relationship list, whatever its capacities.
pub(crate) trait Relationships {
    /// Count a relationship called `name`; its slot if it is kept.
    fn begin(&mut self, name: RelationshipName) -> Option<u32>;
    /// The relationship in `slot`.
    fn get(&mut self, slot: usize) -> Option<RelationshipMut<'_>>;
    /// Keep only `kind`'s relationships, of which the job had `total`.
    fn retain_kind(&mut self, kind: JobKind, total: u32);
}

impl<const M: usize, const R: usize> Relationships for BoundedList<Relationship<M>, R> {
    fn begin(&mut self, name: RelationshipName) -> Option<u32> {
        let mut list = self.as_mut();
        let relationship = list.reborrow().begin()?;
        relationship.name = name;
        Some(self.len() as u32 - 1)
    }

    fn get(&mut self, slot: usize) -> Option<RelationshipMut<'_>> {
        let relationship = self.as_mut_slice().get_mut(slot)?;
        Some(RelationshipMut {
            has_data: &mut relationship.has_data,
            links: &mut relationship.links,
            members: relationship.members.as_mut(),
        })
    }

    fn retain_kind(&mut self, kind: JobKind, total: u32) {
        self.as_mut().retain(|relationship| kind.has_relationship(relationship.name), total);
    }
}

/// One job's storage.
pub(crate) trait JobStore {
    fn parts(&mut self) -> JobMut<'_>;
}

impl<const M: usize, const E: usize, const R: usize> JobStore for Job<M, E, R> {
    fn parts(&mut self) -> JobMut<'_> {
        JobMut {
            kind: &mut self.kind,
            has_errors: &mut self.has_errors,
            id: &mut self.id,
            attributes: &mut self.attributes,
            errors: self.errors.as_mut(),
            relationships: &mut self.relationships,
            links: &mut self.links,
        }
    }
}

/// A list of jobs' storage.
pub(crate) trait JobsStore {
    /// Count a new job; clear its slot if it is kept.
    fn begin(&mut self);
    /// The job last begun, if it was kept.
    fn current(&mut self) -> Option<JobMut<'_>>;
}

impl<const J: usize, const M: usize, const E: usize, const R: usize> JobsStore for BoundedList<Job<M, E, R>, J> {
    fn begin(&mut self) {
        self.as_mut().begin();
    }

    fn current(&mut self) -> Option<JobMut<'_>> {
        self.as_mut().current().map(Job::parts)
    }
}

//! The memory figures the rustdoc states, checked. Strings carry a `u16`
//! length and lists `u32` counters, so the figures hold on every target.

use core::mem::size_of;

use klaviyo_bulk_job::{
    Attributes, BoundedList, CollectionLinks, Decoder, ErrorSource, Job, JobDocument, JobError, JobList, Links, Member,
    Relationship, RelationshipLinks, Timestamp,
};

#[test]
fn leaf_types_have_their_documented_sizes() {
    assert_eq!(size_of::<Timestamp>(), 16);
    assert_eq!(size_of::<Attributes>(), 108);
    assert_eq!(size_of::<ErrorSource>(), 260);
    assert_eq!(size_of::<JobError>(), 1676);
    assert_eq!(size_of::<Member>(), 130);
    assert_eq!(size_of::<RelationshipLinks>(), 520);
    assert_eq!(size_of::<Links>(), 258);
    assert_eq!(size_of::<CollectionLinks>(), 1298);
}

#[test]
fn bounded_list_size_follows_its_formula() {
    fn formula(item: usize, n: usize) -> usize {
        (8 + n * item).div_ceil(4) * 4
    }
    // Member is 130 bytes with an alignment of 2: the counts round it up.
    assert_eq!(size_of::<BoundedList<Member, 1>>(), 140);
    for (actual, n) in [(size_of::<BoundedList<Member, 0>>(), 0), (size_of::<BoundedList<Member, 3>>(), 3)] {
        assert_eq!(actual, formula(size_of::<Member>(), n), "{n} members");
    }
    assert_eq!(size_of::<BoundedList<JobError, 2>>(), formula(size_of::<JobError>(), 2));
    assert_eq!(size_of::<BoundedList<u8, 1>>(), 12);
}

#[test]
fn relationship_size_follows_its_formula() {
    assert_eq!(size_of::<Relationship<0>>(), 532);
    assert_eq!(size_of::<Relationship<1>>(), (532_usize + 130).div_ceil(4) * 4);
    assert_eq!(size_of::<Relationship<100>>(), 13_532);
}

#[test]
fn job_size_follows_its_formula() {
    fn formula(m: usize, e: usize, r: usize) -> usize {
        452 + 1676 * e + r * (532 + 130 * m).div_ceil(4) * 4
    }
    assert_eq!(size_of::<Job<0, 0, 0>>(), 452);
    assert_eq!(size_of::<Job<1, 0, 1>>(), formula(1, 0, 1));
    assert_eq!(size_of::<Job<0, 1, 0>>(), formula(0, 1, 0));
    assert_eq!(size_of::<Job<7, 3, 2>>(), formula(7, 3, 2));
    assert_eq!(size_of::<Job>(), 57_808);
    assert_eq!(size_of::<Job>(), formula(100, 10, 3));
}

#[test]
fn documents_have_their_documented_sizes() {
    assert_eq!(size_of::<JobDocument>(), 58_068);
    assert_eq!(size_of::<JobDocument<0, 0, 0>>(), 712);
    assert_eq!(size_of::<JobDocument<4, 2, 1>>(), 260 + size_of::<Job<4, 2, 1>>());
    assert_eq!(size_of::<JobList>(), 1_157_468);
    assert_eq!(size_of::<JobList<3, 1, 1, 1>>(), 1308 + 3 * size_of::<Job<1, 1, 1>>());
}

#[test]
#[cfg(target_pointer_width = "64")]
fn decoder_state_is_fixed_and_small() {
    assert_eq!(size_of::<Decoder<'static>>(), 240);
    assert_eq!(size_of::<klaviyo_bulk_job::Error>(), 80, "the README's figure");
}

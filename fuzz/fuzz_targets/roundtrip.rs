//! `roundtrip`: an `arbitrary`-generated valid model is encoded, then either
//! decoded as is, or re-serialized (random whitespace, member order, escapes
//! and unknown members) and decoded, or re-serialized with one string longer
//! than its field's capacity. The result is the model, or
//! `StringTooLong { capacity }` at that string's path. See
//! `checks::check_roundtrip`.
//!
//! With `KLAVIYO_FUZZ_EXPORT=<file>` set, each run also writes its case as a
//! regression file (see `checks::roundtrip_regression`) before checking it:
//! run the target on a crashing input with it to get the file for
//! `fuzz/regressions/roundtrip/`.
#![no_main]

use arbitrary::Unstructured;
use klaviyo_bulk_job::RelationshipName;
use klaviyo_bulk_job_fuzz::checks::{self, Doc, Expect, List, Model};
use klaviyo_bulk_job_fuzz::{generate, reserialize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});

fn run(u: &mut Unstructured) -> arbitrary::Result<()> {
    if u.arbitrary()? {
        let model: Doc = generate::document(u)?;
        roundtrip(u, model, |doc, job| (job == 0).then_some(&mut doc.job.relationships.as_mut_slice()[..]))
    } else {
        let model: List = generate::list(u)?;
        roundtrip(u, model, |list, job| list.jobs.as_mut_slice().get_mut(job).map(|j| j.relationships.as_mut_slice()))
    }
}

fn roundtrip<T: Model, const M: usize>(
    u: &mut Unstructured,
    model: T,
    relationships: impl Fn(&mut T, usize) -> Option<&mut [klaviyo_bulk_job::Relationship<M>]>,
) -> arbitrary::Result<()> {
    let canonical = checks::encode_vec(&model);
    // 0: the encoding as is; 1, 2: re-serialized; 3: re-serialized with one
    // string over its capacity.
    let mode = u.int_in_range(0..=3u8)?;
    let variant = if mode == 0 {
        reserialize::Variant { bytes: canonical.clone(), too_long: None, relationship_order: Default::default() }
    } else {
        reserialize::reserialize(u, &canonical, T::SHAPE == "list", mode == 3)?
    };
    // The decoder keeps relationships in document order.
    let mut expected = model.clone();
    for (&job, order) in &variant.relationship_order {
        if let Some(slice) = relationships(&mut expected, job) {
            let rank = |name: RelationshipName| order.iter().position(|key| key == name.as_str());
            slice.sort_by_key(|relationship| rank(relationship.name));
        }
    }
    let too_long = variant.too_long.as_ref();
    if let Some(path) = std::env::var_os("KLAVIYO_FUZZ_EXPORT") {
        let file = checks::roundtrip_regression(T::SHAPE, &canonical, &variant.bytes, too_long);
        std::fs::write(path, file).expect("write the regression file");
    }
    checks::check_roundtrip(
        &canonical,
        &variant.bytes,
        Expect::Models { canonical: &model, variant: &expected },
        too_long,
    );
    Ok(())
}

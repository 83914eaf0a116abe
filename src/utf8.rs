//! Checking UTF-8 where no `&str` is needed: in text that is skipped.
//!
//! `core::str::from_utf8` checks text that is kept, since only it gives a
//! `&str` in safe code. These functions check the rest and build nothing,
//! and the tests hold them to `core::str::from_utf8`: a sequence must be
//! whole and as RFC 3629 allows it (no overlong forms, no surrogates,
//! nothing above U+10FFFF).

const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The length of the longest prefix of `bytes` that is valid UTF-8, as
/// `core::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| len)`
/// (its reference in the tests) but with no `&str` to build: the skip path
/// only needs to know the text is valid. ASCII goes eight bytes at a time;
/// a multi-byte sequence is checked against RFC 3629 (no overlong forms, no
/// surrogates, nothing above U+10FFFF).
pub(crate) fn valid_up_to(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
            let high = u64::from_le_bytes(*word) & HIGHS;
            if high == 0 {
                at += 8;
                continue;
            }
            at += (high.trailing_zeros() / 8) as usize;
        }
        if bytes[at] < 0x80 {
            at += 1;
            continue;
        }
        match sequence_len(bytes, at) {
            Some(width) => at += width,
            None => return at,
        }
    }
    at
}

/// The length of the UTF-8 sequence that starts with the high byte at
/// `at`, if all of it is in `bytes` and valid (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF).
#[inline]
pub(crate) fn sequence_len(bytes: &[u8], at: usize) -> Option<usize> {
    // The range of the second byte rules out overlong forms, surrogates
    // and code points above U+10FFFF; later bytes are any continuation.
    let (width, second) = match *bytes.get(at)? {
        0xC2..=0xDF => (2, 0x80..=0xBF),
        0xE0 => (3, 0xA0..=0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80..=0xBF),
        0xED => (3, 0x80..=0x9F),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return None,
    };
    let sequence = bytes.get(at..at + width)?;
    (second.contains(&sequence[1]) && sequence[2..].iter().all(|&byte| byte & 0xC0 == 0x80)).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8_reference(bytes: &[u8]) -> usize {
        core::str::from_utf8(bytes).map_or_else(|error| error.valid_up_to(), |_| bytes.len())
    }

    #[test]
    fn utf8_check_agrees_with_core_on_every_short_sequence() {
        // Every 1- and 2-byte input; then every lead byte followed by bytes
        // at each range boundary, at three alignments, cut at every length.
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for sample in [&[first][..], &[first, second]] {
                    assert_eq!(valid_up_to(sample), utf8_reference(sample), "{sample:x?}");
                }
            }
        }
        let edges = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF];
        for first in 0..=255u8 {
            for second in edges {
                for third in edges {
                    for fourth in edges {
                        for prefix in [0, 3, 7] {
                            let mut text = [b'a'; 16];
                            text[prefix..prefix + 4].copy_from_slice(&[first, second, third, fourth]);
                            for len in (prefix + 1..=prefix + 4).chain([text.len()]) {
                                let sample = &text[..len];
                                assert_eq!(valid_up_to(sample), utf8_reference(sample), "{sample:x?}");
                            }
                        }
                    }
                }
            }
        }
    }
}

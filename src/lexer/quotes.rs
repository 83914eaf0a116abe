//! Where the strings of a long skipped value end, read from a bitmap of
//! the quotes in the text ahead rather than by a scan from each string's
//! opening quote.
//!
//! A scan makes each string's end wait for the load and test of its
//! bytes, and the next string's start waits for that end: one chain of
//! dependent steps through the whole value. Here the text is read in
//! blocks of 64 bytes, each into a bitmap of its quotes and a flag for
//! whether it holds a backslash or a control byte. Those reads do not
//! depend on where the strings are, so the processor runs them ahead;
//! a string's end is then the next set bit after its opening quote.
//!
//! A string in a block that holds a backslash or a control byte, or too
//! near the end of the input for a block, is left to the scan
//! ([`super::cursor`]'s `skip_string`), the scalar reference that the
//! tests hold this to. Where most blocks are like that, the blocks do not
//! pay, and the value's strings are all scanned: pretty-printed text, with
//! a line break in every block, told by the line break after the value's
//! opening bracket; and text with escapes in more than one of the first
//! eight blocks ([`QuoteBlocks::worthwhile`]), as `json.dumps` writes
//! non-ASCII characters by default.

/// Bytes in a block.
const BLOCK: usize = 64;

/// Bytes of a block tested side by side for a special byte: one SSE2
/// register.
const LANES: usize = 16;

/// Blocks that [`QuoteBlocks::worthwhile`] reads to judge the text by.
const SAMPLE: usize = 8;

/// The mark of a quote at each byte of a block: bit `k` for a byte of the
/// block's `k`-th word. ORed together, the eight words give the block's
/// quotes as an 8×8 matrix of bits, word by column.
const WEIGHTS: [u8; BLOCK] = {
    let mut weights = [0; BLOCK];
    let mut index = 0;
    while index < BLOCK {
        weights[index] = 1 << (index / 8);
        index += 1;
    }
    weights
};

/// The 8×8 matrix of bits in `columns` transposed: bit `k` of byte `j`
/// (byte `j` of word `k` marked) becomes bit `8k + j`.
///
/// Three swaps of bits `d` apart, each `columns ^ swap ^ (swap << d)`
/// for the pairs' lower bits `swap`. As `swap` and `swap << d` share no
/// bit, their XOR is `swap * (1 + 2^d)`: one multiply for a copy, a shift
/// and an add. The further `2^63` adds `swap << 63`, which is 0 (each
/// mask leaves bit 0 clear), and keeps the compiler from turning the
/// multiply back into the shift and the add, as it does with `1 + 2^d`.
#[inline(always)]
fn transpose(mut columns: u64) -> u64 {
    let swap = (columns ^ (columns >> 7)) & 0x00AA_00AA_00AA_00AA;
    columns ^= swap.wrapping_mul(1 | 1 << 7 | 1 << 63);
    let swap = (columns ^ (columns >> 14)) & 0x0000_CCCC_0000_CCCC;
    columns ^= swap.wrapping_mul(1 | 1 << 14 | 1 << 63);
    let swap = (columns ^ (columns >> 28)) & 0x0000_0000_F0F0_F0F0;
    columns ^ swap.wrapping_mul(1 | 1 << 28 | 1 << 63)
}

/// One block's quotes (bit `i` for byte `i`) and whether it holds a
/// backslash or a control byte, or `None` if the block is not whole in
/// `bytes`.
///
/// Written a byte at a time, so that the compiler can test a vector
/// register of bytes at once (it does with SSE2 on x86_64); the marks are
/// then folded into one word and transposed.
#[inline(always)]
fn block(bytes: &[u8], base: usize) -> Option<(u64, bool)> {
    let block: &[u8; BLOCK] = bytes.get(base..base + BLOCK)?.try_into().ok()?;
    let mut marks = [0u8; BLOCK];
    for ((mark, &byte), &weight) in marks.iter_mut().zip(block).zip(&WEIGHTS) {
        *mark = if byte == b'"' { weight } else { 0 };
    }
    let mut columns = 0u64;
    for word in marks.as_chunks::<8>().0 {
        columns |= u64::from_le_bytes(*word);
    }
    // At each of 16 places, the block's lowest byte, and its lowest byte
    // XOR a backslash, 0 for a backslash: one register of each, tested
    // once for a control byte or a backslash, where a compare of every
    // byte with each would take two more instructions a register.
    let mut lowest = [u8::MAX; LANES];
    let mut backslash = [u8::MAX; LANES];
    for lane in block.as_chunks::<LANES>().0 {
        for ((lowest, backslash), &byte) in lowest.iter_mut().zip(&mut backslash).zip(lane) {
            *lowest = (*lowest).min(byte);
            *backslash = (*backslash).min(byte ^ b'\\');
        }
    }
    // The lowest byte less 0x1F (saturating) is 0 for a control byte, so
    // one compare with 0 tests both.
    let special = lowest
        .iter()
        .zip(&backslash)
        .fold(false, |any, (&lowest, &backslash)| any | (lowest.saturating_sub(0x1F).min(backslash) == 0));
    Some((transpose(columns), special))
}

/// The block at `base` as the blocks hold it: its quotes if it is clean
/// (whole in `bytes`, with no backslash or control byte), else none; and
/// whether it is not.
#[inline(always)]
fn read(bytes: &[u8], base: usize) -> (u64, bool) {
    match block(bytes, base) {
        // Masked rather than matched on the flag, so that the quotes do
        // not wait on a branch on it.
        Some((quotes, special)) => (quotes & u64::from(!special).wrapping_neg(), special),
        None => (0, true),
    }
}

/// The quotes of two blocks ahead of the strings being skipped.
pub(super) struct QuoteBlocks {
    /// Start of the first block; a multiple of [`BLOCK`].
    base: usize,
    /// Quotes of the block at `base`, and of the one after it; none in a
    /// block that is not clean.
    quotes: [u64; 2],
    /// Bit `i` for block `i` if it is not clean: it holds a backslash or a
    /// control byte, or is not whole in the input.
    dirty: u8,
}

impl QuoteBlocks {
    /// Blocks from the one that holds `pos`.
    #[inline]
    pub(super) fn new(bytes: &[u8], pos: usize) -> Self {
        let mut blocks = QuoteBlocks::unread();
        blocks.start_at(bytes, pos & !(BLOCK - 1));
        blocks
    }

    /// No block read: [`QuoteBlocks::closing_quote_near`] finds nothing.
    #[inline(always)]
    pub(super) const fn unread() -> Self {
        QuoteBlocks { base: 0, quotes: [0; 2], dirty: 0b11 }
    }

    /// The closing quote of the string whose body starts at `from`, if the
    /// first block holds `from`, is clean, and shows the quote: most
    /// strings of compact text, in a few instructions. Anything else is
    /// [`QuoteBlocks::closing_quote`]'s.
    #[inline(always)]
    pub(super) fn closing_quote_near(&self, from: usize) -> Option<usize> {
        let offset = from.wrapping_sub(self.base);
        if offset >= BLOCK {
            return None;
        }
        let ahead = self.quotes[0] >> offset;
        if ahead == 0 {
            return None;
        }
        Some(from + ahead.trailing_zeros() as usize)
    }

    /// Read the two blocks from `base` afresh: at the start, and after a
    /// string the blocks did not show, which may have ended past both.
    /// Kept out of line, since it runs rarely.
    #[inline(never)]
    fn start_at(&mut self, bytes: &[u8], base: usize) {
        self.base = base;
        self.dirty = 0;
        for index in 0..2 {
            let dirty;
            (self.quotes[index], dirty) = read(bytes, base + index * BLOCK);
            self.dirty |= u8::from(dirty) << index;
        }
    }

    /// Whether the blocks are worth reading on, judged once, by the first
    /// [`SAMPLE`] blocks (the two held, and those after them): not if more
    /// than one of them holds a backslash or a control byte. Every block of pretty-printed text holds a line
    /// break; and in escaped text, as `json.dumps` writes non-ASCII
    /// characters by default, so many strings are scanned anyway that
    /// reading the blocks costs more than it saves.
    #[inline(never)]
    pub(super) fn worthwhile(&self, bytes: &[u8]) -> bool {
        let held = self.dirty.count_ones() as usize;
        let after = (2..SAMPLE).filter(|index| read(bytes, self.base + index * BLOCK).1).count();
        held + after <= 1
    }

    /// The block after the first becomes the first. A block that is not
    /// clean is rare in the text the blocks read on (see
    /// [`QuoteBlocks::worthwhile`]), so its mark is set out of the way.
    #[inline(always)]
    fn advance(&mut self, bytes: &[u8]) {
        self.base += BLOCK;
        self.quotes[0] = self.quotes[1];
        self.dirty >>= 1;
        let dirty;
        (self.quotes[1], dirty) = read(bytes, self.base + BLOCK);
        if dirty {
            self.dirty_second();
        }
    }

    /// The second block is not clean (its quotes are none already).
    #[cold]
    #[inline(always)]
    fn dirty_second(&mut self) {
        self.dirty |= 0b10;
    }

    /// The position of the closing quote of the string whose body starts
    /// at `from`, if the blocks show it: no backslash or control byte is
    /// in any block from the one that holds `from` to the one that holds
    /// the quote. Each call's `from` lies after where the last string's
    /// scan stopped; one before the blocks gets `None`.
    #[inline(always)]
    pub(super) fn closing_quote(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        if from >= self.base + BLOCK {
            if from < self.base + 2 * BLOCK {
                self.advance(bytes);
            } else {
                self.start_at(bytes, from & !(BLOCK - 1));
            }
        }
        let mut ahead = self.quotes[0] & (u64::MAX << from.checked_sub(self.base)?);
        loop {
            // A block that is not clean shows no quotes.
            if ahead != 0 {
                return Some(self.base + ahead.trailing_zeros() as usize);
            }
            if self.dirty & 1 != 0 {
                return None;
            }
            self.advance(bytes);
            ahead = self.quotes[0];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan;
    use crate::xorshift::Xorshift;

    /// Every byte value at every position of a block, among neighbours of
    /// each kind (quotes, so that every mark but one is set; `#`, zeros,
    /// high bytes, the special bytes): each quote found at its own bit of
    /// the bitmap, and nothing else, and the flag exactly when a backslash
    /// or control byte is present.
    #[test]
    fn a_block_finds_each_quote_and_flags_each_special_byte() {
        for fill in [b'a', b'"', b'#', 0x00, 0x1F, b'\\', b']', 0x21, 0x80, 0xFF, b' '] {
            for at in 0..BLOCK {
                for value in 0..=255u8 {
                    let mut bytes = [fill; BLOCK + 1];
                    bytes[at] = value;
                    let (quotes, special) = block(&bytes, 0).unwrap();
                    let block = &bytes[..BLOCK];
                    for (index, &byte) in block.iter().enumerate() {
                        assert_eq!(quotes >> index & 1 == 1, byte == b'"', "{block:?} at {index}");
                    }
                    let expected = block.iter().any(|&byte| byte == b'\\' || byte < 0x20);
                    assert_eq!(special, expected, "{block:?}");
                    // As the blocks hold it: no quotes in a block that is not clean.
                    let held = if special { 0 } else { quotes };
                    assert_eq!(read(&bytes, 0), (held, special), "{block:?}");
                }
            }
        }
        assert_eq!(block(&[b'"'; BLOCK - 1], 0), None);
        assert_eq!(read(&[b'"'; BLOCK - 1], 0), (0, true));
        assert_eq!(read(&[b'"'; BLOCK], 1), (0, true));
    }

    /// A string whose end lies in or past a block that is not clean is
    /// left to the scan, though a later block shows a quote; one that ends
    /// before that block is not.
    #[test]
    fn closing_quote_stops_at_a_block_that_is_not_clean() {
        let mut bytes = [b'a'; 5 * BLOCK];
        bytes[3 * BLOCK + 5] = b'"';
        // Blocks 0 and 1 clean with no quote, block 2 holds an escape.
        bytes[2 * BLOCK + 9] = b'\\';
        assert_eq!(QuoteBlocks::new(&bytes, 3).closing_quote(&bytes, 3), None);
        // Nor one before the escape in its block: that block shows none.
        bytes[2 * BLOCK + 1] = b'"';
        assert_eq!(QuoteBlocks::new(&bytes, 3).closing_quote(&bytes, 3), None);
        // One in the block before it is found.
        bytes[2 * BLOCK + 1] = b'a';
        bytes[BLOCK + 60] = b'"';
        assert_eq!(QuoteBlocks::new(&bytes, 3).closing_quote(&bytes, 3), Some(BLOCK + 60));
        // With the escape gone, they show the quote three blocks on.
        bytes[BLOCK + 60] = b'a';
        bytes[2 * BLOCK + 9] = b'a';
        assert_eq!(QuoteBlocks::new(&bytes, 3).closing_quote(&bytes, 3), Some(3 * BLOCK + 5));
        // A control byte stops them as an escape does.
        bytes[BLOCK + 30] = b'\n';
        assert_eq!(QuoteBlocks::new(&bytes, 3).closing_quote(&bytes, 3), None);
    }

    /// The transposition moves bit `k` of byte `j` to bit `8k + j`, and
    /// back again: on random words, against one bit at a time.
    #[test]
    fn transpose_moves_each_bit_across_the_diagonal() {
        let mut random = Xorshift(0x2545_F491_4F6C_DD1D);
        for round in 0..10_000 {
            let columns = if round < 64 { 1 << round } else { random.next() };
            let mut expected = 0u64;
            for byte in 0..8 {
                for bit in 0..8 {
                    expected |= (columns >> (8 * byte + bit) & 1) << (8 * bit + byte);
                }
            }
            assert_eq!(transpose(columns), expected, "{columns:#018x}");
            assert_eq!(transpose(expected), columns, "{columns:#018x}");
        }
    }

    /// The blocks are judged worth reading on compact text, even with one
    /// escape in the sample, and not on text with a line break in every
    /// block or an escape in every other one.
    #[test]
    fn worthwhile_on_compact_text_only() {
        let judge = |text: &[u8]| QuoteBlocks::new(text, 0).worthwhile(text);
        let compact = [b"{\"id\":\"abcdefghijklmnopqrstuvwxyz\",\"n\":12}," as &[u8]; 24].concat();
        assert!(judge(&compact));
        let mut one_escape = compact.clone();
        one_escape[100] = b'\\';
        assert!(judge(&one_escape));
        let mut two_escapes = one_escape.clone();
        two_escapes[300] = b'\\';
        assert!(!judge(&two_escapes));
        let pretty = [b"{\n  \"id\": \"abcdefghijklmnopqrstuvwxyz\",\n  \"n\": 12\n}," as &[u8]; 24].concat();
        assert!(!judge(&pretty));
        // Too short for the sample: the blocks past the end count against it.
        assert!(!judge(&compact[..400]));
    }

    /// Along random text, each string's body starts after where the last
    /// one's scan stopped, by small steps and by jumps past both blocks. Where the
    /// blocks give an end, it is the scan's (a closing quote with nothing
    /// special before it); and they give it whenever the text between is
    /// plain and lies in whole blocks.
    #[test]
    fn closing_quote_agrees_with_the_scan() {
        let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for round in 0..4_000 {
            // Half the texts have nothing special, so the blocks must answer.
            let plain = round % 2 == 0;
            let alphabet: &[u8] =
                if plain { b"aaaaaaaa\"#\xC3\xA9 ,:{}[]0" } else { b"aaaaaaaa\"#\xC3\xA9 ,:{}[]0\\\n\x01" };
            let len = 64 + (random.next() % 600) as usize;
            let mut bytes = [0u8; 700];
            for byte in &mut bytes[..len] {
                *byte = alphabet[(random.next() % alphabet.len() as u64) as usize];
            }
            let bytes = &bytes[..len];
            let mut from = (random.next() % 64) as usize;
            let mut blocks = QuoteBlocks::new(bytes, from);
            while from < len {
                let stop = scan::string_special_end(bytes, from);
                let ends_with_quote = bytes.get(stop) == Some(&b'"');
                let got = blocks.closing_quote(bytes, from);
                if let Some(end) = got {
                    assert!(ends_with_quote && end == stop, "{bytes:?} from {from}: {end} against {stop}");
                    found += 1;
                } else if plain && ends_with_quote {
                    // Only a quote in a block cut by the end of the input is missed.
                    assert!(stop >= len / BLOCK * BLOCK, "{bytes:?} from {from}: missed {stop}");
                }
                from = stop
                    + match random.next() % 8 {
                        0 => 130 + (random.next() % 200) as usize,
                        1 => 1,
                        _ => 1 + (random.next() % 24) as usize,
                    };
            }
        }
        assert!(found > 10_000, "the blocks gave only {found} ends");
    }
}

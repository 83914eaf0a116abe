//! The skip path: a value nobody wants (an unknown member, `included[]`)
//! is validated whole token by whole token in one tight loop, with no
//! events and no per-byte state.
//!
//! The loop takes only tokens that lie wholly in the chunk and that it can
//! prove valid; it stops in front of anything else (a token cut by the
//! chunk boundary, a surrogate escape, the nesting limit, a byte that is
//! wrong) and leaves the lexer exactly as the general path would have left
//! it there. The general path then reads that token, reporting any error
//! with the same kind and offset, and the loop takes over again after it.

use super::{Lexer, MAX_DEPTH, State, in_object, whole};
use crate::{scan, utf8};

impl Lexer {
    /// Skip whole tokens from `pos` while skipping lasts; returns the
    /// position reached.
    pub(super) fn skip_whole_tokens(&mut self, chunk: &[u8], mut pos: usize) -> usize {
        let mut state = self.state;
        let mut depth = self.depth;
        let mut objects = self.objects;
        let until = self.skip_until;
        loop {
            pos = scan::skip_whitespace(chunk, pos);
            let Some(&byte) = chunk.get(pos) else { break };
            // `Some(closed depth)` when the token ended a value.
            let mut value_end = None;
            match (state, byte) {
                (State::Value | State::ArrayStart | State::ObjectStart | State::Key, b'"') => {
                    let key = matches!(state, State::ObjectStart | State::Key);
                    match string_body(chunk, pos) {
                        Body::Ended(next) => {
                            pos = next;
                            if key {
                                // The colon usually follows at once.
                                if chunk.get(pos) == Some(&b':') {
                                    pos += 1;
                                    state = State::Value;
                                } else {
                                    state = State::Colon;
                                }
                            } else {
                                value_end = Some(depth);
                            }
                        }
                        Body::Stopped(next) => {
                            // The general path reads the rest of the body.
                            self.token_at = self.consumed + pos;
                            self.in_key = key;
                            state = State::Str;
                            pos = next;
                            break;
                        }
                    }
                }
                (State::Value | State::ArrayStart, b'{' | b'[') => {
                    if depth >= MAX_DEPTH {
                        break;
                    }
                    let object = byte == b'{';
                    objects = if object { objects | 1 << depth } else { objects & !(1 << depth) };
                    depth += 1;
                    state = if object { State::ObjectStart } else { State::ArrayStart };
                    pos += 1;
                }
                (State::Value | State::ArrayStart, b'-' | b'0'..=b'9') => {
                    let Some(number) = whole::number_end(chunk, pos) else { break };
                    pos = number.end;
                    value_end = Some(depth);
                }
                (State::Value | State::ArrayStart, b't' | b'f' | b'n') => {
                    let Some((_, end)) = whole::literal_end(chunk, pos) else { break };
                    pos = end;
                    value_end = Some(depth);
                }
                (State::Colon, b':') => {
                    state = State::Value;
                    pos += 1;
                }
                (State::AfterValue, b',') => {
                    state = if in_object(objects, depth) { State::Key } else { State::Value };
                    pos += 1;
                }
                (State::ArrayStart, b']') | (State::ObjectStart, b'}') => {
                    depth -= 1;
                    pos += 1;
                    value_end = Some(depth);
                }
                (State::AfterValue, b'}' | b']') if (byte == b'}') == in_object(objects, depth) => {
                    depth -= 1;
                    pos += 1;
                    value_end = Some(depth);
                }
                _ => break,
            }
            if let Some(depth) = value_end {
                if depth + 1 == until {
                    state = if depth == 0 { State::Done } else { State::AfterValue };
                    self.skip_until = 0;
                    break;
                }
                // Still inside the skipped value; the comma usually follows
                // at once.
                state = State::AfterValue;
                if depth > 0 && chunk.get(pos) == Some(&b',') {
                    pos += 1;
                    state = if in_object(objects, depth) { State::Key } else { State::Value };
                }
            }
        }
        self.state = state;
        self.depth = depth;
        self.objects = objects;
        pos
    }
}

/// How far the skip loop got through a string.
enum Body {
    /// The string ended; the position after its closing quote.
    Ended(usize),
    /// Everything before this position is valid, and the general path
    /// reads on from it: the end of the chunk, a UTF-8 sequence or an
    /// escape cut by it, a surrogate escape, or the byte that is an error.
    Stopped(usize),
}

/// The body of the string whose quote is at `quote`, in one pass: plain
/// ASCII a word at a time, then each escape or UTF-8 sequence checked where
/// it stands. Only escapes that stand alone are taken.
#[inline(always)]
fn string_body(chunk: &[u8], quote: usize) -> Body {
    let mut pos = quote + 1;
    loop {
        pos = scan::plain_ascii_end(chunk, pos);
        let step = match chunk.get(pos) {
            Some(b'"') => return Body::Ended(pos + 1),
            Some(b'\\') => escape_len(&chunk[pos + 1..]).map(|len| len + 1),
            Some(0x80..) => utf8::sequence_len(chunk, pos),
            _ => None,
        };
        match step {
            Some(len) => pos += len,
            None => return Body::Stopped(pos),
        }
    }
}

/// The length of a valid escape after its backslash, if it is whole in
/// `rest` and not a surrogate.
fn escape_len(rest: &[u8]) -> Option<usize> {
    match rest.first()? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(1),
        b'u' => {
            let unit = whole::hex4(rest, 1)?;
            if (0xD800..=0xDFFF).contains(&unit) { None } else { Some(5) }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Decoder, Error, JobDocument, decode_job};

    /// A valid job with `value` as an unknown member, which is skipped.
    fn document(value: &[u8]) -> ([u8; 640], usize) {
        let parts: [&[u8]; 3] = [
            br#"{"x_unknown":"#,
            value,
            br#","data":{"type":"catalog-item-bulk-create-job","id":"01GSQPBF74KQ5YTDEPP41T1BZH","attributes":{"status":"queued","created_at":"2022-11-08T00:00:00+00:00","total_count":1},"links":{"self":"https://a.klaviyo.com/api/catalog-item-bulk-create-jobs/01GSQPBF74KQ5YTDEPP41T1BZH/"}}}"#,
        ];
        let mut bytes = [0u8; 640];
        let mut len = 0;
        for part in parts {
            bytes[len..len + part.len()].copy_from_slice(part);
            len += part.len();
        }
        (bytes, len)
    }

    fn fed_in(input: &[u8], chunk: usize) -> Result<(), Error> {
        let mut output: JobDocument<0, 0, 0> = JobDocument::new();
        let mut decoder = Decoder::single(&mut output);
        for piece in input.chunks(chunk) {
            decoder.feed(piece)?;
        }
        decoder.finish()
    }

    /// The skip loop against the byte-wise path: whole, every token is the
    /// loop's to take or refuse; one byte at a time, every token longer
    /// than a byte is read byte by byte. Each case is chosen to sit at one
    /// of the places where the loop stops and hands over.
    #[test]
    fn skip_loop_agrees_with_the_byte_wise_path() {
        let values: [&[u8]; 46] = [
            br#""plain""#,
            "\"caf\u{e9} \u{6d17}\u{1f600}\"".as_bytes(),
            br#""esc \" \\ \/ \b \f \n \r \t \u00e9 \u6d17""#,
            br#""pair \ud83d\ude00""#,
            br#""lone \ud83d""#,
            br#""lone \ude00 low""#,
            br#""bad \uZZZZ""#,
            br#""bad \q""#,
            b"\"raw\ttab\"",
            b"\"bad \xff byte\"",
            b"\"overlong \xc0\x80\"",
            b"\"surrogate \xed\xa0\x80\"",
            b"\"cut \xe6\xb4\"",
            br#"0"#,
            br#"-0"#,
            br#"-12.5e+3"#,
            br#"1E-2"#,
            br#"-"#,
            br#"01"#,
            br#"1."#,
            br#"1.5e"#,
            br#"1e+"#,
            br#"1.5.3"#,
            br#"18446744073709551616"#,
            br#"true"#,
            br#"false"#,
            br#"null"#,
            br#"tru"#,
            br#"truex"#,
            br#"nul"#,
            br#"{}"#,
            br#"[]"#,
            br#"[[[[]]], {"a": [1, "b", null]}]"#,
            br#"[1,]"#,
            br#"{"a":1,}"#,
            br#"{"a" 1}"#,
            br#"[1 2]"#,
            br#"{"a":}"#,
            br#"{1:2}"#,
            br#"{"a":1]"#,
            br#"[1}"#,
            br#"]"#,
            b" \t\r\n[ 1 , { \"k\" : \"v\" } ]",
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            b"\x01",
        ];
        let mut outcomes = [0usize; 2];
        for value in values {
            let (bytes, len) = document(value);
            let input = &bytes[..len];
            let mut whole_output: JobDocument<0, 0, 0> = JobDocument::new();
            let whole = decode_job(input, &mut whole_output);
            for chunk in [1, 2, 3, 7] {
                assert_eq!(fed_in(input, chunk), whole, "{:?} in {chunk}-byte chunks", value.escape_ascii());
            }
            outcomes[usize::from(whole.is_err())] += 1;
        }
        // Both outcomes are exercised: the cases are not all one kind.
        assert_eq!(outcomes, [17, 29]);
    }
}

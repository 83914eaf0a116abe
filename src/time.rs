//! RFC 3339 timestamps: parsing with calendar checks, and formatting back
//! with the original offset and precision.

use core::fmt;

/// The UTC offset written in a timestamp: `Z`, `±HH:MM` in minutes east of
/// UTC (-1439 to 1439), or `-00:00`.
///
/// `-00:00` is kept apart from `+00:00`: RFC 3339 §4.3 gives it its own
/// meaning, a time in UTC whose local offset is unknown.
///
/// Plain integers with no spare bit patterns, so that `None` of an
/// `Option<Timestamp>` is all zero bytes and an empty `JobDocument` can
/// live in `.bss`. The default is `+00:00`.
///
/// Deserializing (the `serde` feature) takes only the values parsing
/// gives: minutes within ±23:59, and 0 minutes for `Z` and `-00:00`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(try_from = "OffsetFields"))]
pub struct UtcOffset {
    minutes: i16,
    /// How it is written: 0 for `±HH:MM`, [`FORM_Z`] for `Z`,
    /// [`FORM_UNKNOWN_LOCAL`] for `-00:00`.
    form: u8,
}

/// [`UtcOffset`]'s fields as serialized, checked before they become one.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct OffsetFields {
    minutes: i16,
    form: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<OffsetFields> for UtcOffset {
    type Error = &'static str;

    fn try_from(OffsetFields { minutes, form }: OffsetFields) -> Result<Self, Self::Error> {
        match form {
            0 if (-1439..=1439).contains(&minutes) => Ok(UtcOffset { minutes, form }),
            0 => Err("a UTC offset of more than 23:59"),
            FORM_Z | FORM_UNKNOWN_LOCAL if minutes == 0 => Ok(UtcOffset { minutes, form }),
            FORM_Z | FORM_UNKNOWN_LOCAL => Err("minutes given for a `Z` or `-00:00` offset"),
            _ => Err("a UTC offset form other than 0 (±HH:MM), 1 (Z) and 2 (-00:00)"),
        }
    }
}

/// [`UtcOffset`] written as `Z`.
const FORM_Z: u8 = 1;
/// [`UtcOffset`] written as `-00:00`.
const FORM_UNKNOWN_LOCAL: u8 = 2;

impl UtcOffset {
    /// `Z` (or `z`).
    pub const Z: UtcOffset = UtcOffset { minutes: 0, form: FORM_Z };

    /// `-00:00`: the time is in UTC, and its local offset is unknown
    /// (RFC 3339 §4.3).
    pub const UNKNOWN_LOCAL: UtcOffset = UtcOffset { minutes: 0, form: FORM_UNKNOWN_LOCAL };

    /// `±HH:MM`: `minutes` east of UTC, clamped to -1439..=1439.
    pub const fn from_minutes(minutes: i16) -> UtcOffset {
        let minutes = if minutes > 1439 {
            1439
        } else if minutes < -1439 {
            -1439
        } else {
            minutes
        };
        UtcOffset { minutes, form: 0 }
    }

    /// Written as `Z`.
    pub const fn is_z(self) -> bool {
        self.form == FORM_Z
    }

    /// Written as `-00:00`: [`UtcOffset::UNKNOWN_LOCAL`].
    pub const fn is_unknown_local(self) -> bool {
        self.form == FORM_UNKNOWN_LOCAL
    }

    /// Minutes east of UTC (0 for `Z` and for `-00:00`).
    pub const fn minutes(self) -> i16 {
        self.minutes
    }

    /// The sign, and the offset's magnitude in minutes, as written.
    const fn written(self) -> (u8, u16) {
        let minutes = self.minutes();
        let sign = if minutes < 0 || self.is_unknown_local() { b'-' } else { b'+' };
        (sign, minutes.unsigned_abs())
    }
}

impl fmt::Debug for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_z() {
            return f.write_str("Z");
        }
        let (sign, magnitude) = self.written();
        write!(f, "{}{:02}:{:02}", char::from(sign), magnitude / 60, magnitude % 60)
    }
}

/// An RFC 3339 date-time as Klaviyo writes it, such as
/// `2026-07-02T05:19:57+00:00` or `2026-07-02T04:46:42.867000+00:00`.
///
/// Kept as written: the fields, the nanoseconds with the number of fraction
/// digits, and the offset, so formatting gives back the same instant in the
/// same form (`t` and `z` come back upper case).
///
/// Memory: 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamp {
    /// Nanoseconds, 0 to 999 999 999.
    pub nanosecond: u32,
    /// Year, 0 to 9999.
    pub year: u16,
    /// The offset from UTC.
    pub offset: UtcOffset,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 28–31.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60 (60 only for a leap second: 23:59:60 UTC on the last
    /// day of a month).
    pub second: u8,
    /// Digits written after the decimal point, 0 to 9 (0: none, no point).
    pub fraction_digits: u8,
}

/// Longest timestamp text: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+HH:MM`.
pub const TIMESTAMP_MAX_LEN: usize = 35;

/// Is `year` a leap year in the proleptic Gregorian calendar?
pub const fn is_leap_year(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// Can second 60 of `hour:minute` on this date, at `offset`, be a leap
/// second? Only as 23:59:60 UTC on the last day of a month, the only place
/// ITU-R TF.460 puts one (RFC 3339 §5.7 writes one as
/// `1990-12-31T15:59:60-08:00`). The offset is at most a day, so the UTC
/// minute is either on the same date or the day before.
const fn is_leap_second_minute(year: u16, month: u8, day: u8, hour: u8, minute: u8, offset: UtcOffset) -> bool {
    match hour as i32 * 60 + minute as i32 - offset.minutes() as i32 {
        1439 => day == days_in_month(year, month),
        // 23:59 UTC of the day before, which ends a month when this is a 1st.
        -1 => day == 1,
        _ => false,
    }
}

/// Days in `month` (1 to 12) of `year`; 0 for a month outside 1 to 12.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const ZEROS: u64 = ONES * b'0' as u64;

/// `YYYY-MM-DDTHH:MM:SS` as three little-endian words, the last holding
/// only its first three bytes: which bits of each word are compared with a
/// separator (bit 5 of the `T` is not, so `t` passes), the separators, and
/// which bytes are digits.
const SEPARATOR_BITS: [u64; 3] = [
    u64::from_le_bytes([0, 0, 0, 0, 0xFF, 0, 0, 0xFF]),
    u64::from_le_bytes([0, 0, 0xDF, 0, 0, 0xFF, 0, 0]),
    u64::from_le_bytes([0xFF, 0, 0, 0, 0, 0, 0, 0]),
];
const SEPARATORS: [u64; 3] = [
    u64::from_le_bytes(*b"\0\0\0\0-\0\0-"),
    u64::from_le_bytes(*b"\0\0T\0\0:\0\0"),
    u64::from_le_bytes(*b":\0\0\0\0\0\0\0"),
];
const DIGIT_BYTES: [u64; 3] = [
    u64::from_le_bytes([0xFF, 0xFF, 0xFF, 0xFF, 0, 0xFF, 0xFF, 0]),
    u64::from_le_bytes([0xFF, 0xFF, 0, 0xFF, 0xFF, 0, 0xFF, 0xFF]),
    u64::from_le_bytes([0, 0xFF, 0xFF, 0, 0, 0, 0, 0]),
];

/// `10^(9 - digits)`: what a fraction of `digits` digits is multiplied by
/// to make nanoseconds.
const FRACTION_SCALE: [u32; 10] =
    [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/// The 19 bytes of date and time as two-digit numbers, three words: byte
/// `i` of word `w` is `10 * d + e` for the digits `d` and `e` at `8w + i`
/// and the byte after it (wherever both are digits); `None` if a
/// separator is wrong or a digit is not one.
///
/// Read straight from the text, eight bytes at a time (the third word
/// from its three bytes): with each byte that is not a digit replaced by
/// `0`, every byte must lie in `'0'..='9'`. `(byte | 0x80) - 0x30` keeps
/// its high bit exactly when the byte is at least `'0'`, and `byte + 0x46`
/// sets it when the byte is above `'9'`; neither carries into the next
/// byte for ASCII, and a byte of 0x80 or more fails on its own high bit.
/// Then `10 * word + (word >> 8)` makes each byte and the next one number:
/// at most 99, so no byte carries into the next.
#[inline(always)]
fn date_and_time_pairs(head: &[u8; 19]) -> Option<[u64; 3]> {
    let (first, rest) = head.split_first_chunk::<8>()?;
    let (second, last) = rest.split_first_chunk::<8>()?;
    let words = [
        u64::from_le_bytes(*first),
        u64::from_le_bytes(*second),
        u64::from(u32::from_le_bytes([last[0], last[1], last[2], 0])),
    ];
    let mut pairs = [0; 3];
    let mut bad = 0;
    for (index, word) in words.into_iter().enumerate() {
        bad |= (word & SEPARATOR_BITS[index]) ^ SEPARATORS[index];
        let only_digits = (word & DIGIT_BYTES[index]) | (ZEROS & !DIGIT_BYTES[index]);
        bad |= !((only_digits | HIGHS) - ZEROS) & HIGHS;
        bad |= (only_digits.wrapping_add(ONES * 0x46) | only_digits) & HIGHS;
        let digits = only_digits.wrapping_sub(ZEROS);
        pairs[index] = digits.wrapping_mul(10).wrapping_add(digits >> 8);
    }
    (bad == 0).then_some(pairs)
}

/// The two-digit number at `at` of the pair words.
#[inline(always)]
const fn pair(pairs: &[u64; 3], at: usize) -> u32 {
    (pairs[at / 8] >> (at % 8 * 8)) as u32 & 0xFF
}

/// The value of the two ASCII digits at `at` (an offset's hours or
/// minutes), or more than 99 if either is not a digit. A tens byte that is
/// not a digit is at least 10 once `'0'` is taken from it, so the sum is
/// already past 99; only the ones byte needs its own test.
#[inline(always)]
fn two_digits(text: &[u8], at: usize) -> u32 {
    let tens = u32::from(text[at].wrapping_sub(b'0'));
    let ones = u32::from(text[at + 1].wrapping_sub(b'0'));
    if ones > 9 { u32::MAX } else { tens * 10 + ones }
}

/// An optional `.` and one to nine digits at the start of `rest`: the
/// nanoseconds, the number of digits, and what follows.
#[inline(always)]
fn fraction(rest: &[u8]) -> Option<(u32, u8, &[u8])> {
    let Some((b'.', digits)) = rest.split_first() else {
        return Some((0, 0, rest));
    };
    let count = digits.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let scale = *FRACTION_SCALE.get(count).filter(|_| count > 0)?;
    let value = digits[..count].iter().fold(0u32, |value, &digit| value * 10 + u32::from(digit - b'0'));
    Some((value * scale, count as u8, &digits[count..]))
}

impl Timestamp {
    /// Parse `YYYY-MM-DD(T|t)HH:MM:SS[.f{1,9}](Z|z|±HH:MM)`, checking that
    /// the date exists, that a second 60 is a leap second (23:59:60 UTC on
    /// the last day of a month), and that the offset is at most 23:59.
    pub fn parse(text: &[u8]) -> Option<Timestamp> {
        Self::parse_prefix(text).and_then(|(timestamp, len)| (len == text.len()).then_some(timestamp))
    }

    /// The timestamp `text` starts with, and its length: [`Timestamp::parse`]
    /// of that prefix. A reader of whole JSON text takes one this way and
    /// checks that the string's quote follows it, with no scan for the
    /// quote first.
    ///
    /// Always inlined on 64-bit targets, so that the timestamp reaches
    /// the reader in registers. Returned through memory, it is stored a
    /// field at a time and loaded back as one 16-byte word, which the
    /// processor cannot forward from the narrow stores: the load waits for
    /// them to reach the cache. A microcontroller has no such stall, and
    /// each copy would cost flash: with the `fast-path` feature, the
    /// example firmware's decoder took 10 580 B more with it inlined.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn parse_prefix(text: &[u8]) -> Option<(Timestamp, usize)> {
        let (head, rest) = text.split_first_chunk::<19>()?;
        // The fixed 19 bytes of date and time, eight at a time.
        let pairs = date_and_time_pairs(head)?;
        let year = (pair(&pairs, 0) * 100 + pair(&pairs, 2)) as u16;
        let (month, day) = (pair(&pairs, 5), pair(&pairs, 8));
        let (hour, minute, second) = (pair(&pairs, 11), pair(&pairs, 14), pair(&pairs, 17));
        if hour > 23 || minute > 59 || second > 60 || day == 0 || day > u32::from(days_in_month(year, month as u8)) {
            return None;
        }
        let (month, day) = (month as u8, day as u8);
        let (nanosecond, fraction_digits, rest) = fraction(rest)?;
        let (offset, offset_len) = match rest {
            [b'Z' | b'z', ..] => (UtcOffset::Z, 1),
            [sign @ (b'+' | b'-'), _, _, b':', _, _, ..] => {
                let (hours, minutes) = (two_digits(rest, 1), two_digits(rest, 4));
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let total = (hours * 60 + minutes) as i16;
                let offset = match (*sign, total) {
                    (b'-', 0) => UtcOffset::UNKNOWN_LOCAL,
                    (b'-', _) => UtcOffset::from_minutes(-total),
                    _ => UtcOffset::from_minutes(total),
                };
                (offset, 6)
            }
            _ => return None,
        };
        if second == 60 && !is_leap_second_minute(year, month, day, hour as u8, minute as u8, offset) {
            return None;
        }
        let len = text.len() - rest.len() + offset_len;
        let timestamp = Timestamp {
            nanosecond,
            year,
            offset,
            month,
            day,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            fraction_digits,
        };
        Some((timestamp, len))
    }

    /// Write the timestamp as RFC 3339 text into `out`; returns the length
    /// (at most [`TIMESTAMP_MAX_LEN`]).
    pub fn write_to(&self, out: &mut [u8; TIMESTAMP_MAX_LEN]) -> usize {
        fn put(out: &mut [u8], at: usize, value: u32, width: usize) {
            let mut rest = value;
            for index in (at..at + width).rev() {
                out[index] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
        }
        put(out, 0, u32::from(self.year.min(9999)), 4);
        out[4] = b'-';
        put(out, 5, u32::from(self.month.min(99)), 2);
        out[7] = b'-';
        put(out, 8, u32::from(self.day.min(99)), 2);
        out[10] = b'T';
        put(out, 11, u32::from(self.hour.min(99)), 2);
        out[13] = b':';
        put(out, 14, u32::from(self.minute.min(99)), 2);
        out[16] = b':';
        put(out, 17, u32::from(self.second.min(99)), 2);
        let mut at = 19;
        let digits = usize::from(self.fraction_digits.min(9));
        if digits > 0 {
            out[at] = b'.';
            let scaled = self.nanosecond.min(999_999_999) / 10u32.pow(9 - digits as u32);
            put(out, at + 1, scaled, digits);
            at += 1 + digits;
        }
        match self.offset.is_z() {
            true => {
                out[at] = b'Z';
                at += 1;
            }
            false => {
                let (sign, magnitude) = self.offset.written();
                out[at] = sign;
                let magnitude = u32::from(magnitude);
                put(out, at + 1, magnitude / 60, 2);
                out[at + 3] = b':';
                put(out, at + 4, magnitude % 60, 2);
                at += 6;
            }
        }
        at
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = [0u8; TIMESTAMP_MAX_LEN];
        let len = self.write_to(&mut buffer);
        f.write_str(core::str::from_utf8(&buffer[..len]).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Timestamp> {
        Timestamp::parse(text.as_bytes())
    }

    fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
        let field = bytes.get(at..at + count)?;
        field.iter().try_fold(0u32, |value, &byte| byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0')))
    }

    /// The date and time in UTC of a local time at `offset` minutes east:
    /// `(year, month, day, minute of the day)`, stepping the date by hand.
    fn to_utc(year: u16, month: u8, day: u8, hour: u8, minute: u8, offset: i16) -> (i32, u8, u8, i32) {
        let minutes = i32::from(hour) * 60 + i32::from(minute) - i32::from(offset);
        let (mut year, mut month, mut day) = (i32::from(year), month, day);
        if minutes < 0 {
            day -= 1;
            if day == 0 {
                month = if month == 1 { 12 } else { month - 1 };
                year -= i32::from(month == 12);
                day = days_in_month(year.rem_euclid(10_000) as u16, month);
            }
        } else if minutes >= 24 * 60 {
            day += 1;
            if day > days_in_month(year as u16, month) {
                (month, day) = (if month == 12 { 1 } else { month + 1 }, 1);
                year += i32::from(month == 1);
            }
        }
        (year, month, day, minutes.rem_euclid(24 * 60))
    }

    /// The byte-by-byte reference for [`Timestamp::parse`]: parse
    /// `YYYY-MM-DD(T|t)HH:MM:SS[.f{1,9}](Z|z|±HH:MM)`, checking that the
    /// date exists, that a second 60 falls at 23:59:60 UTC on the last day
    /// of a month, and that the offset is at most 23:59.
    fn parse_reference(text: &[u8]) -> Option<Timestamp> {
        let expect = |at: usize, allowed: &[u8]| text.get(at).is_some_and(|b| allowed.contains(b));
        if !(expect(4, b"-") && expect(7, b"-") && expect(10, b"Tt") && expect(13, b":") && expect(16, b":")) {
            return None;
        }
        let year = digits(text, 0, 4)? as u16;
        let month = digits(text, 5, 2)? as u8;
        let day = digits(text, 8, 2)? as u8;
        let hour = digits(text, 11, 2)? as u8;
        let minute = digits(text, 14, 2)? as u8;
        let second = digits(text, 17, 2)? as u8;
        if day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut at = 19;
        let mut nanosecond = 0;
        let mut fraction_digits = 0;
        if expect(at, b".") {
            at += 1;
            while let Some(&byte) = text.get(at).filter(|b| b.is_ascii_digit()) {
                if fraction_digits == 9 {
                    return None;
                }
                nanosecond = nanosecond * 10 + u32::from(byte - b'0');
                fraction_digits += 1;
                at += 1;
            }
            if fraction_digits == 0 {
                return None;
            }
            nanosecond *= 10u32.pow(9 - u32::from(fraction_digits));
        }
        let offset = match text.get(at)? {
            b'Z' | b'z' => {
                at += 1;
                UtcOffset::Z
            }
            &sign @ (b'+' | b'-') => {
                if !expect(at + 3, b":") {
                    return None;
                }
                let hours = digits(text, at + 1, 2)?;
                let minutes = digits(text, at + 4, 2)?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                at += 6;
                let total = (hours * 60 + minutes) as i16;
                if sign == b'-' && total == 0 {
                    UtcOffset::UNKNOWN_LOCAL
                } else {
                    UtcOffset::from_minutes(if sign == b'-' { -total } else { total })
                }
            }
            _ => return None,
        };
        if second == 60 {
            let (utc_year, utc_month, utc_day, utc_minute) = to_utc(year, month, day, hour, minute, offset.minutes());
            if utc_minute != 23 * 60 + 59 || utc_day != days_in_month(utc_year.rem_euclid(10_000) as u16, utc_month) {
                return None;
            }
        }
        (at == text.len()).then_some(Timestamp {
            nanosecond,
            year,
            offset,
            month,
            day,
            hour,
            minute,
            second,
            fraction_digits,
        })
    }

    /// Every byte of each form replaced by every value, and each form cut
    /// short and lengthened: the parser and its reference agree.
    #[test]
    fn parse_agrees_with_the_byte_by_byte_reference() {
        let forms = [
            "2026-07-02T05:19:57+00:00",
            "2026-07-02T04:46:42.867000+00:00",
            "2024-02-29t23:59:60.123456789z",
            "2000-02-29T00:00:00-23:59",
            "1900-12-31T12:30:59Z",
            "1990-12-31T15:59:60-08:00",
            "2000-03-01T00:00:60+00:01",
            "2016-12-31T23:59:60-00:00",
        ];
        let mut compared = 0;
        for form in forms {
            let form = form.as_bytes();
            let mut bytes = [0u8; 40];
            for at in 0..form.len() {
                for value in 0..=255u8 {
                    bytes[..form.len()].copy_from_slice(form);
                    bytes[at] = value;
                    let text = &bytes[..form.len()];
                    assert_eq!(Timestamp::parse(text), parse_reference(text), "{}", text.escape_ascii());
                    compared += 1;
                }
            }
            for len in 0..form.len() {
                assert_eq!(Timestamp::parse(&form[..len]), parse_reference(&form[..len]));
                assert_eq!(Timestamp::parse(&form[..len]), None);
            }
            for extra in [b"0".as_slice(), b"Z", b"00", b":00", b"\0"] {
                bytes[..form.len()].copy_from_slice(form);
                bytes[form.len()..form.len() + extra.len()].copy_from_slice(extra);
                let text = &bytes[..form.len() + extra.len()];
                assert_eq!(Timestamp::parse(text), parse_reference(text));
            }
            assert!(Timestamp::parse(form).is_some());
        }
        assert_eq!(compared, 256 * (25 + 32 + 30 + 25 + 20 + 3 * 25));
    }

    /// A timestamp followed by anything is the prefix `parse` reads alone,
    /// with its length; text that `parse` rejects gives no prefix unless a
    /// shorter timestamp starts it.
    #[test]
    fn parse_prefix_is_parse_of_the_prefix() {
        let forms = ["2026-07-02T05:19:57+00:00", "2026-07-02T04:46:42.867000Z", "2024-02-29t00:00:60.1-23:59"];
        for form in forms {
            for tail in ["", "\"", "\",", "0", "Z", ":00", "\\u0022"] {
                let text = [form, tail].concat();
                let (timestamp, len) = Timestamp::parse_prefix(text.as_bytes()).unwrap();
                assert_eq!(Some(timestamp), Timestamp::parse(form.as_bytes()), "{text}");
                assert_eq!(len, form.len(), "{text}");
            }
        }
        for bad in ["2026-07-02T05:19:57", "2026-07-02T05:19:57+00:0", "2026-02-30T05:19:57Z", "2026-07-02T05:19:57.Z"]
        {
            assert_eq!(Timestamp::parse_prefix(bad.as_bytes()), None, "{bad}");
        }
    }

    /// Two bytes of the date and time replaced at once, with the values at
    /// the edges of each byte class, so that no word-wide step lets one
    /// byte hide another.
    #[test]
    fn parse_agrees_with_the_reference_on_pairs_of_bytes() {
        let form = *b"2024-03-01T00:59:60.5+01:00";
        let edges = [0x00, b'\t', b'+', b'-', b'/', b'0', b'9', b':', b'T', b't', 0x7F, 0x80, 0xC6, 0xFF];
        for first in 0..19 {
            for second in first + 1..19 {
                for a in edges {
                    for b in edges {
                        let mut text = form;
                        text[first] = a;
                        text[second] = b;
                        assert_eq!(Timestamp::parse(&text), parse_reference(&text), "{}", text.escape_ascii());
                    }
                }
            }
        }
    }

    fn round_trip(text: &str) -> heapless::String<64> {
        let mut out = heapless::String::new();
        core::fmt::write(&mut out, format_args!("{}", parse(text).unwrap())).unwrap();
        out
    }

    #[test]
    fn klaviyo_forms_round_trip() {
        for text in [
            "2026-07-02T05:19:57+00:00",
            "2026-07-02T04:46:42.867000+00:00",
            "2027-07-01T04:47:02Z",
            "2022-11-08T00:00:00.123456789-05:30",
            "2024-03-01T23:58:60+23:59",
            "1990-12-31T15:59:60-08:00",
            "2000-02-29T00:00:00.5-00:00",
        ] {
            assert_eq!(round_trip(text), text);
        }
        assert_eq!(round_trip("2026-07-02t05:19:57z"), "2026-07-02T05:19:57Z");
    }

    #[test]
    fn fields_and_precision() {
        let ts = parse("2026-07-02T04:46:42.867+02:00").unwrap();
        assert_eq!((ts.year, ts.month, ts.day, ts.hour, ts.minute, ts.second), (2026, 7, 2, 4, 46, 42));
        assert_eq!(ts.nanosecond, 867_000_000);
        assert_eq!(ts.fraction_digits, 3);
        assert_eq!(ts.offset, UtcOffset::from_minutes(120));
        assert_eq!(parse("2026-07-02T04:46:42Z").unwrap().offset, UtcOffset::Z);
        assert_eq!(parse("2026-07-02T04:46:42+00:00").unwrap().offset, UtcOffset::default());
        let unknown = parse("2026-07-02T04:46:42-00:00").unwrap().offset;
        assert_eq!(unknown, UtcOffset::UNKNOWN_LOCAL);
        assert!(unknown.is_unknown_local() && !unknown.is_z());
        assert_eq!(unknown.minutes(), 0);
        assert_ne!(unknown, UtcOffset::from_minutes(0));
    }

    #[test]
    fn offsets_clamp_and_print_with_their_sign() {
        for (minutes, kept) in
            [(0, 0), (1439, 1439), (1440, 1439), (i16::MAX, 1439), (-1439, -1439), (-1440, -1439), (i16::MIN, -1439)]
        {
            let offset = UtcOffset::from_minutes(minutes);
            assert_eq!(offset.minutes(), kept, "{minutes}");
            assert!(!offset.is_z());
        }
        assert!(UtcOffset::Z.is_z());
        assert_eq!(UtcOffset::Z.minutes(), 0);
        for (offset, text) in [
            (UtcOffset::Z, "Z"),
            (UtcOffset::from_minutes(0), "+00:00"),
            (UtcOffset::from_minutes(345), "+05:45"),
            (UtcOffset::from_minutes(-330), "-05:30"),
            (UtcOffset::from_minutes(-1), "-00:01"),
            (UtcOffset::from_minutes(-2000), "-23:59"),
            (UtcOffset::UNKNOWN_LOCAL, "-00:00"),
        ] {
            let mut out: heapless::String<8> = heapless::String::new();
            core::fmt::write(&mut out, format_args!("{offset:?}")).unwrap();
            assert_eq!(out, text);
        }
    }

    #[test]
    fn calendar_and_offset_are_checked() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:61Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00+00:60",
            "2026-01-01T00:00:00",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-01-01T00:00:00Zx",
            "2026-1-01T00:00:00Z",
            "+026-01-01T00:00:00Z",
            "2026-01-01T00:00:00+0000",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(parse("2000-02-29T00:00:00Z").is_some());
        // Second 60 only as 23:59:60 UTC on the last day of a month.
        for leap in [
            "2016-12-31T23:59:60Z",
            "2015-06-30T23:59:60+00:00",
            "2016-12-31T23:59:60-00:00",
            "1990-12-31T15:59:60-08:00",
            "2017-01-01T05:29:60+05:30",
            "2024-02-29T23:59:60Z",
            "2024-03-01T00:59:60+01:00",
            "2026-04-30T23:59:60Z",
        ] {
            assert!(parse(leap).is_some(), "{leap}");
        }
        for not_leap in [
            "2016-06-30T12:00:60Z",
            "2016-12-31T23:59:60+05:00",
            "2016-12-30T23:59:60Z",
            "2016-12-31T23:58:60Z",
            "2017-01-01T00:00:60Z",
            "2017-01-01T00:59:60-01:00",
            "2023-02-28T23:59:60+00:01",
            "2024-02-28T23:59:60Z",
        ] {
            assert_eq!(parse(not_leap), None, "{not_leap}");
        }
        assert!(parse("2024-02-29T00:00:00Z").is_some());
    }
}

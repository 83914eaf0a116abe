//! A `u32` written in decimal on the stack, for the two places that print
//! one without `core::fmt`: the encoder's counts and the indices of an
//! error's [`Path`](crate::error::Path).

/// The decimal digits of a `u32`: at most ten, right-aligned in a fixed
/// buffer, so that writing one needs neither allocation nor a formatter.
pub(crate) struct Decimal {
    digits: [u8; 10],
    /// Where the first digit is.
    start: usize,
}

impl Decimal {
    pub(crate) fn new(value: u32) -> Self {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        let mut rest = value;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                return Decimal { digits, start };
            }
        }
    }

    /// The digits, most significant first, with no leading zero.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.digits[self.start..]
    }

    /// The digits as text. They are ASCII, so the empty fallback is never
    /// taken; it is there only because the conversion is checked.
    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::Decimal;

    #[test]
    fn digits_match_the_standard_formatter() {
        let mut samples = std::vec![0, 1, 9, 10, 11, 99, 100, 999_999_999, 1_000_000_000, u32::MAX - 1, u32::MAX];
        // Every power of ten and its neighbours, where the digit count changes.
        samples.extend((0..10).flat_map(|exponent| {
            let power = 10u32.pow(exponent);
            [power - 1, power, power + 1]
        }));
        for value in samples {
            let decimal = Decimal::new(value);
            assert_eq!(decimal.as_str(), value.to_string(), "{value}");
            assert_eq!(decimal.as_bytes(), value.to_string().as_bytes(), "{value}");
        }
    }
}

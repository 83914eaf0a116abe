//! A list with a fixed capacity that keeps its first N entries and counts
//! every entry the document had.

use core::fmt;

/// A value that can fill a list slot before it is written: the list builds
/// its storage from [`Entry::EMPTY`] once, and clears a slot in place to
/// reuse it, so decoding never moves a whole entry.
pub trait Entry {
    /// The empty value.
    const EMPTY: Self;
    /// Return to the empty value in place.
    fn clear(&mut self);
}

/// The first `N` entries of a JSON array, and how many the array had.
///
/// Decoding never fails because a list is full: later entries are still
/// validated and counted in [`total`](Self::total), and
/// [`is_complete`](Self::is_complete) tells whether any were left out.
///
/// Memory: `8 + N × size_of::<T>()` bytes, rounded up to a multiple of 4
/// (the alignment of its two `u32` counts, or `T`'s if larger),
/// whatever the target.
#[derive(Clone)]
pub struct BoundedList<T, const N: usize> {
    len: u32,
    total: u32,
    items: [T; N],
}

impl<T: Entry, const N: usize> BoundedList<T, N> {
    /// An empty list.
    pub const fn new() -> Self {
        BoundedList { len: 0, total: 0, items: [const { T::EMPTY }; N] }
    }

    /// Append `value`, or only count it if the list is full or an entry
    /// was already dropped. Returns whether it was kept.
    pub fn push(&mut self, value: T) -> bool {
        // Once an entry was dropped, no later one may take a slot. Only a
        // model being built (`count_dropped`, a deserialized total) drops
        // one while there is room, so the check is here and not in the
        // decoder's `begin`, which never meets that.
        if self.len != self.total {
            self.count_dropped();
            return false;
        }
        match self.as_mut().begin() {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Count one more entry than was kept: for building a model of a list
    /// the capacity cut short. Entries pushed after it are counted but not
    /// kept, so the list still holds the first entries of the array.
    pub fn count_dropped(&mut self) {
        self.total = self.total.saturating_add(1);
    }

    /// Count entries dropped until the total is `total` (never lower it):
    /// for a deserialized list, in one step whatever the total.
    #[cfg(any(test, feature = "serde"))]
    pub(crate) fn count_dropped_up_to(&mut self, total: u32) {
        self.total = self.total.max(total);
    }

    pub(crate) fn as_mut(&mut self) -> ListMut<'_, T> {
        ListMut { len: &mut self.len, total: &mut self.total, items: &mut self.items }
    }
}

impl<T, const N: usize> BoundedList<T, N> {
    /// The capacity `N`.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// The entries kept.
    pub fn as_slice(&self) -> &[T] {
        &self.items[..self.len as usize]
    }

    /// The entries kept, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.items[..self.len as usize]
    }

    /// How many entries were kept.
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// No entry was kept.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many entries the document had, kept or not.
    pub const fn total(&self) -> u32 {
        self.total
    }

    /// Every entry the document had was kept.
    pub const fn is_complete(&self) -> bool {
        self.len == self.total
    }

    /// Iterate over the entries kept.
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// Forget every entry (entries are cleared when reused).
    pub fn clear(&mut self) {
        self.len = 0;
        self.total = 0;
    }
}

impl<T: Entry, const N: usize> Default for BoundedList<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: PartialEq, const N: usize> PartialEq for BoundedList<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.total == other.total && self.as_slice() == other.as_slice()
    }
}

impl<T: Eq, const N: usize> Eq for BoundedList<T, N> {}

impl<T: fmt::Debug, const N: usize> fmt::Debug for BoundedList<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoundedList").field("total", &self.total).field("items", &self.as_slice()).finish()
    }
}

impl<'a, T, const N: usize> IntoIterator for &'a BoundedList<T, N> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(feature = "defmt")]
impl<T: defmt::Format, const N: usize> defmt::Format for BoundedList<T, N> {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(f, "{=[?]} ({=u32} of {=u32})", self.as_slice(), self.len, self.total)
    }
}

/// A list seen without its capacity: what the decoder writes through, so
/// one decoding path serves every `N`.
pub(crate) struct ListMut<'a, T> {
    len: &'a mut u32,
    total: &'a mut u32,
    items: &'a mut [T],
}

impl<'a, T: Entry> ListMut<'a, T> {
    /// The same view for a shorter borrow.
    pub(crate) fn reborrow(&mut self) -> ListMut<'_, T> {
        ListMut { len: self.len, total: self.total, items: self.items }
    }

    /// Forget every entry.
    pub(crate) fn clear(self) {
        *self.len = 0;
        *self.total = 0;
    }

    /// Count a new entry; return its cleared slot if it is kept.
    pub(crate) fn begin(self) -> Option<&'a mut T> {
        *self.total = self.total.saturating_add(1);
        let slot = self.items.get_mut(*self.len as usize)?;
        *self.len += 1;
        slot.clear();
        Some(slot)
    }

    /// The entry last begun, if it was kept.
    pub(crate) fn current(self) -> Option<&'a mut T> {
        // With no entry, the index wraps past every slot.
        if *self.len == *self.total { self.items.get_mut((*self.len as usize).wrapping_sub(1)) } else { None }
    }

    /// Keep only the entries `keep` accepts, in order, and set the total to
    /// `total` (never below what is kept).
    ///
    /// Entries move by `mem::swap` between disjoint halves, which swaps in
    /// small blocks: `slice::swap` would put a whole entry on the stack.
    pub(crate) fn retain(self, keep: impl Fn(&T) -> bool, total: u32) {
        let len = *self.len as usize;
        let mut kept = 0;
        for index in 0..len {
            if !keep(&self.items[index]) {
                continue;
            }
            if kept != index {
                let (front, back) = self.items.split_at_mut(index);
                core::mem::swap(&mut front[kept], &mut back[0]);
            }
            kept += 1;
        }
        *self.len = kept as u32;
        *self.total = total.max(kept as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Entry for u8 {
        const EMPTY: Self = 0;
        fn clear(&mut self) {
            *self = 0;
        }
    }

    #[test]
    fn keeps_the_first_n_and_counts_them_all() {
        let mut list: BoundedList<u8, 2> = BoundedList::new();
        assert!(list.is_empty() && list.is_complete());
        assert!(list.push(1));
        assert!(list.push(2));
        assert!(!list.push(3));
        assert_eq!((list.as_slice(), list.total()), (&[1, 2][..], 3));
        assert!(!list.is_complete());
        list.count_dropped();
        assert_eq!((list.len(), list.total(), list.capacity()), (2, 4, 2));
        list.count_dropped_up_to(3);
        assert_eq!(list.total(), 4, "never lowered");
        list.count_dropped_up_to(u32::MAX);
        list.count_dropped();
        assert_eq!(list.total(), u32::MAX, "saturates");
        list.clear();
        assert!(list.is_empty() && list.is_complete() && list.total() == 0);
        assert!(list.push(5));
        assert_eq!(list.as_slice(), &[5]);
    }

    /// The entry last begun is current only if it was kept, and there is
    /// none before the first.
    #[test]
    fn current_is_the_last_entry_begun_if_it_was_kept() {
        let mut list: BoundedList<u8, 2> = BoundedList::new();
        assert_eq!(list.as_mut().current(), None);
        *list.as_mut().begin().unwrap() = 7;
        assert_eq!(list.as_mut().current(), Some(&mut 7));
        *list.as_mut().begin().unwrap() = 8;
        assert_eq!(list.as_mut().current(), Some(&mut 8));
        assert_eq!(list.as_mut().begin(), None);
        assert_eq!(list.as_mut().current(), None, "the third entry was not kept");
        let mut empty: BoundedList<u8, 0> = BoundedList::new();
        assert_eq!(empty.as_mut().current(), None);
        assert_eq!(empty.as_mut().begin(), None);
        assert_eq!(empty.as_mut().current(), None);
    }

    /// An entry counted as dropped comes before every later one, so none
    /// of those may be kept in its place, even with room left.
    #[test]
    fn nothing_is_kept_after_an_entry_was_dropped() {
        let mut list: BoundedList<u8, 3> = BoundedList::new();
        assert!(list.push(1));
        list.count_dropped();
        assert!(!list.push(3), "kept the third entry where the second was dropped");
        assert_eq!((list.as_slice(), list.total()), (&[1][..], 3));
        assert!(!list.is_complete());
    }

    /// Models are compared with `==` throughout the tests, so equality must
    /// see both the kept entries and the total, and nothing else.
    #[test]
    fn equal_when_the_kept_entries_and_the_total_are() {
        let list = |items: &[u8], dropped: u32| {
            let mut list: BoundedList<u8, 3> = BoundedList::new();
            for &item in items {
                list.push(item);
            }
            (0..dropped).for_each(|_| list.count_dropped());
            list
        };
        assert_eq!(list(&[1, 2], 0), list(&[1, 2], 0));
        assert_ne!(list(&[1, 2], 0), list(&[1, 3], 0));
        assert_ne!(list(&[1, 2], 0), list(&[1, 2], 1));
        assert_ne!(list(&[1, 2], 1), list(&[1, 2, 0], 0), "same total, other entries");
        assert_ne!(list(&[1], 0), list(&[1, 2], 0));
        // A slot once used and cleared is not compared.
        let mut reused = list(&[7, 8, 9], 0);
        reused.clear();
        reused.push(1);
        assert_eq!(reused, list(&[1], 0));

        let mut text: heapless::String<64> = heapless::String::new();
        core::fmt::write(&mut text, format_args!("{:?}", list(&[1, 2], 1))).unwrap();
        assert_eq!(text, "BoundedList { total: 3, items: [1, 2] }");
    }
}

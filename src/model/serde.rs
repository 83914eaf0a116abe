//! Serialize and Deserialize for [`BoundedList`]: a struct of `total` and
//! the kept `items`, so a list cut short by its capacity stays marked as
//! incomplete after a round trip through postcard, CBOR or JSON.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::list::{BoundedList, Entry};

const FIELDS: &[&str] = &["total", "items"];

/// A member name of the struct form, however the format hands it over:
/// borrowed or owned text (JSON, CBOR), bytes, or the field's index.
enum Field {
    Total,
    Items,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`total` or `items`")
    }
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Field, E> {
        match index {
            0 => Ok(Field::Total),
            1 => Ok(Field::Items),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(index), &self)),
        }
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
        match name {
            "total" => Ok(Field::Total),
            "items" => Ok(Field::Items),
            other => Err(E::unknown_field(other, FIELDS)),
        }
    }
    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Field, E> {
        match core::str::from_utf8(name) {
            Ok(name) => self.visit_str(name),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(name), &self)),
        }
    }
}

impl<T: Serialize, const N: usize> Serialize for BoundedList<T, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("BoundedList", 2)?;
        state.serialize_field("total", &self.total())?;
        state.serialize_field("items", self.as_slice())?;
        state.end()
    }
}

/// Reads a sequence straight into the list, counting what does not fit.
struct Items<'l, T, const N: usize>(&'l mut BoundedList<T, N>);

impl<'de, T: Deserialize<'de> + Entry, const N: usize> DeserializeSeed<'de> for Items<'_, T, N> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de> + Entry, const N: usize> Visitor<'de> for Items<'_, T, N> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence of list items")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            self.0.push(item);
        }
        Ok(())
    }
}

struct ListVisitor<T, const N: usize>(PhantomData<T>);

impl<T, const N: usize> ListVisitor<T, N> {
    fn build<E: de::Error>(mut list: BoundedList<T, N>, total: Option<u32>) -> Result<BoundedList<T, N>, E>
    where
        T: Entry,
    {
        list.count_dropped_up_to(total.ok_or_else(|| E::missing_field("total"))?);
        Ok(list)
    }
}

impl<'de, T: Deserialize<'de> + Entry, const N: usize> Visitor<'de> for ListVisitor<T, N> {
    type Value = BoundedList<T, N>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bounded list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let total: u32 = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let mut list = BoundedList::new();
        seq.next_element_seed(Items(&mut list))?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
        Self::build(list, Some(total))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut total = None;
        let mut list = BoundedList::new();
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Total => total = Some(map.next_value()?),
                Field::Items => map.next_value_seed(Items(&mut list))?,
            }
        }
        Self::build(list, total)
    }
}

impl<'de, T: Deserialize<'de> + Entry, const N: usize> Deserialize<'de> for BoundedList<T, N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("BoundedList", FIELDS, ListVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::Error;

    use super::*;

    /// A member name, however a format hands it over.
    fn field<'de>(name: impl IntoDeserializer<'de, Error>) -> Result<Field, Error> {
        Field::deserialize(name.into_deserializer())
    }

    #[test]
    fn member_names_are_read_as_text_bytes_or_index() {
        for (total, items) in
            [(field("total"), field("items")), (field(&b"total"[..]), field(&b"items"[..])), (field(0u64), field(1u64))]
        {
            assert!(matches!((total, items), (Ok(Field::Total), Ok(Field::Items))));
        }
        // Every error names what was expected.
        for other in [field("item"), field(&b"totals"[..]), field(2u64)] {
            let Err(error) = other else { panic!("a wrong name was read") };
            let mut message: heapless::String<128> = heapless::String::new();
            core::fmt::write(&mut message, format_args!("{error}")).unwrap();
            assert!(message.contains("`total`") && message.contains("`items`"), "{message}");
        }
    }
}

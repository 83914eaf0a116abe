//! Re-serialize an encoded document the way other writers would: random
//! whitespace, member order, escapes and unknown members; and, on request,
//! one string made longer than its field's capacity.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use klaviyo_bulk_job::model::text::{
    ERROR_CODE_CAPACITY, ERROR_DETAIL_CAPACITY, ERROR_ID_CAPACITY, ERROR_TITLE_CAPACITY, JOB_ID_CAPACITY,
    MEMBER_ID_CAPACITY, POINTER_CAPACITY, URL_CAPACITY,
};
use serde_json::Value;

use crate::checks::TooLong;
use crate::generate::character;

/// A re-serialized document.
pub struct Variant {
    /// The document.
    pub bytes: Vec<u8>,
    /// The string made too long, if any.
    pub too_long: Option<TooLong>,
    /// For each job (by index in `data`; 0 for a single document), the
    /// order its `relationships` members were written in.
    pub relationship_order: BTreeMap<usize, Vec<String>>,
}

/// Valid JSON values for unknown members, which the decoder must skip.
const UNKNOWN_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1.5e+10",
    "\"\"",
    "\"x_extra\"",
    "[]",
    "{}",
    r#"[{"data":[{"type":"x"}]},{"id":null,"links":{}}]"#,
    r#"{"status":"bogus","type":"nope","a":{"b":[[[]]]},"created_at":1}"#,
    r#""\ud83d\ude00\u0000\/""#,
];

/// A string field of the document: its JSON pointer, its capacity and the
/// decoder's path for it.
struct Field {
    pointer: String,
    capacity: usize,
    path: String,
}

fn string_field(out: &mut Vec<Field>, value: &Value, pointer: String, path: String, capacity: usize) {
    if value.pointer(&pointer).is_some_and(Value::is_string) {
        out.push(Field { pointer, capacity, path });
    }
}

fn job_fields(out: &mut Vec<Field>, root: &Value, pointer: &str, path: &str) {
    string_field(out, root, format!("{pointer}/id"), format!("{path}.id"), JOB_ID_CAPACITY);
    string_field(out, root, format!("{pointer}/links/self"), format!("{path}.links.self"), URL_CAPACITY);
    let errors = root.pointer(&format!("{pointer}/attributes/errors")).and_then(Value::as_array).map_or(0, Vec::len);
    for index in 0..errors {
        let (pointer, path) =
            (format!("{pointer}/attributes/errors/{index}"), format!("{path}.attributes.errors[{index}]"));
        for (name, capacity) in [
            ("id", ERROR_ID_CAPACITY),
            ("code", ERROR_CODE_CAPACITY),
            ("title", ERROR_TITLE_CAPACITY),
            ("detail", ERROR_DETAIL_CAPACITY),
        ] {
            string_field(out, root, format!("{pointer}/{name}"), format!("{path}.{name}"), capacity);
        }
        string_field(
            out,
            root,
            format!("{pointer}/source/pointer"),
            format!("{path}.source.pointer"),
            POINTER_CAPACITY,
        );
    }
    let names: Vec<String> = root
        .pointer(&format!("{pointer}/relationships"))
        .and_then(Value::as_object)
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default();
    for name in names {
        let (pointer, path) = (format!("{pointer}/relationships/{name}"), format!("{path}.relationships.{name}"));
        let members = root.pointer(&format!("{pointer}/data")).and_then(Value::as_array).map_or(0, Vec::len);
        for index in 0..members {
            let (pointer, path) = (format!("{pointer}/data/{index}/id"), format!("{path}.data[{index}].id"));
            string_field(out, root, pointer, path, MEMBER_ID_CAPACITY);
        }
        for link in ["self", "related"] {
            string_field(out, root, format!("{pointer}/links/{link}"), format!("{path}.links.{link}"), URL_CAPACITY);
        }
    }
}

fn fields(root: &Value, list: bool) -> Vec<Field> {
    let mut out = Vec::new();
    if list {
        let jobs = root.pointer("/data").and_then(Value::as_array).map_or(0, Vec::len);
        for index in 0..jobs {
            job_fields(&mut out, root, &format!("/data/{index}"), &format!("data[{index}]"));
        }
        for link in ["self", "first", "last", "prev", "next"] {
            string_field(&mut out, root, format!("/links/{link}"), format!("links.{link}"), URL_CAPACITY);
        }
    } else {
        job_fields(&mut out, root, "/data", "data");
        string_field(&mut out, root, "/links/self".into(), "links.self".into(), URL_CAPACITY);
    }
    out
}

struct Emitter<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    out: Vec<u8>,
    list: bool,
    order: BTreeMap<usize, Vec<String>>,
    /// The JSON pointer of a string whose opening quote is to be found, and
    /// where it was written.
    find: Option<String>,
    found: Option<usize>,
}

impl Emitter<'_, '_> {
    fn whitespace(&mut self) -> Result<()> {
        if self.u.ratio(1, 4)? {
            for _ in 0..self.u.int_in_range(1..=3u8)? {
                let byte = *self.u.choose(b" \t\n\r")?;
                self.out.push(byte);
            }
        }
        Ok(())
    }

    fn unicode_escape(&mut self, unit: u16) -> Result<()> {
        let text = if self.u.arbitrary()? { format!("\\u{unit:04X}") } else { format!("\\u{unit:04x}") };
        self.out.extend_from_slice(text.as_bytes());
        Ok(())
    }

    fn string(&mut self, text: &str) -> Result<()> {
        self.out.push(b'"');
        let eager = self.u.ratio(1, 3)?;
        for c in text.chars() {
            let must = matches!(c, '"' | '\\' | '\0'..='\u{1f}');
            if !must && !(eager && self.u.ratio(1, 4)?) {
                let mut buffer = [0u8; 4];
                self.out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                continue;
            }
            let short = match c {
                '"' => Some(b'"'),
                '\\' => Some(b'\\'),
                '/' => Some(b'/'),
                '\n' => Some(b'n'),
                '\r' => Some(b'r'),
                '\t' => Some(b't'),
                '\u{8}' => Some(b'b'),
                '\u{c}' => Some(b'f'),
                _ => None,
            };
            match short {
                Some(letter) if self.u.arbitrary()? => self.out.extend_from_slice(&[b'\\', letter]),
                _ => {
                    let mut units = [0u16; 2];
                    for &unit in c.encode_utf16(&mut units).iter() {
                        self.unicode_escape(unit)?;
                    }
                }
            }
        }
        self.out.push(b'"');
        Ok(())
    }

    fn value(&mut self, value: &Value, path: &mut Vec<String>) -> Result<()> {
        match value {
            Value::Null | Value::Bool(_) | Value::Number(_) => self.out.extend_from_slice(value.to_string().as_bytes()),
            Value::String(text) => {
                if self.find.as_deref().is_some_and(|pointer| pointer_of(path) == pointer) {
                    self.found = Some(self.out.len());
                }
                self.string(text)?;
            }
            Value::Array(items) => {
                self.out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.out.push(b',');
                    }
                    self.whitespace()?;
                    path.push(index.to_string());
                    self.value(item, path)?;
                    path.pop();
                    self.whitespace()?;
                }
                if items.is_empty() {
                    self.whitespace()?;
                }
                self.out.push(b']');
            }
            Value::Object(object) => {
                let mut members: Vec<(&str, Option<&Value>)> =
                    object.iter().map(|(key, value)| (key.as_str(), Some(value))).collect();
                for index in (1..members.len()).rev() {
                    let other = self.u.int_in_range(0..=index)?;
                    members.swap(index, other);
                }
                if path.last().is_some_and(|key| key == "relationships") {
                    let job = if self.list { path.get(1).and_then(|index| index.parse().ok()).unwrap_or(0) } else { 0 };
                    self.order.insert(job, members.iter().map(|(key, _)| key.to_string()).collect());
                }
                if self.u.ratio(1, 8)? {
                    let at = self.u.int_in_range(0..=members.len())?;
                    members.insert(at, ("x_extra", None));
                }
                self.out.push(b'{');
                for (index, (key, member)) in members.iter().enumerate() {
                    if index > 0 {
                        self.out.push(b',');
                    }
                    self.whitespace()?;
                    self.string(key)?;
                    self.whitespace()?;
                    self.out.push(b':');
                    self.whitespace()?;
                    match member {
                        Some(member) => {
                            path.push(key.to_string());
                            self.value(member, path)?;
                            path.pop();
                        }
                        None => {
                            let unknown = *self.u.choose(UNKNOWN_VALUES)?;
                            self.out.extend_from_slice(unknown.as_bytes());
                        }
                    }
                    self.whitespace()?;
                }
                if members.is_empty() {
                    self.whitespace()?;
                }
                self.out.push(b'}');
            }
        }
        Ok(())
    }
}

/// The JSON pointer of the value at `path` (no key here needs escaping).
fn pointer_of(path: &[String]) -> String {
    path.iter().map(|step| format!("/{step}")).collect()
}

/// Re-serialize `canonical` (the encoder's output; `list` for a list
/// document). With `lengthen`, one string field is first made longer than
/// its capacity.
pub fn reserialize(u: &mut Unstructured, canonical: &[u8], list: bool, lengthen: bool) -> Result<Variant> {
    let mut root: Value = serde_json::from_slice(canonical).expect("the encoder's output is JSON");
    let mut lengthened = None;
    if lengthen {
        let candidates = fields(&root, list);
        if !candidates.is_empty() {
            let field = &candidates[u.choose_index(candidates.len())?];
            if let Some(Value::String(text)) = root.pointer_mut(&field.pointer) {
                while text.len() <= field.capacity {
                    let c = character(u)?;
                    text.push(if u.is_empty() { 'x' } else { c });
                }
                for _ in 0..u.int_in_range(0..=3u8)? {
                    text.push(character(u)?);
                }
                lengthened = Some((field.capacity as u16, field.path.clone(), field.pointer.clone()));
            }
        }
    }
    let find = lengthened.as_ref().map(|(_, _, pointer)| pointer.clone());
    let mut emitter = Emitter { u, out: Vec::new(), list, order: BTreeMap::new(), find, found: None };
    emitter.whitespace()?;
    emitter.value(&root, &mut Vec::new())?;
    emitter.whitespace()?;
    let too_long = lengthened.map(|(capacity, path, pointer)| TooLong {
        capacity,
        path,
        quote: emitter.found.unwrap_or_else(|| panic!("{pointer} was not written")),
    });
    Ok(Variant { bytes: emitter.out, too_long, relationship_order: emitter.order })
}

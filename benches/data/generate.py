#!/usr/bin/env python3
"""Generate the benchmark reference documents in this directory.

    python3 benches/data/generate.py          # rewrite the four documents
    python3 benches/data/generate.py --check  # fail if a committed one differs

The output is deterministic: every id, count and timestamp comes from a fixed
seed or a formula, so running it again rewrites the same bytes.

The documents (see issue 5, and `spec/klaviyo-bulk-jobs.md` §1.4, §2, §3):

- small.json: a status poll of one catalog-item-bulk-create-job, about 500
  bytes, compact; no relationships, every count filled, every `null`
  explicit (`completed_at`, `errors`).
- full.json: one catalog-item-bulk-create-job with 100 `items` members and 5
  errors, about 15 KB, written the way Python's `json.dumps(indent=2)` writes
  by default (`ensure_ascii=True`): its non-ASCII text is escaped, and the
  emoji become `\\uXXXX\\uXXXX` surrogate pairs.
- list.json: a page of 20 catalog-variant-bulk-create-jobs (a second job
  kind, relationship `variants`), each with 0 to 10 members and 0 to 2
  errors, about 19 KB, compact with raw UTF-8 (as Django REST framework
  writes by default: compact separators, `ensure_ascii=False`).
- included.json: one catalog-item-bulk-create-job fetched with
  `include=items`: `included[]` holds 40 catalog items shaped like the
  recorded `fixtures/recorded/catalog-items.list.first-item.json` `data[0]`,
  about 40 KB, compact with raw UTF-8; the decoder skips all of `included`.
"""

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
API = "https://a.klaviyo.com/api"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# Error details with non-ASCII text; the emoji are outside the BMP, so with
# ensure_ascii=True they are written as surrogate pairs.
DETAILS = [
    'The price "abc" of item {member} is not a number.',
    "Le titre « Chemise bleue océan » dépasse la longueur maximale autorisée (255 caractères) pour {member}.",
    "商品 {member} の説明が長すぎます（最大 1000 文字）。",
    "Title of {member} holds characters that are not allowed: 👕🌊✨ (emoji are not supported in titles).",
    "Überschrift von {member} enthält ungültige Zeichen: „Größe™“ 🚀 — bitte prüfen.\nZeile 2\tmit Tab.",
]
TITLES = ["Invalid input", "Invalid input", "Ungültige Eingabe", "Invalid input", "Entrada inválida"]
CODES = ["invalid", "invalid", "invalid", "invalid", "invalid"]
FIELDS = ["price", "title", "description", "title", "title"]
COLOURS = ["Ocean Blue", "Forest Green", "Sunset Orange", "Charcoal", "Crème", "Rosé", "Sand", "Navy"]
GARMENTS = ["Shirt", "Tee", "Hoodie", "Jacket", "Chinos", "Sweater", "Cap", "Tote"]


def ulid(rng):
    return "".join(rng.choice(CROCKFORD) for _ in range(26))


def uuid(rng):
    digits = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{digits[16:20]}-{digits[20:]}"


def stamp(day, seconds, fraction=None, suffix="+00:00"):
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    text = f"2026-07-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
    if fraction is not None:
        text += f".{fraction}"
    return text + suffix


def member_id(sku, variant=None):
    base = f"$custom:::$default:::SKU-{sku:05d}"
    return f"{base}-VARIANT-{variant}" if variant else base


def job_error(rng, index, member, pointer=True):
    error = {
        "id": uuid(rng),
        "code": CODES[index % 5],
        "title": TITLES[index % 5],
        "detail": DETAILS[index % 5].format(member=member),
    }
    # The three forms of source.pointer: a pointer, null, and absent (the
    # schema default "/data").
    if pointer is True:
        error["source"] = {"pointer": f"/data/attributes/items/{index * 7 % 100}/{FIELDS[index % 5]}"}
    elif pointer is None:
        error["source"] = {"pointer": None}
    else:
        error["source"] = {}
    return error


def relationship(kind_plural, job_id, name, member_type, ids):
    return {
        name: {
            "data": [{"type": member_type, "id": member} for member in ids],
            "links": {
                "self": f"{API}/{kind_plural}/{job_id}/relationships/{name}/",
                "related": f"{API}/{kind_plural}/{job_id}/{name}/",
            },
        }
    }


def small():
    rng = random.Random(5001)
    job_id = ulid(rng)
    plural = "catalog-item-bulk-create-jobs"
    return {
        "data": {
            "type": "catalog-item-bulk-create-job",
            "id": job_id,
            "attributes": {
                "status": "processing",
                "created_at": stamp(2, 19197),
                "total_count": 100,
                "completed_count": 42,
                "failed_count": 3,
                "completed_at": None,
                "expires_at": stamp(9, 19197),
                "errors": None,
            },
            "links": {"self": f"{API}/{plural}/{job_id}/"},
        },
        "links": {"self": f"{API}/{plural}/{job_id}"},
    }


def full():
    rng = random.Random(5002)
    job_id = ulid(rng)
    plural = "catalog-item-bulk-create-jobs"
    ids = [member_id(1000 + 7 * n) for n in range(100)]
    errors = []
    for index in range(5):
        pointer = {3: None, 4: False}.get(index, True)
        errors.append(job_error(rng, index, member_id(2000 + index), pointer))
    return {
        "data": {
            "type": "catalog-item-bulk-create-job",
            "id": job_id,
            "attributes": {
                "status": "complete",
                "created_at": stamp(2, 17202),
                "total_count": 105,
                "completed_count": 100,
                "failed_count": 5,
                "completed_at": stamp(2, 17388, "412093"),
                "expires_at": stamp(9, 17202),
                "errors": errors,
            },
            "relationships": relationship(plural, job_id, "items", "catalog-item", ids),
            "links": {"self": f"{API}/{plural}/{job_id}/"},
        },
        "links": {"self": f"{API}/{plural}/{job_id}"},
    }


def list_page():
    rng = random.Random(5003)
    plural = "catalog-variant-bulk-create-jobs"
    statuses = ["complete", "processing", "complete", "queued", "complete", "cancelled", "processing"]
    sizes = ["SMALL", "MEDIUM", "LARGE"]
    jobs = []
    for n in range(20):
        job_id = ulid(rng)
        status = statuses[n % len(statuses)]
        members = n * 7 % 11 if n % 2 == 0 else n % 3  # 0 to 10
        failed = n % 3 if status == "complete" else 0  # 0 to 2
        total = members + failed
        attributes = {
            "status": status,
            "created_at": stamp(1 + n % 5, 3600 + 977 * n, "%06d" % (n * 48271 % 1000000) if n % 4 == 1 else None),
            "total_count": total,
            "completed_count": members if status != "queued" else 0,
            "failed_count": failed,
            "completed_at": stamp(1 + n % 5, 3700 + 977 * n) if status in ("complete", "cancelled") else None,
            "expires_at": stamp(8 + n % 5, 3600 + 977 * n, suffix="Z" if n % 6 == 5 else "+00:00"),
            "errors": [job_error(rng, n + k, member_id(3000 + n, sizes[k])) for k in range(failed)]
            if status == "complete"
            else None,
        }
        if n % 5 == 3:
            attributes["completed_count"] = None
        ids = [member_id(4000 + 13 * n + k, sizes[k % 3]) for k in range(members)]
        job = {"type": "catalog-variant-bulk-create-job", "id": job_id, "attributes": attributes}
        if status != "queued":
            job["relationships"] = relationship(plural, job_id, "variants", "catalog-variant", ids)
        job["links"] = {"self": f"{API}/{plural}/{job_id}/"}
        jobs.append(job)
    cursor = "WzE3ODI5NjY0MzIsICI3ZnhtZ0xjYnhQQyIsIHRydWVd"
    return {
        "data": jobs,
        "links": {
            "self": f"{API}/{plural}",
            "next": f"{API}/{plural}?page%5Bcursor%5D={cursor}",
            "prev": None,
        },
    }


def catalog_item(rng, n, item_id):
    external = item_id.split(":::")[-1]
    colour, garment = COLOURS[n % 8], GARMENTS[n * 3 % 8]
    created = stamp(1 + n % 2, 16000 + 61 * n, "%06d" % (n * 7919 % 1000000))
    images = [f"https://cdn.example.com/products/{external.lower()}/{k}.jpg" for k in range(n % 3)]
    metadata = {}
    if n % 3 == 0:
        metadata = {
            "Top Pick": n % 2 == 0,
            "season": "SS26",
            "colors": [colour.lower(), "white"],
            "weight_kg": round(0.2 + n * 0.013, 3),
            "dimensions": {"w": 30 + n, "h": 40, "unit": "cm"},
        }
    return {
        "type": "catalog-item",
        "id": item_id,
        "attributes": {
            "external_id": external,
            "title": f"{colour} {garment} ({n})",
            "description": f"{colour} {garment.lower()} nº {n}: organic cotton, long sleeves, "
            "“kaleidoscope” pattern. Lavable à 30 °C. 洗濯機可。",
            "price": None if n % 10 == 7 else round(9.99 + n * 1.25, 2),
            "url": f"https://example.com/products/{external.lower()}",
            "image_full_url": images[0] if images else "",
            "image_thumbnail_url": images[0].replace(".jpg", "-thumb.jpg") if images else "",
            "images": images,
            "custom_metadata": metadata,
            "published": n % 9 != 4,
            "created": created,
            "updated": created,
        },
        "relationships": {
            "variants": {
                "links": {
                    "self": f"{API}/catalog-items/{item_id}/relationships/variants/",
                    "related": f"{API}/catalog-items/{item_id}/variants/",
                }
            }
        },
        "links": {"self": f"{API}/catalog-items/{item_id}/"},
    }


def included():
    rng = random.Random(5004)
    job_id = ulid(rng)
    plural = "catalog-item-bulk-create-jobs"
    ids = [member_id(6000 + 3 * n) for n in range(40)]
    return {
        "data": {
            "type": "catalog-item-bulk-create-job",
            "id": job_id,
            "attributes": {
                "status": "complete",
                "created_at": stamp(2, 16020),
                "total_count": 40,
                "completed_count": 40,
                "failed_count": 0,
                "completed_at": stamp(2, 16031),
                "expires_at": stamp(9, 16020),
                "errors": [],
            },
            "relationships": relationship(plural, job_id, "items", "catalog-item", ids),
            "links": {"self": f"{API}/{plural}/{job_id}/"},
        },
        "included": [catalog_item(rng, n, item_id) for n, item_id in enumerate(ids)],
        "links": {"self": f"{API}/{plural}/{job_id}?include=items"},
    }


def compact_utf8(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


DOCUMENTS = {
    "small": lambda: compact_utf8(small()),
    "full": lambda: json.dumps(full(), indent=2).encode("ascii") + b"\n",
    "list": lambda: compact_utf8(list_page()),
    "included": lambda: compact_utf8(included()),
}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, make in DOCUMENTS.items():
        data = make()
        path = HERE / f"{name}.json"
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.write_bytes(data)
        print(f"{name}.json: {len(data)} bytes")
    if stale:
        sys.exit(f"out of date, run benches/data/generate.py: {', '.join(stale)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Read a firmware ELF (32-bit little-endian ARM) with no extra tools.

    measure.py sizes ELF            section sizes: flash (.text+.rodata), RAM (.data+.bss+.uninit)
    measure.py no-alloc ELF...      fail if any ELF links an allocator
    measure.py top ELF [N] [WORD]   the N largest symbols (name containing WORD)
    measure.py crates ELF [N]       code and data bytes by crate (after inlining)
    measure.py report LOG_DIR       the tables run.sh prints, and the budget checks

Exit status: 0, or 1 when a check fails.
"""

import json
import os
import re
import struct
import sys

SHT_SYMTAB = 2
SHF_ALLOC = 2

# Symbols that exist only when a global allocator (or the alloc crate's
# default one) is linked.
ALLOCATOR_SYMBOLS = (
    "__rust_alloc",
    "__rust_alloc_zeroed",
    "__rust_realloc",
    "__rust_dealloc",
    "__rg_alloc",
    "__rg_alloc_zeroed",
    "__rg_realloc",
    "__rg_dealloc",
    "__rdl_alloc",
    "__rust_alloc_error_handler",
    "__rg_oom",
)


class Elf:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 1 or d[5] != 1:
            raise SystemExit(f"{path}: not a 32-bit little-endian ELF")
        (self.shoff,) = struct.unpack_from("<I", d, 0x20)
        self.shentsize, self.shnum, self.shstrndx = struct.unpack_from("<HHH", d, 0x2E)
        self.sections = []
        for i in range(self.shnum):
            name, type_, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
                "<IIIIIIIIII", d, self.shoff + i * self.shentsize
            )
            self.sections.append(
                dict(name_off=name, type=type_, flags=flags, addr=addr, offset=offset, size=size, link=link, entsize=entsize)
            )
        strtab = self.sections[self.shstrndx]
        for s in self.sections:
            s["name"] = self._str(strtab["offset"], s["name_off"])

    def _str(self, base, off):
        end = self.data.index(b"\0", base + off)
        return self.data[base + off : end].decode("utf-8", "replace")

    def size_of(self, name):
        return sum(s["size"] for s in self.sections if s["name"] == name)

    def symbols(self):
        for s in self.sections:
            if s["type"] != SHT_SYMTAB:
                continue
            strtab = self.sections[s["link"]]
            for i in range(s["size"] // 16):
                name, value, size, info, other, shndx = struct.unpack_from("<IIIBBH", self.data, s["offset"] + i * 16)
                section = self.sections[shndx]["name"] if 0 < shndx < len(self.sections) else ""
                yield self._str(strtab["offset"], name), value, size, info & 0xF, section


def sizes(path):
    elf = Elf(path)
    text, rodata = elf.size_of(".text"), elf.size_of(".rodata")
    data, bss, uninit = elf.size_of(".data"), elf.size_of(".bss"), elf.size_of(".uninit")
    return {
        "vector_table": elf.size_of(".vector_table"),
        "text": text,
        "rodata": rodata,
        "flash": text + rodata,
        "data": data,
        "bss": bss,
        "uninit": uninit,
        "ram": data + bss + uninit,
    }


def demangle(name):
    """Rust legacy mangling (`_ZN…E`), enough to read crate and item paths."""
    if not name.startswith("_ZN"):
        return name
    at, parts = 3, []
    while at < len(name) and name[at].isdigit():
        digits = re.match(r"\d+", name[at:]).group()
        at += len(digits)
        parts.append(name[at : at + int(digits)])
        at += int(digits)
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("$RF$", "&"), ("$BP$", "*"),
                       ("$u5b$", "["), ("$u5d$", "]"), ("$u7b$", "{"), ("$u7d$", "}"), ("$u27$", "'"), ("..", "::")):
        text = text.replace(code, char)
    return text.replace("::_<", "::<").lstrip("_")


def crate_of(name):
    name = re.sub(r"^(?:[<&* ]|mut |dyn )+", "", name)
    if name.startswith(".Lswitch.table."):
        return crate_of(demangle(name[len(".Lswitch.table.") :]))
    if name.startswith(".L") or name.startswith("anon."):
        return "(unnamed constants)"
    if name.startswith("_R"):
        # v0 mangling: the first crate root is `C<disambiguator>_<len><name>`.
        match = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_])", name)
        if match:
            start = match.start(2)
            return name[start : start + int(match.group(1))]
    if name.startswith("__") or name in ("memcpy", "memset", "memmove") or "compiler_builtins" in name:
        return "compiler_builtins"
    if name.startswith("_defmt") or name.startswith("defmt"):
        return "defmt"
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return match.group(1) if match else name


def top(path, count=30, word=None):
    rows = []
    for name, value, size, kind, section in Elf(path).symbols():
        if size and kind in (1, 2) and section in (".text", ".rodata"):
            readable = demangle(name)
            if word is None or word in readable:
                rows.append((size, section, readable))
    rows.sort(reverse=True)
    return rows[:count]


def crates(path):
    totals = {}
    for name, value, size, kind, section in Elf(path).symbols():
        if size and kind in (1, 2) and section in (".text", ".rodata"):
            crate = crate_of(demangle(name))
            totals[crate] = totals.get(crate, 0) + size
    return sorted(totals.items(), key=lambda item: -item[1])


def largest_constant(path):
    """The largest unnamed read-only constant: the image `JobDocument::new()`
    is copied from, when its empty value is not all zero bytes."""
    sizes_ = [size for name, value, size, kind, section in Elf(path).symbols()
              if section == ".rodata" and name.startswith(".Lanon") and size >= 1024]
    return max(sizes_, default=0)


def no_alloc(paths):
    ok = True
    for path in paths:
        found = sorted({n for n, *_ in Elf(path).symbols() if n in ALLOCATOR_SYMBOLS or "__rust_alloc" in n})
        if found:
            ok = False
            print(f"FAIL {path}: allocator symbols {', '.join(found)}")
        else:
            count = sum(1 for _ in Elf(path).symbols())
            print(f"ok   {path}: none of {len(ALLOCATOR_SYMBOLS)} allocator symbols among {count} symbols")
    return ok


def parse_log(path):
    """`MEASURE stack DECODER MODE OUTPUT DOC BYTES`, `MEASURE instructions
    DECODER MODE OUTPUT DOC COUNT` and `MEASURE size DECODER WHAT BYTES`."""
    stacks, counts, sizes_ = {}, {}, {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            words = line.split()
            if "MEASURE" not in words:
                continue
            words = words[words.index("MEASURE") + 1 :]
            if words[0] in ("stack", "instructions") and len(words) >= 6:
                decoder, mode, output, doc, value = words[1:6]
                (stacks if words[0] == "stack" else counts)[(decoder, mode, output, doc)] = int(value)
            elif words[0] == "size" and len(words) >= 4:
                sizes_[(words[1], words[2])] = int(words[3])
    return stacks, counts, sizes_


def report(log_dir):
    """Print the tables and check the budgets; return whether all hold."""
    stacks, counts, struct_sizes = {}, {}, {}
    for name in ("ours.log", "sjc.log", "ours-default.log"):
        path = os.path.join(log_dir, name)
        if os.path.exists(path):
            s, c, z = parse_log(path)
            wanted = lambda key: name != "ours-default.log" or key[2] == "default"
            stacks.update({key: value for key, value in s.items() if wanted(key)})
            counts.update({key: value for key, value in c.items() if wanted(key)})
            struct_sizes.update(z)
    elfs = {}
    for name in ("ours", "sjc", "ours-bare", "sjc-bare", "none-bare", "ours-one", "sjc-one"):
        path = os.path.join(log_dir, name + ".elf")
        if os.path.exists(path):
            elfs[name] = sizes(path)
    enforce = os.environ.get("FIRMWARE_BUDGETS", "enforce") != "warn"
    failures = []

    def budget(ok, what):
        if not ok:
            failures.append(what)

    print("\n## Stack high-water mark per decode (bytes; Cortex-M4, opt-level s, LTO)\n")
    print("| document | output | ours whole | ours 64-byte chunks | serde-json-core whole | ours / sjc |")
    print("|---|---|---:|---:|---:|---:|")
    docs = []
    for (decoder, mode, output, doc) in stacks:
        if (output, doc) not in docs:
            docs.append((output, doc))
    order = {"full": 0, "list": 1, "poll": 2, "default": 3, "error": 4}
    docs.sort(key=lambda item: order.get(item[0], 9))
    for output, doc in docs:
        whole = stacks.get(("ours", "whole", output, doc))
        chunked = stacks.get(("ours", "chunked", output, doc))
        sjc = stacks.get(("sjc", "whole", output, doc))
        ratio = f"{max(whole or 0, chunked or 0) / sjc:.3f}" if sjc and (whole or chunked) else ""
        cell = lambda v: "" if v is None else str(v)
        print(f"| {doc} | {output} | {cell(whole)} | {cell(chunked)} | {cell(sjc)} | {ratio} |")
        if output != "default":
            for value in (whole, chunked):
                if value is not None:
                    budget(value <= 1024, f"ours {output} {doc}: stack {value} > 1024")
        limited = output == "error" or doc in SJC_CANNOT
        if sjc and not limited:
            worst = max(v for v in (whole, chunked) if v is not None)
            budget(2 * worst <= sjc, f"ours {output} {doc}: stack {worst} > half of serde-json-core's {sjc}")

    print("\n## Instructions per decode (Cortex-M4 under QEMU -icount, to within 40)\n")
    print("| document | bytes | output | ours whole | ours 64-byte chunks | serde-json-core whole | sjc / ours whole |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for output, doc in docs:
        if output == "error":
            continue
        whole = counts.get(("ours", "whole", output, doc))
        chunked = counts.get(("ours", "chunked", output, doc))
        sjc = counts.get(("sjc", "whole", output, doc))
        if doc in SJC_CANNOT and sjc is not None:
            ratio, sjc = "fails", f"fails ({sjc})"
        else:
            ratio = f"{sjc / whole:.2f}" if sjc and whole else ""
        cell = lambda v: "" if v is None else str(v)
        print(f"| {doc} | {document_size(doc)} | {output} | {cell(whole)} | {cell(chunked)} | {cell(sjc)} | {ratio} |")
    print("\n(serde-json-core's figure for a document it cannot decode is the cost of failing)")

    print("\n## Static sizes (bytes)\n")
    for (decoder, what), value in sorted(struct_sizes.items()):
        print(f"- {decoder} {what}: {value}")
    poll_total = struct_sizes.get(("ours", "poll-total"))
    if poll_total is not None:
        budget(poll_total <= 1024, f"status poll: output + decoder state {poll_total} > 1024")

    print("\n## Flash and RAM of the firmware (bytes)\n")
    print("| build | .text | .rodata | flash (.text+.rodata) | .data | .bss | .uninit (outputs) | RAM (.data+.bss+.uninit) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, s in elfs.items():
        print(
            f"| {name} | {s['text']} | {s['rodata']} | {s['flash']} | {s['data']} | {s['bss']} | {s['uninit']} | {s['ram']} |"
        )
    if "none-bare" in elfs:
        base = elfs["none-bare"]["flash"]
        print(
            f"\nDecoder's share of flash: a bare build (decodes, no checks, no logs) minus the build that "
            f"decodes nothing ({base} B: start-up code and the bundled documents).\n"
        )
        print("| decodes | ours | of which the empty output's image | serde-json-core | ours / sjc |")
        print("|---|---:|---:|---:|---:|")
        for suffix, what in (("bare", "full + poll + list, whole and chunked"), ("one", "full only, whole and chunked")):
            if f"ours-{suffix}" not in elfs or f"sjc-{suffix}" not in elfs:
                continue
            ours_share = elfs[f"ours-{suffix}"]["flash"] - base
            sjc_share = elfs[f"sjc-{suffix}"]["flash"] - base
            image = largest_constant(os.path.join(log_dir, f"ours-{suffix}.elf"))
            print(f"| {what} | {ours_share} | {image} | {sjc_share} | {ours_share / sjc_share:.3f} |")
            if suffix == "bare":
                budget(ours_share <= 0.75 * sjc_share, f"flash share {ours_share} > 0.75 x serde-json-core's {sjc_share}")
        print("\n(goal: ours / sjc <= 0.75, checked on the first row: the same work as the firmware)")

    print()
    if failures:
        for failure in failures:
            print(("BUDGET EXCEEDED: " if enforce else "budget exceeded (warn only): ") + failure)
    else:
        print("All budgets met.")
    return not failures or not enforce


def document_size(doc):
    """Bytes of a bundled document (data/DOC.json), or empty if not found."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", doc + ".json")
    return os.path.getsize(path) if os.path.exists(path) else ""


# Documents serde-json-core cannot decode: its figure is for a failed decode.
SJC_CANNOT = {"catalog-item-escapes"}


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    command, rest = argv[1], argv[2:]
    if command == "sizes":
        print(json.dumps(sizes(rest[0])))
    elif command == "no-alloc":
        return 0 if no_alloc(rest) else 1
    elif command == "top":
        count = int(rest[1]) if len(rest) > 1 else 30
        word = rest[2] if len(rest) > 2 else None
        for size, section, name in top(rest[0], count, word):
            print(f"{size:7} {section:8} {name}")
    elif command == "crates":
        count = int(rest[1]) if len(rest) > 1 else None
        for crate, size in crates(rest[0])[:count]:
            print(f"{size:7} {crate}")
    elif command == "report":
        return 0 if report(rest[0]) else 1
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
